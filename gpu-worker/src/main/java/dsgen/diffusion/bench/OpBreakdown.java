package dsgen.diffusion.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A per-operator profile of one UNet step from libtorch's own profiler (DJL's {@code
 * JniUtils.startProfile}/{@code stopProfile}, a Chrome trace): self time per operator (a parent's
 * time minus its children's, so nothing counts twice), grouped into matmuls, convolutions,
 * GroupNorm, LayerNorm, softmax, copies and layout changes, element-wise and other; the number of
 * top-level operators is the number of calls Java made into libtorch (one JNI call each).
 */
final class OpBreakdown {
  /** Groups in print order, each with the aten operator names (after "aten::") it holds. */
  private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("matmul", List.of("mm", "bmm", "addmm", "matmul", "linear", "baddbmm", "einsum"));
    GROUPS.put(
        "conv",
        List.of(
            "conv2d",
            "convolution",
            "_convolution",
            "mkldnn_convolution",
            "_mkldnn_convolution",
            "_nnpack_spatial_convolution",
            "thnn_conv2d",
            "_slow_conv2d_forward"));
    GROUPS.put("groupnorm", List.of("group_norm", "native_group_norm"));
    GROUPS.put("layernorm", List.of("layer_norm", "native_layer_norm"));
    GROUPS.put("softmax", List.of("softmax", "_softmax", "log_softmax"));
    GROUPS.put(
        "copy/layout",
        List.of(
            "copy_",
            "contiguous",
            "clone",
            "to",
            "_to_copy",
            "transpose",
            "permute",
            "reshape",
            "view",
            "_reshape_alias",
            "cat",
            "expand",
            "as_strided",
            "slice",
            "select",
            "narrow",
            "squeeze",
            "unsqueeze",
            "flatten",
            "empty",
            "empty_like",
            "empty_strided",
            "resize_",
            "upsample_nearest2d",
            "repeat",
            "stack",
            "split",
            "chunk"));
    GROUPS.put(
        "elementwise",
        List.of(
            "add",
            "add_",
            "mul",
            "mul_",
            "sub",
            "div",
            "div_",
            "silu",
            "gelu",
            "sigmoid",
            "exp",
            "sum",
            "mean",
            "max",
            "clamp",
            "neg",
            "sqrt",
            "rsqrt",
            "pow",
            "sin",
            "cos",
            "where",
            "fill_",
            "zero_",
            "zeros",
            "ones",
            "masked_fill",
            "tanh"));
  }

  record Result(
      Map<String, Double> msByGroup, Map<String, Double> msByOp, int topLevelCalls, double wallMs) {
    Result withWall(double ms) {
      return new Result(msByGroup, msByOp, topLevelCalls, ms);
    }

    double opMs() {
      return msByGroup.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private OpBreakdown() {}

  static void start() {
    JniUtils.startProfile(false, false, false);
  }

  static Result stop() throws IOException {
    Path trace = Files.createTempFile("dsgen-unet-profile", ".json");
    try {
      JniUtils.stopProfile(trace.toString());
      return parse(new ObjectMapper().readTree(trace.toFile()));
    } finally {
      Files.deleteIfExists(trace);
    }
  }

  static Result parse(JsonNode root) {
    JsonNode events = root.isArray() ? root : root.path("traceEvents");
    record Event(String name, long tid, double ts, double dur) {}
    Map<Long, List<Event>> byThread = new TreeMap<>();
    for (JsonNode e : events) {
      if (!"X".equals(e.path("ph").asText())) {
        continue;
      }
      Event ev =
          new Event(
              e.path("name").asText(),
              e.path("tid").asLong(),
              e.path("ts").asDouble(),
              e.path("dur").asDouble());
      byThread.computeIfAbsent(ev.tid(), k -> new ArrayList<>()).add(ev);
    }
    Map<String, Double> selfUs = new TreeMap<>();
    int top = 0;
    for (List<Event> list : byThread.values()) {
      list.sort(Comparator.comparingDouble(Event::ts).thenComparing(e -> -e.dur()));
      Deque<double[]> stack = new ArrayDeque<>(); // [end, childTime, index]
      List<double[]> self = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Event e = list.get(i);
        while (!stack.isEmpty() && stack.peek()[0] <= e.ts()) {
          stack.pop();
        }
        if (stack.isEmpty()) {
          top++;
        } else {
          stack.peek()[1] += e.dur();
        }
        double[] frame = {e.ts() + e.dur(), 0, i};
        stack.push(frame);
        self.add(frame);
      }
      for (double[] f : self) {
        Event e = list.get((int) f[2]);
        selfUs.merge(e.name(), Math.max(0, e.dur() - f[1]), Double::sum);
      }
    }
    Map<String, Double> groups = new LinkedHashMap<>();
    GROUPS.keySet().forEach(g -> groups.put(g, 0.0));
    groups.put("other", 0.0);
    Map<String, Double> ops = new LinkedHashMap<>();
    selfUs.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> ops.put(e.getKey(), e.getValue() / 1000));
    for (Map.Entry<String, Double> e : selfUs.entrySet()) {
      groups.merge(group(e.getKey()), e.getValue() / 1000, Double::sum);
    }
    return new Result(groups, ops, top, Double.NaN);
  }

  static String group(String op) {
    String bare = op.startsWith("aten::") ? op.substring(6) : op;
    for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
      if (g.getValue().contains(bare)) {
        return g.getKey();
      }
    }
    return "other";
  }
}
