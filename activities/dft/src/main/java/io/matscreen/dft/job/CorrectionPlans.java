package io.matscreen.dft.job;

import io.matscreen.dft.InputSet;
import io.matscreen.dft.handlers.CorrectionPlan;
import io.matscreen.dft.vasp.VaspErrorHandler;
import io.matscreen.dft.vasp.VaspMpRelaxInputSet;

/**
 * Which correction plan corrects the failed jobs of an input set. Lives above both the input sets
 * and the handlers so that neither needs to know the other.
 */
public final class CorrectionPlans {
  private CorrectionPlans() {}

  /** VASP's plan for "vasp-mp-relax"; the standard (QE-named settings) plan for any other set. */
  public static CorrectionPlan forInputSet(InputSet inputSet) {
    return inputSet.name().equals(VaspMpRelaxInputSet.NAME)
        ? VaspErrorHandler.mpRelaxPlan()
        : CorrectionPlan.standard();
  }
}
