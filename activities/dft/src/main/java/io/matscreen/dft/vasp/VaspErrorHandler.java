package io.matscreen.dft.vasp;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.handlers.Correction;
import io.matscreen.dft.handlers.CorrectionPlan;
import io.matscreen.dft.handlers.DftJobContext;
import io.matscreen.dft.handlers.ErrorHandler;
import io.matscreen.dft.handlers.GeometryRestartHandler;
import io.matscreen.dft.handlers.RequeueHandler;
import io.matscreen.dft.handlers.RerunHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Custodian-style INCAR corrections for the VASP errors in {@link VaspError}, applied through
 * {@code incar.TAG} settings of {@link VaspMpRelaxInputSet}. A plain SCF non-convergence (NELM
 * reached without a message) switches ALGO to Normal, then All, with more electronic steps.
 */
public final class VaspErrorHandler implements ErrorHandler {
  private final int max;

  /**
   * The plan for {@link VaspMpRelaxInputSet}: VASP error corrections first, then walltime/ionic
   * restarts, requeue and rerun; at most 8 attempts.
   */
  public static CorrectionPlan mpRelaxPlan() {
    return new CorrectionPlan(
        List.of(
            new VaspErrorHandler(5),
            new GeometryRestartHandler(DftErrorKind.WALLTIME, 3),
            new GeometryRestartHandler(DftErrorKind.IONIC_NOT_CONVERGED, 3),
            new RequeueHandler(2),
            new RerunHandler(2)),
        8);
  }

  /** At most {@code maxCorrections} corrections per job. */
  public VaspErrorHandler(int maxCorrections) {
    this.max = maxCorrections;
  }

  @Override
  public String name() {
    return "vasp-errors";
  }

  @Override
  public boolean handles(DftErrorKind kind) {
    return kind == DftErrorKind.SCF_NOT_CONVERGED || kind == DftErrorKind.UNKNOWN;
  }

  @Override
  public int maxCorrections() {
    return max;
  }

  @Override
  public Correction correct(DftJobContext c) {
    List<VaspError> errors = c.result().codeErrors(VaspError.class);
    Map<String, String> ch = new LinkedHashMap<>();
    for (VaspError e : errors) {
      switch (e) {
        case TET, DENTET -> {
          ch.put("incar.ISMEAR", "0");
          ch.put("incar.SIGMA", "0.05");
        }
        case GRAD_NOT_ORTH, EDDDAV, EDDIAG -> ch.put("incar.ALGO", "All");
        case EDDRMM -> ch.put("incar.ALGO", "Normal");
        case SUBSPACE, REAL_OPTLAY, SBESSELITER -> ch.put("incar.LREAL", "False");
        case BRMIX -> {
          ch.put("incar.AMIX", "0.1");
          ch.put("incar.BMIX", "0.01");
          ch.put("incar.ICHARG", "2");
        }
        case POSMAP -> ch.put("incar.SYMPREC", "1e-6");
        case RHOSYG -> ch.put("incar.SYMPREC", "1e-4");
        case SGRCON, POINT_GROUP, IBZKPT, PRICEL -> ch.put("incar.ISYM", "0");
        default -> {
          // NBANDS, TOO_FEW_BANDS, READ_ERROR: nothing safe to change automatically.
        }
      }
    }
    if (errors.isEmpty() && c.result().errorKind() == DftErrorKind.SCF_NOT_CONVERGED) {
      String algo = c.setting("incar.ALGO", "Fast");
      ch.put("incar.ALGO", algo.equalsIgnoreCase("Fast") ? "Normal" : "All");
      ch.put("incar.NELM", "200");
    }
    if (ch.isEmpty()) {
      return Correction.giveUp(c.result().errorDetail() + " (no automatic VASP correction)");
    }
    return Correction.rerun(ch, c.result().structure(), c.result().errorDetail() + ": " + ch);
  }
}
