package dsgen.producer.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bearer-token check for the job API, unless {@link ApiAuthentication} says authentication is off.
 * The token is read from the {@code Authorization} header only (never from the URL, which ends up
 * in logs and browser history). Health, metrics and OpenAPI stay open (they are not JAX-RS
 * resources of this service). The token is compared in constant time and never logged.
 */
public class BearerTokenFilter {
  private static final String PREFIX = "Bearer ";

  @Inject ApiAuthentication authentication;

  @ServerRequestFilter
  public Optional<Response> requireToken(ContainerRequestContext request) {
    Optional<String> expected = authentication.requiredToken();
    if (expected.isEmpty()) {
      return Optional.empty();
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null
        && header.startsWith(PREFIX)
        && matches(header.substring(PREFIX.length()).strip(), expected.get())) {
      return Optional.empty();
    }
    return Optional.of(
        Response.status(401)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dsgen\"")
            .entity(
                ErrorResponse.of(
                    header == null
                        ? "missing Authorization: Bearer <token> header"
                        : "wrong bearer token"))
            .type("application/json")
            .build());
  }

  private static boolean matches(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
