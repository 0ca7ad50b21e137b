package io.matscreen.workflows.campaign;

import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignState;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A screening campaign: candidates → screen → select → DFT → final hull and report. */
@WorkflowInterface
public interface CampaignWorkflow {
  /**
   * Runs the campaign. {@code state} is empty on the first run and carries the stage, shards and
   * counts across continue-as-new.
   */
  @WorkflowMethod
  CampaignProgress run(CampaignSpec spec, CampaignState state);

  /** Funnel counts per stage, as the workflow knows them. */
  @QueryMethod
  CampaignProgress progress();

  /** Stops starting new work after what is in flight; nothing running is killed. */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  /** Ends the campaign at the next checkpoint; DFT jobs already running are left to finish. */
  @SignalMethod
  void cancel();

  /** Sets the DFT budget (number of candidate relaxations); only before selection happens. */
  @UpdateMethod
  int setBudget(int budget);

  @UpdateValidatorMethod(updateName = "setBudget")
  void validateSetBudget(int budget);
}
