package io.matscreen.store;

import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link PredictionRepository} on the tables predictions and hull_results. */
final class JdbiPredictionRepository implements PredictionRepository {
  /** The shard's candidate ids in id order, from the covering index candidates_shard_id. */
  static final String CANDIDATE_IDS_IN_SHARD =
      "SELECT id FROM candidates WHERE campaign = ? AND shard = ? ORDER BY id";

  /**
   * Predictions of listed candidates, by primary key. Two steps instead of a join: PostgreSQL, with
   * statistics from before a shard's rows arrived, joined them by scanning the whole campaign's
   * predictions once per candidate (23 s for a shard of 2,000 among 10,000).
   */
  static final String PREDICTIONS_OF_IDS =
      "SELECT * FROM predictions WHERE campaign = :campaign AND candidate_id IN (<ids>)";

  /** Ids per IN list: far below SQLite's and PostgreSQL's limits on bound parameters. */
  static final int IDS_PER_QUERY = 500;

  /** Served by hull_results_rank (campaign, kind, COALESCE(acquisition, e_above_hull), id). */
  static final String HULL_RESULTS =
      "SELECT * FROM hull_results WHERE campaign = ? AND kind = ? ORDER BY COALESCE(acquisition,"
          + " e_above_hull), candidate_id";

  static final String COUNT_PASSED_TRIAGE =
      "SELECT COUNT(*) FROM hull_results WHERE campaign = ? AND kind = 'predicted' AND"
          + " passed_triage = 1";

  private final StoreDatabase db;

  JdbiPredictionRepository(StoreDatabase db) {
    this.db = db;
  }

  @Override
  public void upsertPredictions(List<PredictionRow> predictions) {
    db.batch(
        "saving predictions",
        "INSERT INTO predictions (campaign, candidate_id, model, e_form_mean, e_form_std,"
            + " epistemic_std, aleatoric_std) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign,"
            + " candidate_id) DO UPDATE SET model = excluded.model, e_form_mean ="
            + " excluded.e_form_mean, e_form_std = excluded.e_form_std, epistemic_std ="
            + " excluded.epistemic_std, aleatoric_std = excluded.aleatoric_std",
        predictions,
        (ps, p) -> {
          ps.setString(1, p.campaign());
          ps.setString(2, p.candidateId());
          ps.setString(3, p.model());
          ps.setDouble(4, p.eFormMean());
          ps.setDouble(5, p.eFormStd());
          ps.setDouble(6, p.epistemicStd());
          ps.setDouble(7, p.aleatoricStd());
        });
  }

  @Override
  public List<PredictionRow> predictionsInShard(String campaign, int shard) {
    return db.read(
        "reading predictions of shard " + shard + " of " + campaign,
        h -> {
          List<String> ids =
              h.createQuery(CANDIDATE_IDS_IN_SHARD)
                  .bind(0, campaign)
                  .bind(1, shard)
                  .mapTo(String.class)
                  .list();
          Map<String, PredictionRow> byId = new HashMap<>();
          for (int start = 0; start < ids.size(); start += IDS_PER_QUERY) {
            h.createQuery(PREDICTIONS_OF_IDS)
                .bind("campaign", campaign)
                .bindList("ids", ids.subList(start, Math.min(ids.size(), start + IDS_PER_QUERY)))
                .mapTo(PredictionRow.class)
                .forEach(p -> byId.put(p.candidateId(), p));
          }
          List<PredictionRow> out = new ArrayList<>(byId.size());
          for (String id : ids) {
            PredictionRow p = byId.get(id);
            if (p != null) {
              out.add(p);
            }
          }
          return out;
        });
  }

  @Override
  public Optional<PredictionRow> prediction(String campaign, String candidateId) {
    return db.first(
        "reading prediction of " + candidateId,
        PredictionRow.class,
        "SELECT * FROM predictions WHERE campaign = ? AND candidate_id = ?",
        campaign,
        candidateId);
  }

  @Override
  public long countPredictions(String campaign) {
    return db.count("SELECT COUNT(*) FROM predictions WHERE campaign = ?", campaign);
  }

  @Override
  public void upsertHullResults(List<HullRow> results) {
    db.batch(
        "saving hull results",
        "INSERT INTO hull_results (campaign, candidate_id, kind, e_form, e_above_hull,"
            + " decomposition, acquisition, passed_triage) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON"
            + " CONFLICT (campaign, candidate_id, kind) DO UPDATE SET e_form = excluded.e_form,"
            + " e_above_hull = excluded.e_above_hull, decomposition = excluded.decomposition,"
            + " acquisition = excluded.acquisition, passed_triage = excluded.passed_triage",
        results,
        (ps, h) -> {
          ps.setString(1, h.campaign());
          ps.setString(2, h.candidateId());
          ps.setString(3, h.kind());
          ps.setDouble(4, h.eForm());
          ps.setDouble(5, h.eAboveHull());
          ps.setString(6, h.decomposition());
          StoreDatabase.setDouble(ps, 7, h.acquisition());
          ps.setInt(8, h.passedTriage() ? 1 : 0);
        });
  }

  @Override
  public List<HullRow> hullResults(String campaign, String kind) {
    return db.list(
        "reading " + kind + " hull results of " + campaign,
        HullRow.class,
        HULL_RESULTS,
        campaign,
        kind);
  }

  @Override
  public long countHullResults(String campaign, String kind) {
    return db.count(
        "SELECT COUNT(*) FROM hull_results WHERE campaign = ? AND kind = ?", campaign, kind);
  }

  @Override
  public long countPassedTriage(String campaign) {
    return db.count(COUNT_PASSED_TRIAGE, campaign);
  }

  @Override
  public long countBelowHull(String campaign, double toleranceEv) {
    return db.count(
        "SELECT COUNT(*) FROM hull_results WHERE campaign = ? AND kind = 'dft' AND e_above_hull <"
            + " ?",
        campaign,
        -toleranceEv);
  }
}
