package io.matscreen.dft.job;

/**
 * Where a DFT job stands in its life, as the campaign store records it; mirrors the proto's {@code
 * screening.v1.DftState} (without UNSPECIFIED), which this module cannot see.
 */
public enum DftState {
  /** Waiting to be submitted (first attempt, or after a correction or requeue). */
  PENDING,
  /** Handed to the executor; not yet seen running. */
  SUBMITTED,
  /** The executor reports the attempt running. */
  RUNNING,
  /** Finished with a usable result. */
  FINISHED,
  /** Given up, with a reason. */
  FAILED;

  /** True once no transition leaves this state (a person may still resume the job). */
  public boolean terminal() {
    return this == FINISHED || this == FAILED;
  }
}
