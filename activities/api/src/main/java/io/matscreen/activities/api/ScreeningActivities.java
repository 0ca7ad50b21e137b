package io.matscreen.activities.api;

import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftSelection;
import io.matscreen.proto.v1.FinalHullResult;
import io.matscreen.proto.v1.ShardList;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** CPU-pool activities: candidates, featurisation, hull triage, DFT selection and the report. */
@ActivityInterface
public interface ScreeningActivities {
  /**
   * Registers the campaign, writes its known phases (the reference hull) and its candidates to the
   * store in shards.
   */
  @ActivityMethod
  ShardList prepareCampaign(CampaignSpec spec);

  /** Computes the symmetry and Wyckoff representation of every candidate of a shard. */
  @ActivityMethod
  ShardResult featurise(ShardTask task);

  /** Places a shard's predictions on the known (ML) hull and applies the triage rule. */
  @ActivityMethod
  ShardResult placeOnHull(ShardTask task);

  /** Ranks candidates that passed triage, cuts them to the DFT budget and creates DFT jobs. */
  @ActivityMethod
  DftSelection selectForDft(CampaignSpec spec);

  /** Puts finished DFT results on the DFT hull of their references and writes the report. */
  @ActivityMethod
  FinalHullResult finalHull(CampaignSpec spec);

  /** Records the campaign's stage and counts in the store, so status works without Temporal. */
  @ActivityMethod
  void recordProgress(CampaignProgress progress);
}
