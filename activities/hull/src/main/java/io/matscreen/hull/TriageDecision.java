package io.matscreen.hull;

/**
 * The triage outcome of one candidate: its acquisition value {@code e_above_hull_pred + k·σ}
 * (eV/atom), whether it passed the threshold, its rank among passing candidates (1 = best; 0 when
 * it did not pass) and whether it fits in the DFT budget.
 */
public record TriageDecision(
    TriageCandidate candidate, double acquisitionEv, boolean passed, int rank, boolean selected) {}
