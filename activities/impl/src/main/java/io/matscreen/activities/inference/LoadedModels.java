package io.matscreen.activities.inference;

import io.matscreen.activities.campaign.CampaignDefaults;
import io.matscreen.activities.campaign.CampaignPaths;
import io.matscreen.model.BundleException;
import io.matscreen.model.ComputeThreads;
import io.matscreen.model.ModelBundle;
import io.matscreen.proto.v1.CampaignSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model bundles of this process, each loaded once (ND4J picks the CPU or CUDA backend the
 * worker was built with) and kept for every later shard.
 */
public final class LoadedModels {
  /** Loaded bundles by the spec's model reference ("default" or a path). */
  private final Map<String, ModelBundle> bundles = new ConcurrentHashMap<>();

  private final int inferenceThreads;

  /**
   * On a CPU backend, one single-threaded batch per core (faster than all cores on each op of one
   * batch); on CUDA one stream of batches feeds the GPU.
   */
  public LoadedModels() {
    if (Nd4j.getEnvironment().isCPU()) {
      ComputeThreads.limit(1);
      inferenceThreads = Runtime.getRuntime().availableProcessors();
    } else {
      inferenceThreads = 1;
    }
  }

  /**
   * The spec's model, loading it on first use; a relative path is relative to the campaign file.
   *
   * @throws BundleException when the bundle cannot be loaded (the message names it)
   */
  public ModelBundle forSpec(CampaignSpec spec) {
    return bundles.computeIfAbsent(
        CampaignDefaults.model(spec),
        ref -> {
          try {
            ModelBundle loaded =
                ref.equals(CampaignDefaults.MODEL)
                    ? ModelBundle.loadDefault()
                    : ModelBundle.load(CampaignPaths.resolve(spec, ref));
            loaded.setInferenceThreads(inferenceThreads);
            return loaded;
          } catch (RuntimeException e) {
            throw new BundleException("model '" + ref + "' cannot be loaded: " + e.getMessage(), e);
          }
        });
  }
}
