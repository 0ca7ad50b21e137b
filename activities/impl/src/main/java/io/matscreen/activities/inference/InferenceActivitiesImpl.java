package io.matscreen.activities.inference;

import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.api.InferenceActivities;
import io.matscreen.model.BundleException;
import io.matscreen.model.ModelBundle;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.temporal.failure.ApplicationFailure;

/**
 * GPU-pool activities: each model bundle is loaded once per process and serves every shard in one
 * batched call; the work is {@link ShardInference}'s.
 */
public final class InferenceActivitiesImpl implements InferenceActivities {
  private final LoadedModels models = new LoadedModels();

  private final CampaignStores stores;

  /** The activities over the stores of this worker process (one pool per store URL). */
  public InferenceActivitiesImpl(CampaignStores stores) {
    this.stores = stores;
  }

  @Override
  public ShardResult predictReferences(CampaignSpec spec) {
    int written =
        new ShardInference(store(spec.getStore()), model(spec)).predictReferences(spec.getName());
    return ShardResult.newBuilder().setProcessed(written).build();
  }

  @Override
  public ShardResult predict(ShardTask task) {
    CampaignSpec spec = task.getSpec();
    int written =
        new ShardInference(store(spec.getStore()), model(spec))
            .predictShard(spec.getName(), task.getShard().getShard());
    return ShardResult.newBuilder().setShard(task.getShard()).setProcessed(written).build();
  }

  /** A model that cannot be loaded is not retried: the spec names the wrong bundle. */
  private ModelBundle model(CampaignSpec spec) {
    try {
      return models.forSpec(spec);
    } catch (BundleException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_MODEL);
    }
  }

  /** The one place this class finds a campaign's store. */
  private CampaignStore store(String url) {
    return stores.forUrl(url);
  }
}
