package io.matscreen.activities;

import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.api.InferenceActivities;
import io.matscreen.model.ComputeThreads;
import io.matscreen.model.EnergyPrediction;
import io.matscreen.model.ModelBundle;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.structure.Composition;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GPU-pool activities: each model bundle is loaded once per process and serves every shard in one
 * batched call (ND4J picks the CPU or CUDA backend the worker was built with).
 */
public final class InferenceActivitiesImpl implements InferenceActivities {
  /** Loaded bundles by the spec's model reference ("default" or a path). */
  private final Map<String, ModelBundle> bundles = new ConcurrentHashMap<>();

  private final int inferenceThreads;

  private final CampaignStores stores;

  /**
   * On a CPU backend, one single-threaded batch per core (faster than all cores on each op of one
   * batch); on CUDA one stream of batches feeds the GPU.
   */
  public InferenceActivitiesImpl(CampaignStores stores) {
    this.stores = stores;
    if (Nd4j.getEnvironment().isCPU()) {
      ComputeThreads.limit(1);
      inferenceThreads = Runtime.getRuntime().availableProcessors();
    } else {
      inferenceThreads = 1;
    }
  }

  @Override
  public ShardResult predictReferences(CampaignSpec spec) {
    CampaignStore store = stores.forUrl(spec.getStore());
    ModelBundle model = bundle(spec);
    List<ReferenceRow> refs = store.references(spec.getName());
    List<Composition> compositions = new ArrayList<>();
    for (ReferenceRow r : refs) {
      compositions.add(Composition.parse(r.formula()));
    }
    EnergyPrediction[] predictions = model.predictCompositions(compositions);
    List<ReferenceRow> updated = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      ReferenceRow r = refs.get(i);
      // Elements are the zero of formation energy by definition, whatever the model says.
      double e = compositions.get(i).numElements() == 1 ? 0.0 : predictions[i].eFormMean();
      updated.add(
          new ReferenceRow(
              r.campaign(),
              r.id(),
              r.formula(),
              e,
              "formation",
              model.name(),
              r.source(),
              r.structureJson()));
    }
    store.upsertReferences(updated);
    return ShardResult.newBuilder().setProcessed(updated.size()).build();
  }

  @Override
  public ShardResult predict(ShardTask task) {
    CampaignSpec spec = task.getSpec();
    CampaignStore store = stores.forUrl(spec.getStore());
    ModelBundle model = bundle(spec);
    List<CandidateRow> rows = store.candidatesInShard(spec.getName(), task.getShard().getShard());
    List<Composition> compositions = new ArrayList<>(rows.size());
    for (CandidateRow r : rows) {
      compositions.add(Composition.parse(r.formula()));
    }
    EnergyPrediction[] predictions = model.predictCompositions(compositions);
    List<PredictionRow> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      EnergyPrediction p = predictions[i];
      out.add(
          new PredictionRow(
              spec.getName(),
              rows.get(i).id(),
              model.name(),
              p.eFormMean(),
              p.eFormStd(),
              p.epistemicStd(),
              p.aleatoricStd()));
    }
    store.upsertPredictions(out);
    return ShardResult.newBuilder().setShard(task.getShard()).setProcessed(out.size()).build();
  }

  private ModelBundle bundle(CampaignSpec spec) {
    String ref = spec.getModel().isEmpty() ? "default" : spec.getModel();
    return bundles.computeIfAbsent(
        ref,
        r -> {
          try {
            ModelBundle loaded;
            if (r.equals("default")) {
              loaded = ModelBundle.loadDefault();
            } else {
              Path p = Path.of(r);
              if (!p.isAbsolute() && !spec.getSpecPath().isEmpty()) {
                p = Path.of(spec.getSpecPath()).getParent().resolve(p);
              }
              loaded = ModelBundle.load(p);
            }
            loaded.setInferenceThreads(inferenceThreads);
            return loaded;
          } catch (RuntimeException e) {
            throw ApplicationFailure.newNonRetryableFailure(
                "model '" + r + "' cannot be loaded: " + e.getMessage(),
                FailureTypes.INVALID_MODEL);
          }
        });
  }
}
