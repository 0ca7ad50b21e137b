package io.matscreen.activities.api;

import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftResumeRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** DFT-pool activities: submit, watch, parse and correct the jobs of one batch. */
@ActivityInterface
public interface DftActivities {
  /**
   * Moves a batch forward: submits pending jobs (idempotently), polls active ones, parses finished
   * ones, corrects and resubmits failed ones or parks them as FAILED. Waits at most {@code
   * waitSeconds} for a state change, heartbeating, so a slot is never held for a job's lifetime.
   */
  @ActivityMethod
  DftBatchProgress advanceBatch(DftBatchRef batch, int waitSeconds);

  /** Makes chosen jobs of a batch pending again (failed or unfinished), keeping their history. */
  @ActivityMethod
  DftBatchProgress resumeJobs(DftResumeRequest request);
}
