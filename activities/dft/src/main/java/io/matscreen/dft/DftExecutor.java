package io.matscreen.dft;

import java.util.Optional;

/** Runs DFT jobs somewhere (local processes, Slurm) and reports their state. */
public interface DftExecutor {
  /**
   * Submits a job, idempotently: if a job with {@code spec.key()} was already submitted (by this or
   * an earlier worker process) its handle is returned and nothing new is started.
   */
  JobHandle submit(DftJobSpec spec);

  /** Current state of the job. */
  JobStatus poll(JobHandle handle);

  /** Cancels the job if it is still queued or running; a no-op otherwise. */
  void cancel(JobHandle handle);

  /** The handle of a job submitted earlier under {@code key}, if any. */
  Optional<JobHandle> find(String key);
}
