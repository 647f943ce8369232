package dsgen.producer.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the job API authenticates, under {@code dsgen.api}; described in application.properties and
 * the README table like {@link ProducerConfig}.
 */
@ConfigMapping(prefix = "dsgen.api")
public interface ApiConfig {
  /**
   * {@code token}: every /jobs call needs the bearer token {@code dsgen.producer.auth-token}, and
   * the producer does not start without one. {@code none}: no authentication, only when set
   * explicitly.
   */
  @WithDefault("token")
  String auth();
}
