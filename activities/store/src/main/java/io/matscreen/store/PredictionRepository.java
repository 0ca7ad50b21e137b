package io.matscreen.store;

import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import java.util.List;
import java.util.Optional;

/** Model predictions of candidates and their places on the ML and DFT hulls. */
public interface PredictionRepository {
  /** Inserts predictions or overwrites those with the same (campaign, candidate), in batches. */
  void upsertPredictions(List<PredictionRow> predictions);

  /** Predictions of the candidates of one shard, by candidate id. */
  List<PredictionRow> predictionsInShard(String campaign, int shard);

  Optional<PredictionRow> prediction(String campaign, String candidateId);

  long countPredictions(String campaign);

  /** Inserts hull results or overwrites those with the same (campaign, candidate, kind). */
  void upsertHullResults(List<HullRow> results);

  /** Hull results of one kind, lowest acquisition value (or e_above_hull) first. */
  List<HullRow> hullResults(String campaign, String kind);

  long countHullResults(String campaign, String kind);

  long countPassedTriage(String campaign);

  /** DFT hull results lying more than {@code toleranceEv} (eV/atom) below the DFT hull. */
  long countBelowHull(String campaign, double toleranceEv);
}
