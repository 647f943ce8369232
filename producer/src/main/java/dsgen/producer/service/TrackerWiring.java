package dsgen.producer.service;

import dsgen.producer.gallery.GalleryQueries;
import dsgen.producer.gallery.GalleryStores;
import dsgen.producer.tracker.TrackerQueries;
import dsgen.producer.tracker.TrackerTopology;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands the tracker topology to Quarkus' Kafka Streams and its running instance to the queries. */
@ApplicationScoped
public class TrackerWiring {
  /** Records the tracker skipped before counting, by topic and reason. */
  public static final String SKIPPED = "dsgen.tracker.skipped.records";

  private static final Logger LOG = LoggerFactory.getLogger(TrackerWiring.class);

  /**
   * Dependent scope on purpose: Kafka Streams reads Topology's fields directly, so it must not get
   * a client proxy.
   */
  @Produces
  Topology trackerTopology(ProducerConfig config, MeterRegistry registry) {
    return TrackerTopology.build(
        config.tracker().lastErrors(),
        (topic, reason) -> {
          LOG.warn("tracker skipped a record of {}: {}", topic, reason);
          registry.counter(SKIPPED, "topic", topic, "reason", reason).increment();
        });
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
