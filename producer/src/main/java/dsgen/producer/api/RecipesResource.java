package dsgen.producer.api;

import dsgen.producer.service.ProducerConfig;
import dsgen.recipe.MethodSpec;
import dsgen.recipe.ParamSpec;
import dsgen.recipe.Recipes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The mask methods a job may name, with their parameters (for the jobs page's submit form). */
@Path("/recipes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
public class RecipesResource {
  @Inject ProducerConfig config;

  /**
   * @param defaultValue the default at the default image size's attention resolution
   */
  public record Param(String name, String type, String description, Object defaultValue) {}

  public record Method(String method, String description, List<Param> params) {}

  @GET
  @Operation(
      summary = "The mask methods",
      description = "Each method with its parameters and their defaults at the default image size.")
  public List<Method> list() {
    int topResolution = config.defaults().size() / 8;
    return Recipes.methods().stream()
        .map(Recipes::spec)
        .map(spec -> method(spec, topResolution))
        .toList();
  }

  private static Method method(MethodSpec spec, int topResolution) {
    List<Param> params =
        spec.params().stream()
            .map(
                (ParamSpec p) ->
                    new Param(
                        p.name(),
                        p.type().name().toLowerCase(java.util.Locale.ROOT),
                        p.description(),
                        p.defaultFor().apply(topResolution)))
            .toList();
    return new Method(spec.name(), spec.description(), params);
  }
}
