package io.matscreen.activities;

import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.activities.campaign.CampaignSpecValidator;
import io.matscreen.activities.campaign.InvalidCampaignSpecException;
import io.matscreen.activities.candidates.CandidatePreparation;
import io.matscreen.activities.candidates.CandidatePreparation.PreparedCampaign;
import io.matscreen.activities.reporting.CampaignStages;
import io.matscreen.activities.reporting.FinalHull;
import io.matscreen.activities.screening.ReferencesNotPredictedException;
import io.matscreen.activities.screening.ShardScreening;
import io.matscreen.activities.screening.ShardScreening.ShardOutcome;
import io.matscreen.activities.selection.DftSelector;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftSelection;
import io.matscreen.proto.v1.FinalHullResult;
import io.matscreen.proto.v1.ShardList;
import io.matscreen.proto.v1.ShardRef;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.ShardRow;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * CPU-pool activities over the campaign store. Each method unpacks its message, hands the work to
 * the service of its capability (candidates, screening, selection, reporting) and packs the answer;
 * every service is idempotent (upserts by natural key).
 */
public final class ScreeningActivitiesImpl implements ScreeningActivities {
  private final CampaignStores stores;

  /** The activities over the stores of this worker process (one pool per store URL). */
  public ScreeningActivitiesImpl(CampaignStores stores) {
    this.stores = stores;
  }

  @Override
  public ShardList prepareCampaign(CampaignSpec spec) {
    // The server-free checks of `matscreen validate`, again here: a spec may reach the workflow
    // without the CLI (another client, a resumed campaign), and the files must exist where this
    // worker runs. The model bundle is the inference pool's to find.
    List<String> problems = CampaignSpecValidator.problems(spec, false);
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "campaign " + spec.getName() + ": " + String.join("; ", problems),
          FailureTypes.INVALID_SPEC);
    }
    PreparedCampaign prepared;
    try {
      prepared =
          new CandidatePreparation(store(spec.getStore()))
              .prepare(spec, shard -> Activity.getExecutionContext().heartbeat(shard));
    } catch (InvalidCampaignSpecException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_SPEC);
    }
    ShardList.Builder out =
        ShardList.newBuilder()
            .setReferences(prepared.references())
            .setCandidates(prepared.candidates());
    for (ShardRow s : prepared.shards()) {
      out.addShards(
          ShardRef.newBuilder()
              .setCampaign(s.campaign())
              .setShard(s.shard())
              .setRows(s.rows())
              .setContentHash(s.contentHash()));
    }
    return out.build();
  }

  @Override
  public ShardResult featurise(ShardTask task) {
    CampaignSpec spec = task.getSpec();
    ShardOutcome o =
        new ShardScreening(store(spec.getStore()))
            .featurise(spec.getName(), task.getShard().getShard());
    return shardResult(task, o);
  }

  @Override
  public ShardResult placeOnHull(ShardTask task) {
    CampaignSpec spec = task.getSpec();
    try {
      ShardOutcome o =
          new ShardScreening(store(spec.getStore())).placeOnHull(spec, task.getShard().getShard());
      return shardResult(task, o);
    } catch (ReferencesNotPredictedException e) {
      // Retryable: the references' inference may still be on its way.
      throw ApplicationFailure.newFailure(
          e.getMessage(), ReferencesNotPredictedException.FAILURE_TYPE);
    }
  }

  @Override
  public DftSelection selectForDft(CampaignSpec spec) {
    DftSelector.Selection s = new DftSelector(store(spec.getStore())).select(spec);
    return DftSelection.newBuilder()
        .setReferenceJobs(s.referenceJobs())
        .setCandidateJobs(s.candidateJobs())
        .addAllBatches(s.batches())
        .build();
  }

  @Override
  public FinalHullResult finalHull(CampaignSpec spec) {
    FinalHull.Outcome o = new FinalHull(store(spec.getStore())).build(spec);
    return FinalHullResult.newBuilder()
        .setFinished(o.finished())
        .addAllStableFormulas(o.newStable())
        .setBelowHull(o.newStable().size())
        .setReport(o.report())
        .build();
  }

  @Override
  public void recordProgress(CampaignProgress progress) {
    new CampaignStages(store(progress.getStore()))
        .record(progress.getCampaign(), progress.getCampaignStage(), progress.getFailureReason());
  }

  private static ShardResult shardResult(ShardTask task, ShardOutcome o) {
    return ShardResult.newBuilder()
        .setShard(task.getShard())
        .setProcessed(o.processed())
        .setFailed(o.failed())
        .setPassedTriage(o.passedTriage())
        .build();
  }

  /** The one place this class finds a campaign's store. */
  private CampaignStore store(String url) {
    return stores.forUrl(url);
  }
}
