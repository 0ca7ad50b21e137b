package io.matscreen.dft;

/**
 * State of a submitted job as the executor sees it, with the scheduler's id (Slurm job id or local
 * pid) and a free-text detail (exit code, scheduler reason).
 */
public record JobStatus(State state, String schedulerId, String detail) {

  /** Scheduler-level job states. */
  public enum State {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    TIMEOUT,
    OUT_OF_MEMORY,
    NODE_FAIL,
    CANCELLED,
    UNKNOWN;

    /** True once the job will not change state again. */
    public boolean terminal() {
      return this != QUEUED && this != RUNNING && this != UNKNOWN;
    }
  }

  /** True once the job will not change state again. */
  public boolean terminal() {
    return state.terminal();
  }
}
