package dsgen.producer.gallery;

import dsgen.producer.tracker.TrackerNotReadyException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Where the gallery's stores are read: the running tracker, or a test driver. */
public interface GalleryStores {

  /**
   * @throws TrackerNotReadyException while the stores cannot be read
   */
  <V> ReadOnlyKeyValueStore<String, V> store(String name);

  /** The state to name when a read fails. */
  String state();

  /** The tracker's stores; every key of a dataset lives in this single instance. */
  static GalleryStores of(KafkaStreams streams) {
    return new GalleryStores() {
      @Override
      public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
          throw new TrackerNotReadyException(streams.state().name());
        }
        try {
          return streams.store(
              StoreQueryParameters.fromNameAndType(
                  name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
          throw new TrackerNotReadyException(streams.state().name());
        }
      }

      @Override
      public String state() {
        return streams.state().name();
      }
    };
  }
}
