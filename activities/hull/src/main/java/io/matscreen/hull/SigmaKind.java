package io.matscreen.hull;

/** Which ensemble uncertainty (eV/atom) enters the triage acquisition value. */
public enum SigmaKind {
  /** Total σ: epistemic and aleatoric combined. */
  TOTAL,
  /** Epistemic σ: spread of the ensemble members' means. */
  EPISTEMIC,
  /** Aleatoric σ: mean of the members' predicted noise. */
  ALEATORIC
}
