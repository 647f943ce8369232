package dsgen.diffusion.capture;

import java.util.List;

/**
 * Accumulates one family of attention tensors over the attention calls of a generation batch, on
 * the device, as running sums allocated once: nothing per step or per layer is kept.
 */
interface Recorder extends AutoCloseable {
  /** Called for every attention evaluation of every step; ignores calls that do not concern it. */
  void record(CallTensors call);

  /**
   * The finished tensors of batch element {@code request}: maps still on the device go through
   * {@code finisher} (host copy or device-side encoding); maps built on the host are returned as
   * they are.
   */
  List<CapturedTensor> finish(int request, Finisher finisher);

  /** Frees the device accumulators. */
  @Override
  void close();
}
