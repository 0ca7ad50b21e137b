package io.matscreen.activities.api;

import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** GPU-pool activities: formation-energy inference with the campaign's model ensemble. */
@ActivityInterface
public interface InferenceActivities {
  /** Predicts the formation energies of the campaign's known phases (the ML reference hull). */
  @ActivityMethod
  ShardResult predictReferences(CampaignSpec spec);

  /** Predicts formation energy with uncertainty for every candidate of a shard. */
  @ActivityMethod
  ShardResult predict(ShardTask task);
}
