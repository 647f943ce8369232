package dsgen.producer.service;

/**
 * The producer cannot take requests yet (it is connecting to Kafka, or lost its ledger); the API
 * answers 503.
 */
public final class ServiceUnavailableException extends RuntimeException {
  public ServiceUnavailableException(String message) {
    super(message);
  }
}
