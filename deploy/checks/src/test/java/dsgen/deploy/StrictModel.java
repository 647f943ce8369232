package dsgen.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strictness the typed models lack on their own: fabric8 and Strimzi classes keep unknown fields in
 * an {@code additionalProperties} map instead of failing (so a misspelt {@code readinesProbe} would
 * parse silently). This walks a parsed object and names every field that landed there.
 */
final class StrictModel {
  private StrictModel() {}

  /** The paths (e.g. {@code spec.template.spec.containers[0].readinesProbe}) of unknown fields. */
  static List<String> unknownFields(Object parsed) {
    List<String> found = new ArrayList<>();
    walk(parsed, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
    return found;
  }

  private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", found, seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
      return;
    }
    if (!isModel(node.getClass())) {
      return;
    }
    for (Class<?> c = node.getClass(); c != null && isModel(c); c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object value = read(field, node);
        if (field.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(join(path, String.valueOf(k))));
        } else {
          walk(value, join(path, field.getName()), found, seen);
        }
      }
    }
  }

  private static boolean isModel(Class<?> c) {
    String name = c.getName();
    return name.startsWith("io.fabric8.")
        || name.startsWith("io.strimzi.")
        || name.startsWith("dsgen.deploy.");
  }

  private static Object read(Field field, Object owner) {
    try {
      field.setAccessible(true);
      return field.get(owner);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read " + field + ": " + e, e);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
