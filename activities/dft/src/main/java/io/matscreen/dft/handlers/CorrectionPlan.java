package io.matscreen.dft.handlers;

import io.matscreen.dft.DftErrorKind;
import java.util.List;

/**
 * Custodian-like decision: given a failed attempt, pick the first handler for its error kind and
 * return its correction, or give up when no handler applies, the handler has used up its
 * corrections, or the job has used up its total attempts.
 */
public final class CorrectionPlan {
  private final List<ErrorHandler> handlers;
  private final int maxAttempts;

  /**
   * @param maxAttempts total attempts per job including the first
   */
  public CorrectionPlan(List<ErrorHandler> handlers, int maxAttempts) {
    this.handlers = List.copyOf(handlers);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    this.maxAttempts = maxAttempts;
  }

  /** SCF (3), walltime (3), ionic steps (3), requeue (2), corrupt rerun (2); at most 8 attempts. */
  public static CorrectionPlan standard() {
    return new CorrectionPlan(
        List.of(
            new ScfConvergenceHandler(3),
            new GeometryRestartHandler(DftErrorKind.WALLTIME, 3),
            new GeometryRestartHandler(DftErrorKind.IONIC_NOT_CONVERGED, 3),
            new RequeueHandler(2),
            new RerunHandler(2)),
        8);
  }

  /** The handlers in order. */
  public List<ErrorHandler> handlers() {
    return handlers;
  }

  /** The handler that would act on {@code kind}, or null. */
  public ErrorHandler handlerFor(DftErrorKind kind) {
    for (ErrorHandler h : handlers) {
      if (h.handles(kind)) {
        return h;
      }
    }
    return null;
  }

  /**
   * The next step for a failed attempt. The caller counts applied corrections per handler name in
   * the context. Never called for successful results.
   */
  public Correction next(DftJobContext c) {
    DftErrorKind kind = c.result().errorKind();
    if (kind == DftErrorKind.NONE) {
      throw new IllegalArgumentException(
          "attempt " + c.attempt() + " succeeded; nothing to correct");
    }
    String detail = c.result().errorDetail();
    ErrorHandler h = handlerFor(kind);
    if (h == null) {
      return Correction.giveUp(kind + ": " + detail + " (no handler for this error)");
    }
    if (c.correctionsBy(h.name()) >= h.maxCorrections()) {
      return Correction.giveUp(
          kind
              + ": "
              + detail
              + " (handler "
              + h.name()
              + " gave up after "
              + h.maxCorrections()
              + " corrections)");
    }
    if (c.attempt() >= maxAttempts) {
      return Correction.giveUp(kind + ": " + detail + " (" + maxAttempts + " attempts used)");
    }
    return h.correct(c);
  }
}
