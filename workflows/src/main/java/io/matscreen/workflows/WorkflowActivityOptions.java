package io.matscreen.workflows;

import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.api.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Activity options of each pool, shared by all workflows. */
public final class WorkflowActivityOptions {
  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(5)
          .setDoNotRetry(FailureTypes.ALL)
          .build();

  private WorkflowActivityOptions() {}

  /** CPU pool: shard work runs minutes at most and heartbeats. */
  public static ActivityOptions cpu() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CPU)
        .setStartToCloseTimeout(Duration.ofMinutes(30))
        .setHeartbeatTimeout(Duration.ofMinutes(2))
        .setRetryOptions(RETRY)
        .build();
  }

  /** GPU pool: batched inference of one shard. */
  public static ActivityOptions gpu() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.GPU)
        .setStartToCloseTimeout(Duration.ofMinutes(30))
        .setHeartbeatTimeout(Duration.ofMinutes(2))
        .setRetryOptions(RETRY)
        .build();
  }

  /**
   * DFT pool: each call waits at most {@code waitSeconds} for a state change, so the timeout only
   * needs to cover that wait plus submission and parsing.
   */
  public static ActivityOptions dft(int waitSeconds) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.DFT)
        .setStartToCloseTimeout(Duration.ofSeconds(waitSeconds + 300L))
        .setHeartbeatTimeout(Duration.ofSeconds(60))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(2))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(2))
                .setDoNotRetry(FailureTypes.ALL)
                .build())
        .build();
  }
}
