package io.matscreen.dft.handlers;

import io.matscreen.dft.DftErrorKind;
import java.util.Map;

/** Corrupt or truncated output: rerun the same inputs in a clean directory. */
public final class RerunHandler implements ErrorHandler {
  private final int max;

  /** At most two reruns. */
  public RerunHandler() {
    this(2);
  }

  /** At most {@code maxCorrections} reruns. */
  public RerunHandler(int maxCorrections) {
    this.max = maxCorrections;
  }

  @Override
  public String name() {
    return "rerun-corrupt";
  }

  @Override
  public boolean handles(DftErrorKind kind) {
    return kind == DftErrorKind.CORRUPT_OUTPUT;
  }

  @Override
  public int maxCorrections() {
    return max;
  }

  @Override
  public Correction correct(DftJobContext c) {
    return Correction.rerun(
        Map.of(), null, "corrupt output (" + c.result().errorDetail() + "): rerun");
  }
}
