package dsgen.worker.ops;

/** What readiness is made of; the worker is ready when all four hold. */
public record Readiness(
    boolean modelLoaded, boolean brokerReachable, boolean storeReachable, boolean consuming) {
  public boolean ready() {
    return modelLoaded && brokerReachable && storeReachable && consuming;
  }
}
