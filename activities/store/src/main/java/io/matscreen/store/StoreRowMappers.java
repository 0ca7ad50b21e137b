package io.matscreen.store;

import io.matscreen.store.StoreRows.CampaignRow;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.DftAttemptRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.store.StoreRows.ShardRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;

/**
 * How each row type of {@link StoreRows} is read from its table: the one place that names columns
 * on the way out. Queries select whole rows ({@code SELECT *} or {@code t.*}).
 */
final class StoreRowMappers {
  private StoreRowMappers() {}

  /** Registers a mapper for every row type, so queries say {@code mapTo(CandidateRow.class)}. */
  static Jdbi register(Jdbi jdbi) {
    return jdbi.registerRowMapper(CampaignRow.class, (rs, ctx) -> campaign(rs))
        .registerRowMapper(ShardRow.class, (rs, ctx) -> shard(rs))
        .registerRowMapper(CandidateRow.class, (rs, ctx) -> candidate(rs))
        .registerRowMapper(PredictionRow.class, (rs, ctx) -> prediction(rs))
        .registerRowMapper(HullRow.class, (rs, ctx) -> hull(rs))
        .registerRowMapper(ReferenceRow.class, (rs, ctx) -> reference(rs))
        .registerRowMapper(DftJobRow.class, (rs, ctx) -> dftJob(rs))
        .registerRowMapper(DftAttemptRow.class, (rs, ctx) -> dftAttempt(rs))
        .registerRowMapper(DftResultRow.class, (rs, ctx) -> dftResult(rs));
  }

  static CampaignRow campaign(ResultSet rs) throws SQLException {
    return new CampaignRow(
        rs.getString("name"),
        rs.getString("chemsys"),
        rs.getString("spec_text"),
        rs.getString("workflow_id"),
        rs.getString("stage"),
        CampaignStatus.fromColumn(rs.getString("name"), rs.getString("status")),
        rs.getString("created_at"),
        rs.getString("updated_at"),
        rs.getString("failure_reason"));
  }

  static ShardRow shard(ResultSet rs) throws SQLException {
    return new ShardRow(
        rs.getString("campaign"),
        rs.getInt("shard"),
        rs.getInt("rows_count"),
        rs.getString("content_hash"),
        rs.getInt("screened") != 0);
  }

  static CandidateRow candidate(ResultSet rs) throws SQLException {
    return new CandidateRow(
        rs.getString("campaign"),
        rs.getString("id"),
        rs.getInt("shard"),
        rs.getString("formula"),
        rs.getString("reduced_formula"),
        rs.getString("origin"),
        rs.getString("structure_json"),
        rs.getInt("nsites"),
        nullableInt(rs, "spacegroup"),
        rs.getString("protostructure"));
  }

  static PredictionRow prediction(ResultSet rs) throws SQLException {
    return new PredictionRow(
        rs.getString("campaign"),
        rs.getString("candidate_id"),
        rs.getString("model"),
        rs.getDouble("e_form_mean"),
        rs.getDouble("e_form_std"),
        rs.getDouble("epistemic_std"),
        rs.getDouble("aleatoric_std"));
  }

  static HullRow hull(ResultSet rs) throws SQLException {
    return new HullRow(
        rs.getString("campaign"),
        rs.getString("candidate_id"),
        rs.getString("kind"),
        rs.getDouble("e_form"),
        rs.getDouble("e_above_hull"),
        rs.getString("decomposition"),
        nullableDouble(rs, "acquisition"),
        rs.getInt("passed_triage") != 0);
  }

  static ReferenceRow reference(ResultSet rs) throws SQLException {
    return new ReferenceRow(
        rs.getString("campaign"),
        rs.getString("id"),
        rs.getString("formula"),
        rs.getDouble("energy_per_atom"),
        rs.getString("energy_kind"),
        rs.getString("fingerprint"),
        rs.getString("source"),
        rs.getString("structure_json"));
  }

  static DftJobRow dftJob(ResultSet rs) throws SQLException {
    return new DftJobRow(
        rs.getString("campaign"),
        rs.getString("job_key"),
        rs.getInt("batch"),
        rs.getString("subject_id"),
        DftJobRole.fromColumn(rs.getString("job_key"), rs.getString("role")),
        rs.getString("formula"),
        rs.getString("input_set"),
        rs.getString("executor"),
        StoredDftState.fromColumn(rs.getString("job_key"), rs.getString("state")),
        rs.getString("scheduler_id"),
        rs.getInt("attempt"),
        rs.getInt("corrections"),
        rs.getString("reason"),
        rs.getString("job_dir"),
        rs.getString("settings_json"),
        rs.getString("structure_json"));
  }

  static DftAttemptRow dftAttempt(ResultSet rs) throws SQLException {
    return new DftAttemptRow(
        rs.getString("campaign"),
        rs.getString("job_key"),
        rs.getInt("attempt"),
        rs.getString("scheduler_id"),
        rs.getString("state"),
        rs.getString("reason"),
        rs.getString("settings_json"),
        rs.getString("recorded_at"));
  }

  static DftResultRow dftResult(ResultSet rs) throws SQLException {
    return new DftResultRow(
        rs.getString("campaign"),
        rs.getString("job_key"),
        rs.getDouble("energy_total_ev"),
        rs.getDouble("energy_per_atom_ev"),
        rs.getInt("n_atoms"),
        rs.getString("fingerprint"),
        rs.getString("final_structure_json"),
        nullableDouble(rs, "wall_time_s"));
  }

  private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
