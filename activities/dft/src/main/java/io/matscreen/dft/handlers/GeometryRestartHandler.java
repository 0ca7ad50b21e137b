package io.matscreen.dft.handlers;

import io.matscreen.dft.DftErrorKind;
import java.util.Map;

/**
 * Walltime reached or ionic steps exhausted: restart the relaxation from the last geometry the
 * parser recovered, with unchanged settings. Gives up if no geometry was recovered.
 */
public final class GeometryRestartHandler implements ErrorHandler {
  private final DftErrorKind kind;
  private final int max;

  /**
   * Handles {@code kind} (WALLTIME or IONIC_NOT_CONVERGED) at most {@code maxCorrections} times.
   */
  public GeometryRestartHandler(DftErrorKind kind, int maxCorrections) {
    if (kind != DftErrorKind.WALLTIME && kind != DftErrorKind.IONIC_NOT_CONVERGED) {
      throw new IllegalArgumentException(
          "restart from geometry handles WALLTIME or IONIC_NOT_CONVERGED, not " + kind);
    }
    this.kind = kind;
    this.max = maxCorrections;
  }

  @Override
  public String name() {
    return kind == DftErrorKind.WALLTIME ? "walltime-restart" : "ionic-restart";
  }

  @Override
  public boolean handles(DftErrorKind k) {
    return k == kind;
  }

  @Override
  public int maxCorrections() {
    return max;
  }

  @Override
  public Correction correct(DftJobContext c) {
    if (c.result().structure() == null) {
      return Correction.giveUp(kind + " and no geometry could be recovered to restart from");
    }
    return Correction.rerun(
        Map.of(),
        c.result().structure(),
        kind
            + " after "
            + c.result().ionicSteps()
            + " ionic steps: restart from the last geometry");
  }
}
