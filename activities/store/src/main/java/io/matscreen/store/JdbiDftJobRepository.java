package io.matscreen.store;

import io.matscreen.store.StoreRows.DftAttemptRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link DftJobRepository} on the tables dft_jobs, dft_attempts and dft_results. */
final class JdbiDftJobRepository implements DftJobRepository {
  /** Served by dft_jobs_batch_key (campaign, batch, job_key): no sort. */
  static final String DFT_JOBS =
      "SELECT * FROM dft_jobs WHERE campaign = ? ORDER BY batch, job_key";

  static final String DFT_JOBS_IN_BATCH =
      "SELECT * FROM dft_jobs WHERE campaign = ? AND batch = ? ORDER BY job_key";

  private final StoreDatabase db;

  JdbiDftJobRepository(StoreDatabase db) {
    this.db = db;
  }

  @Override
  public void insertDftJobsIfAbsent(List<DftJobRow> jobs) {
    String t = Instant.now().toString();
    db.batch(
        "saving DFT jobs",
        "INSERT INTO dft_jobs (batch, subject_id, role, formula, input_set, executor, state,"
            + " scheduler_id, attempt, corrections, reason, job_dir, settings_json, structure_json,"
            + " updated_at, campaign, job_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?) ON CONFLICT (campaign, job_key) DO NOTHING",
        jobs,
        (ps, j) -> bindJob(ps, j, t));
  }

  @Override
  public void updateDftJob(DftJobRow job) {
    String t = Instant.now().toString();
    db.batch(
        "updating DFT job " + job.jobKey(),
        "UPDATE dft_jobs SET batch = ?, subject_id = ?, role = ?, formula = ?, input_set = ?,"
            + " executor = ?, state = ?, scheduler_id = ?, attempt = ?, corrections = ?, reason ="
            + " ?, job_dir = ?, settings_json = ?, structure_json = ?, updated_at = ? WHERE"
            + " campaign = ? AND job_key = ?",
        List.of(job),
        (ps, j) -> bindJob(ps, j, t));
  }

  /** Binds a job's columns in the order of both statements above: state first, key last. */
  private static void bindJob(PreparedStatement ps, DftJobRow j, String updatedAt)
      throws SQLException {
    ps.setInt(1, j.batch());
    ps.setString(2, j.subjectId());
    ps.setString(3, j.role().text());
    ps.setString(4, j.formula());
    ps.setString(5, j.inputSet());
    ps.setString(6, j.executor());
    ps.setString(7, j.state().name());
    ps.setString(8, j.schedulerId());
    ps.setInt(9, j.attempt());
    ps.setInt(10, j.corrections());
    ps.setString(11, j.reason());
    ps.setString(12, j.jobDir());
    ps.setString(13, j.settingsJson());
    ps.setString(14, j.structureJson());
    ps.setString(15, updatedAt);
    ps.setString(16, j.campaign());
    ps.setString(17, j.jobKey());
  }

  @Override
  public List<DftJobRow> dftJobs(String campaign) {
    return db.list("listing DFT jobs of " + campaign, DftJobRow.class, DFT_JOBS, campaign);
  }

  @Override
  public List<DftJobRow> dftJobsInBatch(String campaign, int batch) {
    return db.list(
        "listing DFT batch " + batch + " of " + campaign,
        DftJobRow.class,
        DFT_JOBS_IN_BATCH,
        campaign,
        batch);
  }

  @Override
  public Optional<DftJobRow> dftJob(String campaign, String jobKey) {
    return db.first(
        "reading DFT job " + jobKey,
        DftJobRow.class,
        "SELECT * FROM dft_jobs WHERE campaign = ? AND job_key = ?",
        campaign,
        jobKey);
  }

  @Override
  public Map<String, Long> countJobsByState(String campaign, String role) {
    return db.read(
        "counting DFT jobs of " + campaign,
        h -> {
          Map<String, Long> counts = new TreeMap<>();
          h.createQuery(
                  "SELECT state, COUNT(*) AS n FROM dft_jobs WHERE campaign = ? AND role = ? GROUP"
                      + " BY state")
              .bind(0, campaign)
              .bind(1, role)
              .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n")))
              .forEach(e -> counts.put(e.getKey(), e.getValue()));
          return counts;
        });
  }

  @Override
  public void recordAttempt(DftJobRow j) {
    db.write(
        "recording attempt " + j.attempt() + " of " + j.jobKey(),
        h ->
            h.createUpdate(
                    "INSERT INTO dft_attempts (campaign, job_key, attempt, scheduler_id, state,"
                        + " reason, settings_json, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON"
                        + " CONFLICT (campaign, job_key, attempt) DO UPDATE SET scheduler_id ="
                        + " excluded.scheduler_id, state = excluded.state, reason ="
                        + " excluded.reason, settings_json = excluded.settings_json, recorded_at"
                        + " = excluded.recorded_at")
                .bind(0, j.campaign())
                .bind(1, j.jobKey())
                .bind(2, j.attempt())
                .bind(3, j.schedulerId())
                .bind(4, j.state().name())
                .bind(5, j.reason())
                .bind(6, j.settingsJson())
                .bind(7, Instant.now().toString())
                .execute());
  }

  @Override
  public List<DftAttemptRow> attempts(String campaign, String jobKey) {
    return db.list(
        "reading attempts of " + jobKey,
        DftAttemptRow.class,
        "SELECT * FROM dft_attempts WHERE campaign = ? AND job_key = ? ORDER BY attempt",
        campaign,
        jobKey);
  }

  @Override
  public void upsertDftResult(DftResultRow r) {
    db.write(
        "saving DFT result " + r.jobKey(),
        h ->
            h.createUpdate(
                    "INSERT INTO dft_results (campaign, job_key, energy_total_ev,"
                        + " energy_per_atom_ev, n_atoms, fingerprint, final_structure_json,"
                        + " wall_time_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign,"
                        + " job_key) DO UPDATE SET energy_total_ev = excluded.energy_total_ev,"
                        + " energy_per_atom_ev = excluded.energy_per_atom_ev, n_atoms ="
                        + " excluded.n_atoms, fingerprint = excluded.fingerprint,"
                        + " final_structure_json = excluded.final_structure_json, wall_time_s ="
                        + " excluded.wall_time_s")
                .bind(0, r.campaign())
                .bind(1, r.jobKey())
                .bind(2, r.energyTotalEv())
                .bind(3, r.energyPerAtomEv())
                .bind(4, r.nAtoms())
                .bind(5, r.fingerprint())
                .bind(6, r.finalStructureJson())
                .bind(7, r.wallTimeS())
                .execute());
  }

  @Override
  public List<DftResultRow> dftResults(String campaign) {
    return db.list(
        "reading DFT results of " + campaign,
        DftResultRow.class,
        "SELECT * FROM dft_results WHERE campaign = ? ORDER BY job_key",
        campaign);
  }
}
