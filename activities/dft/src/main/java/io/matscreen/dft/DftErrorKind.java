package io.matscreen.dft;

/** Classification of how a DFT job ended; {@link #NONE} means it finished normally. */
public enum DftErrorKind {
  NONE,
  SCF_NOT_CONVERGED,
  WALLTIME,
  OUT_OF_MEMORY,
  NODE_FAILURE,
  CORRUPT_OUTPUT,
  IONIC_NOT_CONVERGED,
  UNKNOWN;

  /** The error implied by a scheduler state, or {@link #NONE} when the state says nothing. */
  public static DftErrorKind fromJobState(JobStatus.State state) {
    return switch (state) {
      case TIMEOUT -> WALLTIME;
      case OUT_OF_MEMORY -> OUT_OF_MEMORY;
      case NODE_FAIL -> NODE_FAILURE;
      default -> NONE;
    };
  }
}
