package dsgen.producer.api;

import dsgen.producer.service.ApiConfig;
import dsgen.producer.service.ProducerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The job API's authentication rule: a bearer token is required unless {@code dsgen.api.auth=none}
 * was set explicitly. A producer told to require a token but given none refuses to start, with a
 * one-line reason, instead of serving an open API.
 */
@ApplicationScoped
public class ApiAuthentication {
  static final String TOKEN = "token";
  static final String NONE = "none";

  @Inject ApiConfig api;
  @Inject ProducerConfig producer;

  void checkAtStart(@Observes StartupEvent event) {
    requiredToken(api.auth(), producer.authToken());
  }

  /** The token /jobs calls must carry; empty when authentication is off. */
  Optional<String> requiredToken() {
    return requiredToken(api.auth(), producer.authToken());
  }

  /**
   * @throws IllegalStateException naming the setting to change, when the mode is unknown or a token
   *     is required but not set
   */
  static Optional<String> requiredToken(String mode, Optional<String> token) {
    String m = mode == null ? "" : mode.strip();
    if (m.equals(NONE)) {
      return Optional.empty();
    }
    if (!m.equals(TOKEN)) {
      throw new IllegalStateException(
          "dsgen.api.auth (DSGEN_API_AUTH) must be 'token' or 'none', was '" + m + "'");
    }
    Optional<String> t = token.map(String::strip).filter(s -> !s.isEmpty());
    if (t.isEmpty()) {
      throw new IllegalStateException(
          "the job API requires a bearer token: set dsgen.producer.auth-token"
              + " (DSGEN_PRODUCER_AUTH_TOKEN), or dsgen.api.auth=none (DSGEN_API_AUTH=none) to run"
              + " it without authentication");
    }
    return t;
  }
}
