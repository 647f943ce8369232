package dsgen.producer.service;

import dsgen.producer.gallery.GalleryQueries;
import dsgen.producer.gallery.GalleryStores;
import dsgen.producer.tracker.TrackerQueries;
import dsgen.producer.tracker.TrackerTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/** Hands the tracker topology to Quarkus' Kafka Streams and its running instance to the queries. */
@ApplicationScoped
public class TrackerWiring {
  /**
   * Dependent scope on purpose: Kafka Streams reads Topology's fields directly, so it must not get
   * a client proxy.
   */
  @Produces
  Topology trackerTopology(ProducerConfig config) {
    return TrackerTopology.build(config.tracker().lastErrors());
  }

  @Produces
  @ApplicationScoped
  GalleryQueries galleryQueries(KafkaStreams streams) {
    return new GalleryQueries(GalleryStores.of(streams));
  }

  @Produces
  @ApplicationScoped
  TrackerQueries trackerQueries(KafkaStreams streams) {
    return new TrackerQueries(streams);
  }
}
