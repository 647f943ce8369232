package dsgen.maskstage.service;

import dsgen.maskstage.MaskStage;
import dsgen.maskstage.StageOptions;
import dsgen.maskstage.dataset.VocLabelPng;
import dsgen.maskstage.pair.LibraryMaskComputer;
import dsgen.maskstage.topology.RecipeSelection;
import dsgen.store.ObjectStore;
import dsgen.store.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * CDI wiring of the service: the object store, the topology Quarkus runs, and how a dying stream
 * thread is handled.
 */
@ApplicationScoped
public class StageBeans {

  private static final Logger LOG = Logger.getLogger(StageBeans.class);

  @Produces
  @Singleton
  ObjectStore objectStore(Config config) {
    StoreConfig storeConfig =
        StoreConfig.fromProperties(key -> config.getOptionalValue(key, String.class));
    LOG.infof("object store: %s", storeConfig); // StoreConfig masks the credentials
    return ObjectStore.open(storeConfig);
  }

  void closeObjectStore(@Disposes ObjectStore store) {
    store.close();
  }

  @Produces
  @Singleton
  Topology topology(ObjectStore store, MeterRegistry registry, MaskStageConfig config) {
    StageOptions options =
        new StageOptions(
            config.jpegQuality(),
            config.storeRetry(),
            config.datasetClassesRefresh(),
            config.instanceId().orElseGet(StageBeans::hostName));
    Topology topology =
        MaskStage.topology(
            new RecipeSelection.FromJobs(),
            MaskStage.makePairs(
                store,
                new LibraryMaskComputer(),
                new VocLabelPng(),
                new MicrometerPairMetrics(registry),
                options,
                Clock.systemUTC()));
    LOG.infof("mask-stage topology:%n%s", topology.describe());
    return topology;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "mask-stage";
    }
  }
}
