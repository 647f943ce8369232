package dsgen.producer.gallery;

import dsgen.producer.service.ProducerConfig;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset objects the gallery shows, read from the object store (checked against their
 * reference's size and SHA-256 by the store) and kept in a bounded cache keyed by content, so the
 * browser never needs object-store credentials and a popular image is read once.
 */
@ApplicationScoped
public class GalleryObjects {
  private static final Logger LOG = LoggerFactory.getLogger(GalleryObjects.class);
  private static final long MEGABYTE = 1024L * 1024L;

  @Inject ProducerConfig config;
  @Inject Config settings;

  private ByteCache cache;
  private ObjectStore store;

  @PostConstruct
  void init() {
    cache = new ByteCache(config.gallery().cacheMegabytes() * MEGABYTE);
  }

  /** The object's bytes as written. */
  public byte[] bytes(StoredObject object) {
    return cache.get("object " + key(object), () -> store().get(object.toRef()));
  }

  /**
   * The mask as a transparent overlay in the VOC colours.
   *
   * @throws IllegalArgumentException when the mask is not a palette PNG
   */
  public byte[] overlay(StoredObject mask) {
    return cache.get("overlay " + key(mask), () -> MaskOverlay.render(bytes(mask)));
  }

  /** Where and what: an object is only served from the cache for its own reference. */
  private static String key(StoredObject object) {
    return object.uri() + "#" + object.sha256();
  }

  public ByteCache cache() {
    return cache;
  }

  private synchronized ObjectStore store() {
    if (store == null) {
      StoreConfig storeConfig =
          StoreConfig.fromProperties(key -> settings.getOptionalValue(key, String.class));
      LOG.info("gallery object store: {}", storeConfig); // StoreConfig masks the credentials
      store = ObjectStore.open(storeConfig);
    }
    return store;
  }

  @PreDestroy
  synchronized void close() {
    if (store != null) {
      store.close();
    }
  }
}
