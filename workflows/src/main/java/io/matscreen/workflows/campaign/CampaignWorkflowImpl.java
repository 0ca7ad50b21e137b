package io.matscreen.workflows.campaign;

import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.api.InferenceActivities;
import io.matscreen.activities.api.LegacyStringFields;
import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.activities.api.TaskQueues;
import io.matscreen.activities.api.WorkflowIds;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.proto.v1.CampaignState;
import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftSelection;
import io.matscreen.proto.v1.FinalHullResult;
import io.matscreen.proto.v1.ShardList;
import io.matscreen.proto.v1.ShardRef;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.matscreen.workflows.WorkflowActivityOptions;
import io.matscreen.workflows.dft.DftBatchWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Runs a campaign's stages. Screening fans out shards through featurise → predict → hull with a
 * sliding window of {@code max_parallel_shards} and continues-as-new after {@link #SHARDS_PER_RUN}
 * shards so history stays small; DFT batches run as child workflows that survive the parent
 * (ABANDON). Bulk rows stay in the campaign store; only ShardRefs pass through here.
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {
  /** Shards screened in one run before continuing as new (each costs ~20 history events). */
  static final int SHARDS_PER_RUN = 100;

  /** Default number of shards screened at once when the spec does not say. */
  static final int DEFAULT_PARALLEL_SHARDS = 4;

  /** Longest failure reason kept in progress and store (the column holds 2,000 characters). */
  static final int MAX_REASON = 1000;

  private static final Logger log = Workflow.getLogger(CampaignWorkflowImpl.class);

  private final ScreeningActivities screening =
      Workflow.newActivityStub(ScreeningActivities.class, WorkflowActivityOptions.cpu());
  private final InferenceActivities inference =
      Workflow.newActivityStub(InferenceActivities.class, WorkflowActivityOptions.gpu());

  /** Stage, shards, next shard and counts: everything carried across continue-as-new. */
  private CampaignState.Builder state = CampaignState.newBuilder();

  /** Funnel counts, kept inside {@link #state} but edited through this builder. */
  private CampaignProgress.Builder progress = CampaignProgress.newBuilder();

  /** Set by the pause signal; work already started goes on. */
  private boolean paused;

  /** Set by the cancel signal; the campaign stops at its next checkpoint. */
  private boolean cancelled;

  @Override
  public CampaignProgress run(CampaignSpec input, CampaignState carriedInput) {
    // A campaign started by an older worker carries stage, σ kind, input set and executor as the
    // strings they were; read them so it goes on where it was.
    CampaignSpec spec = LegacyStringFields.upgrade(input);
    CampaignState carried = LegacyStringFields.upgrade(carriedInput);
    if (carried != null && carried.getCampaignStage() != CampaignStage.CAMPAIGN_STAGE_UNSPECIFIED) {
      state = carried.toBuilder();
      progress = carried.getProgress().toBuilder();
      paused = carried.getPaused();
    } else {
      state
          .setCampaignStage(CampaignStage.CAMPAIGN_STAGE_CANDIDATES)
          .setBudget(spec.getDft().getBudget());
      progress
          .setCampaign(spec.getName())
          .setStore(spec.getStore())
          .setBudget(spec.getDft().getBudget());
    }
    Workflow.upsertTypedSearchAttributes(
        CampaignSearchAttributes.CAMPAIGN.valueSet(spec.getName()),
        CampaignSearchAttributes.CHEMSYS.valueSet(List.copyOf(spec.getElementsList())));
    enterStage(spec, state.getCampaignStage(), "");

    if (state.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_CANDIDATES) {
      ShardList shards;
      try {
        shards = screening.prepareCampaign(spec);
        state.clearShards().addAllShards(shards.getShardsList()).setNextShard(0);
        progress.setCandidates(shards.getCandidates()).setShardsTotal(shards.getShardsCount());
        inference.predictReferences(spec);
      } catch (ActivityFailure e) {
        // Nothing can be screened without candidates and known phases: the campaign ends here,
        // as failed with its reason, instead of showing stage "candidates" forever.
        throw failCampaign(spec, "preparation", e);
      }
      enterStage(
          spec,
          CampaignStage.CAMPAIGN_STAGE_SCREEN,
          shards.getReferences() + " known phases predicted");
    }
    if (state.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_SCREEN) {
      if (!screenShards(spec)) {
        return progress.build();
      }
      enterStage(spec, CampaignStage.CAMPAIGN_STAGE_SELECT, "");
    }
    if (state.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_SELECT) {
      if (!awaitRunnable(spec)) {
        return progress.build();
      }
      CampaignSpec withBudget =
          spec.toBuilder().setDft(spec.getDft().toBuilder().setBudget(state.getBudget())).build();
      DftSelection selection = screening.selectForDft(withBudget);
      state.setSelection(selection);
      progress.setDftSubmitted(selection.getCandidateJobs());
      enterStage(
          spec,
          CampaignStage.CAMPAIGN_STAGE_DFT,
          selection.getCandidateJobs()
              + " candidates and "
              + selection.getReferenceJobs()
              + " references in "
              + selection.getBatchesCount()
              + " batches");
    }
    if (state.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_DFT) {
      if (!awaitRunnable(spec)) {
        return progress.build();
      }
      runDftBatches(spec);
      enterStage(spec, CampaignStage.CAMPAIGN_STAGE_FINAL, "");
    }
    if (state.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_FINAL) {
      FinalHullResult result = screening.finalHull(spec);
      progress.setBelowHull(result.getBelowHull());
      Workflow.upsertTypedSearchAttributes(
          CampaignSearchAttributes.STABLE_FOUND.valueSet((long) result.getBelowHull()));
      enterStage(
          spec,
          CampaignStage.CAMPAIGN_STAGE_DONE,
          result.getBelowHull()
              + " below hull"
              + (result.getStableFormulasCount() > 0
                  ? ": " + String.join(", ", result.getStableFormulasList())
                  : ""));
    }
    return progress.build();
  }

  /** Screens the remaining shards; false when the campaign was cancelled. */
  private boolean screenShards(CampaignSpec spec) {
    int window =
        spec.getMaxParallelShards() > 0 ? spec.getMaxParallelShards() : DEFAULT_PARALLEL_SHARDS;
    List<ShardRef> shards = state.getShardsList();
    List<Promise<ShardResult>> inFlight = new ArrayList<>();
    int startedThisRun = 0;
    while (state.getNextShard() < shards.size() || !inFlight.isEmpty()) {
      boolean mayStart = !paused && !cancelled && startedThisRun < SHARDS_PER_RUN;
      while (mayStart && inFlight.size() < window && state.getNextShard() < shards.size()) {
        ShardTask task =
            ShardTask.newBuilder().setSpec(spec).setShard(shards.get(state.getNextShard())).build();
        inFlight.add(screenShard(task));
        state.setNextShard(state.getNextShard() + 1);
        startedThisRun++;
      }
      if (inFlight.isEmpty()) {
        if (cancelled) {
          enterStage(spec, CampaignStage.CAMPAIGN_STAGE_CANCELLED, "cancelled during screening");
          return false;
        }
        if (startedThisRun >= SHARDS_PER_RUN) {
          continueAsNew(spec);
        }
        Workflow.await(() -> !paused || cancelled);
        continue;
      }
      try {
        Promise.anyOf(inFlight).get();
      } catch (TemporalFailure e) {
        // The failed shard is found and reported below, with the others that completed.
      }
      List<Promise<ShardResult>> done = new ArrayList<>();
      for (Promise<ShardResult> p : inFlight) {
        if (p.isCompleted()) {
          done.add(p);
        }
      }
      inFlight.removeAll(done);
      for (Promise<ShardResult> p : done) {
        try {
          ShardResult r = p.get();
          progress
              .setScreened(progress.getScreened() + r.getProcessed())
              .setPassedTriage(progress.getPassedTriage() + r.getPassedTriage());
        } catch (TemporalFailure e) {
          // One bad shard must not stop the campaign: its rows stay unscreened and are reported.
          log.warn("shard failed: {}", e.getMessage());
          progress.setDetail(
              "a shard failed: "
                  + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        progress.setShardsDone(progress.getShardsDone() + 1);
      }
      Workflow.upsertTypedSearchAttributes(
          CampaignSearchAttributes.SCREENED.valueSet(progress.getScreened()));
      Workflow.setCurrentDetails(currentDetails(spec));
    }
    return true;
  }

  private Promise<ShardResult> screenShard(ShardTask task) {
    return Async.function(screening::featurise, task)
        .thenCompose(featurised -> Async.function(inference::predict, task))
        .thenCompose(predicted -> Async.function(screening::placeOnHull, task));
  }

  private void runDftBatches(CampaignSpec spec) {
    List<Promise<DftBatchProgress>> batches = new ArrayList<>();
    for (int batch : state.getSelection().getBatchesList()) {
      DftBatchWorkflow child =
          Workflow.newChildWorkflowStub(
              DftBatchWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(WorkflowIds.dftBatch(spec.getName(), batch))
                  .setTaskQueue(TaskQueues.WORKFLOWS)
                  // ABANDON so DFT batches (and their jobs) survive a cancelled or failed parent.
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                  .setStaticSummary("DFT batch " + batch + " of campaign " + spec.getName())
                  .build());
      DftBatchRef ref =
          DftBatchRef.newBuilder()
              .setCampaign(spec.getName())
              .setBatch(batch)
              .setSpec(spec)
              .build();
      batches.add(Async.function(child::run, ref));
    }
    long finished = 0;
    long failed = 0;
    for (Promise<DftBatchProgress> p : batches) {
      try {
        DftBatchProgress r = p.get();
        if (r.getBatch() != WorkflowIds.REFERENCE_BATCH) {
          finished += r.getFinished();
          failed += r.getFailed();
        }
      } catch (ChildWorkflowFailure e) {
        log.warn("DFT batch failed: {}", e.getMessage());
        progress.setDetail("a DFT batch failed: " + e.getMessage());
      }
    }
    progress.setDftFinished(finished).setDftFailed(failed);
  }

  /** Waits while paused; false (and the campaign ends) when cancelled. */
  private boolean awaitRunnable(CampaignSpec spec) {
    Workflow.await(() -> !paused || cancelled);
    if (cancelled) {
      enterStage(
          spec,
          CampaignStage.CAMPAIGN_STAGE_CANCELLED,
          "cancelled before " + CampaignEnums.yamlName(state.getCampaignStage()));
      return false;
    }
    return true;
  }

  /**
   * Records stage "failed" with the reason (best effort: the store may be what failed) and returns
   * the non-retryable failure the workflow ends with.
   */
  private ApplicationFailure failCampaign(CampaignSpec spec, String what, ActivityFailure e) {
    String reason = failureReason(e);
    log.warn("campaign {} failed in {}: {}", spec.getName(), what, reason);
    progress.setFailureReason(reason);
    try {
      enterStage(spec, CampaignStage.CAMPAIGN_STAGE_FAILED, what + " failed");
    } catch (ActivityFailure recordFailed) {
      log.warn("the failure of campaign {} could not be recorded: {}", spec.getName(), reason);
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(
        "campaign " + spec.getName() + " failed in " + what + ": " + reason,
        FailureTypes.CAMPAIGN_FAILED,
        e);
  }

  /** The activity's own message (an ApplicationFailure's original one), kept short. */
  static String failureReason(ActivityFailure e) {
    Throwable cause = e.getCause();
    String reason;
    if (cause instanceof ApplicationFailure af) {
      reason = af.getOriginalMessage();
    } else if (cause instanceof TemporalFailure tf) {
      reason = tf.getOriginalMessage();
    } else {
      reason = cause != null ? cause.getMessage() : e.getMessage();
    }
    if (reason == null || reason.isBlank()) {
      reason = e.getMessage();
    }
    return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 3) + "..." : reason;
  }

  private void enterStage(CampaignSpec spec, CampaignStage stage, String detail) {
    state.setCampaignStage(stage);
    progress.setCampaignStage(stage);
    if (!detail.isEmpty()) {
      progress.setDetail(detail);
    }
    Workflow.upsertTypedSearchAttributes(
        CampaignSearchAttributes.STAGE.valueSet(CampaignEnums.yamlName(stage)));
    Workflow.setCurrentDetails(currentDetails(spec));
    screening.recordProgress(progress.build());
  }

  private String currentDetails(CampaignSpec spec) {
    return String.format(
        "**%s** (%s) — stage **%s**%s%n%n"
            + "| candidates | screened | passed triage | DFT submitted | DFT finished | DFT"
            + " failed | below hull |%n|---|---|---|---|---|---|---|%n| %d | %d | %d | %d | %d |"
            + " %d | %d |%n%n%s",
        spec.getName(),
        String.join("-", spec.getElementsList()),
        CampaignEnums.yamlName(progress.getCampaignStage()),
        paused ? " (paused)" : "",
        progress.getCandidates(),
        progress.getScreened(),
        progress.getPassedTriage(),
        progress.getDftSubmitted(),
        progress.getDftFinished(),
        progress.getDftFailed(),
        progress.getBelowHull(),
        progress.getDetail());
  }

  private void continueAsNew(CampaignSpec spec) {
    state.setProgress(progress.build()).setPaused(paused);
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder().setTaskQueue(TaskQueues.WORKFLOWS).build(),
        spec,
        state.build());
  }

  @Override
  public CampaignProgress progress() {
    return progress.setPaused(paused).setBudget(state.getBudget()).build();
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public int setBudget(int budget) {
    int previous = state.getBudget();
    state.setBudget(budget);
    progress.setBudget(budget);
    return previous;
  }

  @Override
  public void validateSetBudget(int budget) {
    if (budget < 0) {
      throw new IllegalArgumentException("budget must be >= 0, got " + budget);
    }
    CampaignStage stage = state.getCampaignStage();
    if (stage != CampaignStage.CAMPAIGN_STAGE_CANDIDATES
        && stage != CampaignStage.CAMPAIGN_STAGE_SCREEN
        && stage != CampaignStage.CAMPAIGN_STAGE_SELECT) {
      throw new IllegalStateException(
          "the DFT budget can no longer change: candidates were already selected (stage "
              + CampaignEnums.yamlName(stage)
              + ")");
    }
  }
}
