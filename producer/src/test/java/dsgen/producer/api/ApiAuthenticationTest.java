package dsgen.producer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A token is required unless authentication is turned off explicitly. */
class ApiAuthenticationTest {

  @Test
  void theDefaultModeRequiresAToken() {
    assertEquals(
        Optional.of("s3cr3t"), ApiAuthentication.requiredToken("token", Optional.of(" s3cr3t ")));
    for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of("  "))) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> ApiAuthentication.requiredToken("token", none));
      assertTrue(e.getMessage().contains("dsgen.producer.auth-token"), e.getMessage());
      assertTrue(e.getMessage().contains("dsgen.api.auth=none"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line");
    }
  }

  @Test
  void onlyAnExplicitNoneTurnsItOff() {
    assertEquals(Optional.empty(), ApiAuthentication.requiredToken("none", Optional.empty()));
    assertEquals(Optional.empty(), ApiAuthentication.requiredToken("none", Optional.of("t")));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ApiAuthentication.requiredToken("off", Optional.of("t")));
    assertEquals(
        "dsgen.api.auth (DSGEN_API_AUTH) must be 'token' or 'none', was 'off'", e.getMessage());
  }
}
