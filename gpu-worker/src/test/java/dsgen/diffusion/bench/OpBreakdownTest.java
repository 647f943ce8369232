package dsgen.diffusion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Self times from a nested Chrome trace: a parent's time minus its children's, counted once. */
class OpBreakdownTest {
  @Test
  void nestedOperatorsCountTheirSelfTimeOnce() throws Exception {
    // linear [0, 100) holds matmul [10, 90) which holds mm [20, 80); then softmax [100, 130)
    String trace =
        """
        {"traceEvents": [
          {"ph": "X", "name": "aten::linear", "tid": 1, "ts": 0, "dur": 100},
          {"ph": "X", "name": "aten::matmul", "tid": 1, "ts": 10, "dur": 80},
          {"ph": "X", "name": "aten::mm", "tid": 1, "ts": 20, "dur": 60},
          {"ph": "X", "name": "aten::_softmax", "tid": 1, "ts": 100, "dur": 30},
          {"ph": "i", "name": "marker", "tid": 1, "ts": 5}
        ]}""";
    OpBreakdown.Result r = OpBreakdown.parse(new ObjectMapper().readTree(trace));
    assertEquals(2, r.topLevelCalls());
    assertEquals(0.060, r.msByOp().get("aten::mm"), 1e-12);
    assertEquals(0.020, r.msByOp().get("aten::matmul"), 1e-12);
    assertEquals(0.020, r.msByOp().get("aten::linear"), 1e-12);
    assertEquals(0.100, r.msByGroup().get("matmul"), 1e-12);
    assertEquals(0.030, r.msByGroup().get("softmax"), 1e-12);
    assertEquals(0.130, r.opMs(), 1e-12);
  }
}
