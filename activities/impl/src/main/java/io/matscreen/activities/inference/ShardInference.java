package io.matscreen.activities.inference;

import io.matscreen.model.EnergyPrediction;
import io.matscreen.model.ModelBundle;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.structure.Composition;
import java.util.ArrayList;
import java.util.List;

/**
 * Formation energies (eV/atom, ensemble mean and σ) of a campaign's known phases and of its
 * candidates, one batched model call per shard; rows are upserted, so reruns write the same rows.
 */
public final class ShardInference {
  private final CampaignStore store;
  private final ModelBundle model;

  public ShardInference(CampaignStore store, ModelBundle model) {
    this.store = store;
    this.model = model;
  }

  /**
   * Predicts the known phases' energies (the known hull on the model's scale); returns how many
   * were written.
   */
  public int predictReferences(String campaign) {
    List<ReferenceRow> refs = store.references(campaign);
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
    return updated.size();
  }

  /** Predicts every candidate of a shard; returns how many predictions were written. */
  public int predictShard(String campaign, int shard) {
    List<CandidateRow> rows = store.candidatesInShard(campaign, shard);
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
              campaign,
              rows.get(i).id(),
              model.name(),
              p.eFormMean(),
              p.eFormStd(),
              p.epistemicStd(),
              p.aleatoricStd()));
    }
    store.upsertPredictions(out);
    return out.size();
  }
}
