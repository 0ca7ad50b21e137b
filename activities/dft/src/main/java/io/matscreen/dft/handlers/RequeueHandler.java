package io.matscreen.dft.handlers;

import io.matscreen.dft.DftErrorKind;
import java.util.Locale;
import java.util.Map;

/**
 * Node failure, preemption or a lost process: submit the same job again. For out-of-memory, the
 * job's memory_mb setting is doubled when it is set (the scheduler default is kept otherwise).
 */
public final class RequeueHandler implements ErrorHandler {
  private final int max;

  /** At most two requeues. */
  public RequeueHandler() {
    this(2);
  }

  /** At most {@code maxCorrections} requeues. */
  public RequeueHandler(int maxCorrections) {
    this.max = maxCorrections;
  }

  @Override
  public String name() {
    return "requeue";
  }

  @Override
  public boolean handles(DftErrorKind kind) {
    return kind == DftErrorKind.NODE_FAILURE || kind == DftErrorKind.OUT_OF_MEMORY;
  }

  @Override
  public int maxCorrections() {
    return max;
  }

  @Override
  public Correction correct(DftJobContext c) {
    if (c.result().errorKind() == DftErrorKind.OUT_OF_MEMORY
        && c.settings().containsKey("memory_mb")) {
      long mem = Long.parseLong(c.settings().get("memory_mb").trim());
      return Correction.rerun(
          Map.of("memory_mb", Long.toString(mem * 2)),
          c.result().structure(),
          String.format(Locale.ROOT, "out of memory with %d MiB: rerun with %d MiB", mem, mem * 2));
    }
    return Correction.requeue(
        c.result().errorKind() + " (" + c.result().errorDetail() + "): requeue");
  }
}
