package dsgen.recipe;

import dsgen.attention.TensorName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A mask method of the catalogue: its parameters (docs/algorithms.md#recipes), the attention
 * tensors a recipe of it reads (docs/algorithms.md#attention-file) and the rules that tie
 * parameters together.
 */
public interface MethodSpec {
  String name();

  /** One line for people (shown by --help and in error messages). */
  String description();

  /** Parameters in documentation order. */
  List<ParamSpec> params();

  /**
   * Attention tensors a recipe with these (resolved) parameters reads, for a model of top
   * resolution R.
   */
  SortedSet<TensorName> requiredTensors(Map<String, Object> params, int topResolution);

  /**
   * A rule between parameters that the values break, as a message naming them; empty when all hold.
   */
  default Optional<InvalidRecipeException> crossCheck(Map<String, Object> params) {
    return Optional.empty();
  }

  default Optional<ParamSpec> param(String name) {
    return params().stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
