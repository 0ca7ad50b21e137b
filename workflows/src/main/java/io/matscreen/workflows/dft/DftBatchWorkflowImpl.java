package io.matscreen.workflows.dft;

import io.matscreen.activities.api.DftActivities;
import io.matscreen.activities.api.LegacyStringFields;
import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftResumeRequest;
import io.matscreen.workflows.WorkflowActivityOptions;
import io.temporal.workflow.Workflow;

/**
 * Watches one DFT batch until every job is FINISHED or parked FAILED. Each activity call waits at
 * most {@link #WAIT_SECONDS} for a change, so job completion is seen within seconds while no
 * activity slot is held for a job's lifetime; the run continues-as-new after {@link #POLLS_PER_RUN}
 * calls to keep its history short. A job that exhausts its corrections does not fail the batch.
 */
public class DftBatchWorkflowImpl implements DftBatchWorkflow {
  /** Longest a single advanceBatch call waits for a job to change state. */
  static final int WAIT_SECONDS = 20;

  /** advanceBatch calls per run before continuing as new (~6 events each). */
  static final int POLLS_PER_RUN = 300;

  private final DftActivities dft =
      Workflow.newActivityStub(DftActivities.class, WorkflowActivityOptions.dft(WAIT_SECONDS));
  private final ScreeningActivities screening =
      Workflow.newActivityStub(ScreeningActivities.class, WorkflowActivityOptions.cpu());

  /** Latest counts of the batch's jobs by state. */
  private DftBatchProgress progress = DftBatchProgress.getDefaultInstance();

  @Override
  public DftBatchProgress run(DftBatchRef input) {
    // A batch started by an older campaign carries its spec's enums as the strings they were.
    DftBatchRef batch =
        input.hasSpec()
            ? input.toBuilder().setSpec(LegacyStringFields.upgrade(input.getSpec())).build()
            : input;
    progress =
        DftBatchProgress.newBuilder()
            .setCampaign(batch.getCampaign())
            .setBatch(batch.getBatch())
            .build();
    Workflow.setCurrentDetails("DFT batch " + batch.getBatch() + " of " + batch.getCampaign());
    if (batch.hasResume()) {
      progress = dft.resumeJobs(batch.getResume());
    }
    int polls = 0;
    while (true) {
      long started = Workflow.currentTimeMillis();
      progress = dft.advanceBatch(batch, WAIT_SECONDS);
      Workflow.setCurrentDetails(details(batch));
      if (progress.getPending() + progress.getActive() == 0) {
        break;
      }
      if (progress.getChanged() == 0
          && Workflow.currentTimeMillis() - started < WAIT_SECONDS * 500L) {
        // Nothing changed yet the call did not wait (a worker that cannot long-poll): back off
        // with a durable timer instead of spinning.
        Workflow.sleep(java.time.Duration.ofSeconds(WAIT_SECONDS));
      }
      if (++polls >= POLLS_PER_RUN) {
        // The resume request was handled already; the next run only keeps watching.
        Workflow.continueAsNew(batch.toBuilder().clearResume().build());
      }
    }
    if (batch.hasResume()) {
      // A resumed batch changes the DFT results, so the campaign's final hull is redone.
      screening.finalHull(batch.getSpec());
    }
    return progress;
  }

  private String details(DftBatchRef batch) {
    return String.format(
        "DFT batch %d of **%s**: %d pending, %d running, %d finished, %d failed",
        batch.getBatch(),
        batch.getCampaign(),
        progress.getPending(),
        progress.getActive(),
        progress.getFinished(),
        progress.getFailed());
  }

  @Override
  public DftBatchProgress progress() {
    return progress;
  }

  @Override
  public DftBatchProgress resumeFailed(DftResumeRequest request) {
    progress = dft.resumeJobs(request);
    return progress;
  }

  @Override
  public void validateResumeFailed(DftResumeRequest request) {
    if (!request.getFailed() && !request.getUnfinished()) {
      throw new IllegalArgumentException("say which jobs to resume: failed and/or unfinished");
    }
    if (request.getBatch() != progress.getBatch()) {
      throw new IllegalArgumentException(
          "this is batch " + progress.getBatch() + ", not batch " + request.getBatch());
    }
  }
}
