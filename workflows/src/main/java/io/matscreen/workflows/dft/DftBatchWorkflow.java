package io.matscreen.workflows.dft;

import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftResumeRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One batch of DFT jobs of a campaign, watched until every job is finished or parked FAILED. */
@WorkflowInterface
public interface DftBatchWorkflow {
  @WorkflowMethod
  DftBatchProgress run(DftBatchRef batch);

  @QueryMethod
  DftBatchProgress progress();

  /** Re-dispatches failed (and/or unfinished) jobs of this batch, optionally with new settings. */
  @UpdateMethod
  DftBatchProgress resumeFailed(DftResumeRequest request);

  @UpdateValidatorMethod(updateName = "resumeFailed")
  void validateResumeFailed(DftResumeRequest request);
}
