package io.matscreen.store;

import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.ShardRow;
import java.util.List;
import java.util.Optional;

/** {@link CandidateRepository} on the tables shards and candidates. */
final class JdbiCandidateRepository implements CandidateRepository {
  /** Served by the index candidates_shard_id (campaign, shard, id): no sort. */
  static final String CANDIDATES_IN_SHARD =
      "SELECT * FROM candidates WHERE campaign = ? AND shard = ? ORDER BY id";

  static final String UPSERT_CANDIDATES =
      "INSERT INTO candidates (campaign, id, shard, formula, reduced_formula, origin,"
          + " structure_json, nsites, spacegroup, protostructure) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?) ON CONFLICT (campaign, id) DO UPDATE SET shard = excluded.shard, formula ="
          + " excluded.formula, reduced_formula = excluded.reduced_formula, origin ="
          + " excluded.origin, structure_json = excluded.structure_json, nsites ="
          + " excluded.nsites, spacegroup = excluded.spacegroup, protostructure ="
          + " excluded.protostructure";

  private final StoreDatabase db;

  JdbiCandidateRepository(StoreDatabase db) {
    this.db = db;
  }

  @Override
  public void upsertShards(List<ShardRow> shards) {
    db.batch(
        "saving shards",
        "INSERT INTO shards (campaign, shard, rows_count, content_hash, screened) VALUES (?, ?, ?,"
            + " ?, ?) ON CONFLICT (campaign, shard) DO UPDATE SET rows_count = excluded.rows_count,"
            + " content_hash = excluded.content_hash",
        shards,
        (ps, s) -> {
          ps.setString(1, s.campaign());
          ps.setInt(2, s.shard());
          ps.setInt(3, s.rows());
          ps.setString(4, s.contentHash());
          ps.setInt(5, s.screened() ? 1 : 0);
        });
  }

  @Override
  public void markShardScreened(String campaign, int shard) {
    db.update(
        "marking shard " + shard + " of " + campaign + " screened",
        "UPDATE shards SET screened = 1 WHERE campaign = ? AND shard = ?",
        campaign,
        shard);
  }

  @Override
  public List<ShardRow> shards(String campaign) {
    return db.list(
        "listing shards of " + campaign,
        ShardRow.class,
        "SELECT * FROM shards WHERE campaign = ? ORDER BY shard",
        campaign);
  }

  @Override
  public void upsertCandidates(List<CandidateRow> candidates) {
    db.batch(
        "saving candidates",
        UPSERT_CANDIDATES,
        candidates,
        (ps, c) -> {
          ps.setString(1, c.campaign());
          ps.setString(2, c.id());
          ps.setInt(3, c.shard());
          ps.setString(4, c.formula());
          ps.setString(5, c.reducedFormula());
          ps.setString(6, c.origin());
          ps.setString(7, c.structureJson());
          ps.setInt(8, c.nsites());
          StoreDatabase.setInt(ps, 9, c.spacegroup());
          ps.setString(10, c.protostructure());
        });
  }

  @Override
  public List<CandidateRow> candidatesInShard(String campaign, int shard) {
    return db.list(
        "reading shard " + shard + " of " + campaign,
        CandidateRow.class,
        CANDIDATES_IN_SHARD,
        campaign,
        shard);
  }

  @Override
  public Optional<CandidateRow> candidate(String campaign, String id) {
    return db.first(
        "reading candidate " + id,
        CandidateRow.class,
        "SELECT * FROM candidates WHERE campaign = ? AND id = ?",
        campaign,
        id);
  }

  @Override
  public long countCandidates(String campaign) {
    return db.count("SELECT COUNT(*) FROM candidates WHERE campaign = ?", campaign);
  }
}
