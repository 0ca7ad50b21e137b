package io.matscreen.store;

import io.matscreen.store.StoreRows.CampaignRow;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.store.StoreRows.ShardRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * The campaign store: bulk rows of every stage over JDBC (an SQLite file by default, PostgreSQL for
 * several machines). Every write is an upsert by natural key, so re-running an activity writes the
 * same rows.
 */
public final class CampaignStore {
  /** Default store of a checkout: an SQLite file under ./matscreen-data. */
  public static final String DEFAULT_URL = "jdbc:sqlite:matscreen-data/matscreen.db";

  /** How far below the known DFT hull (eV/atom) a result must lie to count as a new stable one. */
  public static final double BELOW_HULL_TOLERANCE_EV = 1e-4;

  private final String url;
  private final Properties properties;

  private CampaignStore(String url, Properties properties) {
    this.url = url;
    this.properties = properties;
  }

  /** Opens the store at a JDBC URL and brings its schema to the current version. */
  public static CampaignStore open(String jdbcUrl) {
    Properties props = new Properties();
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      String file = jdbcUrl.substring("jdbc:sqlite:".length());
      int q = file.indexOf('?');
      if (q >= 0) {
        file = file.substring(0, q);
      }
      if (!file.isEmpty() && !file.startsWith(":memory:")) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
          Files.createDirectories(parent);
        } catch (java.io.IOException e) {
          throw new StoreException("cannot create the store directory " + parent, e);
        }
      }
      // WAL lets CLI readers see progress while workers write; the busy timeout makes writers from
      // several processes wait for each other instead of failing.
      props.setProperty("journal_mode", "WAL");
      props.setProperty("busy_timeout", "60000");
    } else if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new StoreException(
          "unsupported store URL '" + jdbcUrl + "': use jdbc:sqlite:FILE or jdbc:postgresql://...");
    }
    CampaignStore store = new CampaignStore(jdbcUrl, props);
    store.migrate();
    return store;
  }

  public String url() {
    return url;
  }

  private void migrate() {
    try {
      Flyway.configure()
          .dataSource(url, properties.getProperty("user"), properties.getProperty("password"))
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException("cannot migrate the campaign store at " + url + ": " + e, e);
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, properties);
  }

  private static String now() {
    return Instant.now().toString();
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(String what, SqlWork<T> work) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed on " + url + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
    return inTransaction(
        "query",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(mapper.map(rs));
              }
            }
            return out;
          }
        });
  }

  private long count(String sql, Object... args) {
    return query(sql, rs -> rs.getLong(1), args).get(0);
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        // Untyped NULL, so PostgreSQL infers the column type (VARCHAR would clash with numbers).
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (a instanceof Long n) {
        ps.setLong(i + 1, n);
      } else if (a instanceof Double d) {
        ps.setDouble(i + 1, d);
      } else if (a instanceof Boolean b) {
        ps.setInt(i + 1, b ? 1 : 0);
      } else {
        ps.setString(i + 1, a.toString());
      }
    }
  }

  private void batch(String what, String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    inTransaction(
        what,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
              bind(ps, row);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  // ---- campaigns -------------------------------------------------------------------------

  /** Registers a campaign, or updates its spec if it exists (its stage and status are kept). */
  public void upsertCampaign(String name, String chemsys, String specText, String workflowId) {
    String t = now();
    batch(
        "saving campaign " + name,
        "INSERT INTO campaigns (name, chemsys, spec_text, workflow_id, stage, status, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, 'created', 'RUNNING', ?, ?) ON CONFLICT (name) DO"
            + " UPDATE SET chemsys = excluded.chemsys, spec_text = excluded.spec_text,"
            + " workflow_id = excluded.workflow_id, updated_at = excluded.updated_at",
        List.<Object[]>of(new Object[] {name, chemsys, specText, workflowId, t, t}));
  }

  public void updateCampaignStage(String name, String stage, CampaignStatus status) {
    updateCampaignStage(name, stage, status, null);
  }

  /** Sets stage and status and the failure reason (null clears it, e.g. after a resume). */
  public void updateCampaignStage(
      String name, String stage, CampaignStatus status, String failureReason) {
    batch(
        "updating campaign " + name,
        "UPDATE campaigns SET stage = ?, status = ?, failure_reason = ?, updated_at = ? WHERE"
            + " name = ?",
        List.<Object[]>of(new Object[] {stage, status.name(), failureReason, now(), name}));
  }

  public Optional<CampaignRow> campaign(String name) {
    return query("SELECT * FROM campaigns WHERE name = ?", CampaignStore::campaignRow, name)
        .stream()
        .findFirst();
  }

  public List<CampaignRow> campaigns() {
    return query("SELECT * FROM campaigns ORDER BY created_at", CampaignStore::campaignRow);
  }

  private static CampaignRow campaignRow(ResultSet rs) throws SQLException {
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

  // ---- shards and candidates -------------------------------------------------------------

  public void upsertShards(List<ShardRow> shards) {
    List<Object[]> rows = new ArrayList<>();
    for (ShardRow s : shards) {
      rows.add(new Object[] {s.campaign(), s.shard(), s.rows(), s.contentHash(), s.screened()});
    }
    batch(
        "saving shards",
        "INSERT INTO shards (campaign, shard, rows_count, content_hash, screened) VALUES (?, ?, ?,"
            + " ?, ?) ON CONFLICT (campaign, shard) DO UPDATE SET rows_count = excluded.rows_count,"
            + " content_hash = excluded.content_hash",
        rows);
  }

  public void markShardScreened(String campaign, int shard) {
    batch(
        "marking shard screened",
        "UPDATE shards SET screened = 1 WHERE campaign = ? AND shard = ?",
        List.<Object[]>of(new Object[] {campaign, shard}));
  }

  public List<ShardRow> shards(String campaign) {
    return query(
        "SELECT * FROM shards WHERE campaign = ? ORDER BY shard",
        rs ->
            new ShardRow(
                rs.getString("campaign"),
                rs.getInt("shard"),
                rs.getInt("rows_count"),
                rs.getString("content_hash"),
                rs.getInt("screened") != 0),
        campaign);
  }

  public void upsertCandidates(List<CandidateRow> candidates) {
    List<Object[]> rows = new ArrayList<>();
    for (CandidateRow c : candidates) {
      rows.add(
          new Object[] {
            c.campaign(),
            c.id(),
            c.shard(),
            c.formula(),
            c.reducedFormula(),
            c.origin(),
            c.structureJson(),
            c.nsites(),
            c.spacegroup(),
            c.protostructure()
          });
    }
    batch(
        "saving candidates",
        "INSERT INTO candidates (campaign, id, shard, formula, reduced_formula, origin,"
            + " structure_json, nsites, spacegroup, protostructure) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?) ON CONFLICT (campaign, id) DO UPDATE SET shard = excluded.shard, formula ="
            + " excluded.formula, reduced_formula = excluded.reduced_formula, origin ="
            + " excluded.origin, structure_json = excluded.structure_json, nsites ="
            + " excluded.nsites, spacegroup = excluded.spacegroup, protostructure ="
            + " excluded.protostructure",
        rows);
  }

  public List<CandidateRow> candidatesInShard(String campaign, int shard) {
    return query(
        "SELECT * FROM candidates WHERE campaign = ? AND shard = ? ORDER BY id",
        CampaignStore::candidateRow,
        campaign,
        shard);
  }

  public Optional<CandidateRow> candidate(String campaign, String id) {
    return query(
            "SELECT * FROM candidates WHERE campaign = ? AND id = ?",
            CampaignStore::candidateRow,
            campaign,
            id)
        .stream()
        .findFirst();
  }

  private static CandidateRow candidateRow(ResultSet rs) throws SQLException {
    int sg = rs.getInt("spacegroup");
    Integer spacegroup = rs.wasNull() ? null : sg;
    return new CandidateRow(
        rs.getString("campaign"),
        rs.getString("id"),
        rs.getInt("shard"),
        rs.getString("formula"),
        rs.getString("reduced_formula"),
        rs.getString("origin"),
        rs.getString("structure_json"),
        rs.getInt("nsites"),
        spacegroup,
        rs.getString("protostructure"));
  }

  public long countCandidates(String campaign) {
    return count("SELECT COUNT(*) FROM candidates WHERE campaign = ?", campaign);
  }

  // ---- predictions and hull results ------------------------------------------------------

  public void upsertPredictions(List<PredictionRow> predictions) {
    List<Object[]> rows = new ArrayList<>();
    for (PredictionRow p : predictions) {
      rows.add(
          new Object[] {
            p.campaign(),
            p.candidateId(),
            p.model(),
            p.eFormMean(),
            p.eFormStd(),
            p.epistemicStd(),
            p.aleatoricStd()
          });
    }
    batch(
        "saving predictions",
        "INSERT INTO predictions (campaign, candidate_id, model, e_form_mean, e_form_std,"
            + " epistemic_std, aleatoric_std) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign,"
            + " candidate_id) DO UPDATE SET model = excluded.model, e_form_mean ="
            + " excluded.e_form_mean, e_form_std = excluded.e_form_std, epistemic_std ="
            + " excluded.epistemic_std, aleatoric_std = excluded.aleatoric_std",
        rows);
  }

  public List<PredictionRow> predictionsInShard(String campaign, int shard) {
    return query(
        "SELECT p.* FROM predictions p JOIN candidates c ON c.campaign = p.campaign AND c.id ="
            + " p.candidate_id WHERE p.campaign = ? AND c.shard = ? ORDER BY p.candidate_id",
        CampaignStore::predictionRow,
        campaign,
        shard);
  }

  public Optional<PredictionRow> prediction(String campaign, String candidateId) {
    return query(
            "SELECT * FROM predictions WHERE campaign = ? AND candidate_id = ?",
            CampaignStore::predictionRow,
            campaign,
            candidateId)
        .stream()
        .findFirst();
  }

  private static PredictionRow predictionRow(ResultSet rs) throws SQLException {
    return new PredictionRow(
        rs.getString("campaign"),
        rs.getString("candidate_id"),
        rs.getString("model"),
        rs.getDouble("e_form_mean"),
        rs.getDouble("e_form_std"),
        rs.getDouble("epistemic_std"),
        rs.getDouble("aleatoric_std"));
  }

  public long countPredictions(String campaign) {
    return count("SELECT COUNT(*) FROM predictions WHERE campaign = ?", campaign);
  }

  public void upsertHullResults(List<HullRow> results) {
    List<Object[]> rows = new ArrayList<>();
    for (HullRow h : results) {
      rows.add(
          new Object[] {
            h.campaign(),
            h.candidateId(),
            h.kind(),
            h.eForm(),
            h.eAboveHull(),
            h.decomposition(),
            h.acquisition(),
            h.passedTriage()
          });
    }
    batch(
        "saving hull results",
        "INSERT INTO hull_results (campaign, candidate_id, kind, e_form, e_above_hull,"
            + " decomposition, acquisition, passed_triage) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON"
            + " CONFLICT (campaign, candidate_id, kind) DO UPDATE SET e_form = excluded.e_form,"
            + " e_above_hull = excluded.e_above_hull, decomposition = excluded.decomposition,"
            + " acquisition = excluded.acquisition, passed_triage = excluded.passed_triage",
        rows);
  }

  /** Hull results of one kind, lowest acquisition value (or e_above_hull) first. */
  public List<HullRow> hullResults(String campaign, String kind) {
    return query(
        "SELECT * FROM hull_results WHERE campaign = ? AND kind = ? ORDER BY COALESCE(acquisition,"
            + " e_above_hull), candidate_id",
        rs -> {
          double acq = rs.getDouble("acquisition");
          Double acquisition = rs.wasNull() ? null : acq;
          return new HullRow(
              rs.getString("campaign"),
              rs.getString("candidate_id"),
              rs.getString("kind"),
              rs.getDouble("e_form"),
              rs.getDouble("e_above_hull"),
              rs.getString("decomposition"),
              acquisition,
              rs.getInt("passed_triage") != 0);
        },
        campaign,
        kind);
  }

  public long countHullResults(String campaign, String kind) {
    return count(
        "SELECT COUNT(*) FROM hull_results WHERE campaign = ? AND kind = ?", campaign, kind);
  }

  public long countPassedTriage(String campaign) {
    return count(
        "SELECT COUNT(*) FROM hull_results WHERE campaign = ? AND kind = 'predicted' AND"
            + " passed_triage = 1",
        campaign);
  }

  /**
   * Candidates whose DFT energy lies below the DFT hull of the known phases by more than {@code
   * toleranceEv} (eV/atom): new stable materials.
   */
  public long countBelowHull(String campaign, double toleranceEv) {
    return count(
        "SELECT COUNT(*) FROM hull_results WHERE campaign = ? AND kind = 'dft' AND e_above_hull <"
            + " ?",
        campaign,
        -toleranceEv);
  }

  // ---- references ------------------------------------------------------------------------

  public void upsertReferences(List<ReferenceRow> references) {
    List<Object[]> rows = new ArrayList<>();
    for (ReferenceRow r : references) {
      rows.add(
          new Object[] {
            r.campaign(),
            r.id(),
            r.formula(),
            r.energyPerAtom(),
            r.energyKind(),
            r.fingerprint(),
            r.source(),
            r.structureJson()
          });
    }
    batch(
        "saving references",
        "INSERT INTO reference_entries (campaign, id, formula, energy_per_atom, energy_kind,"
            + " fingerprint, source, structure_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
            + " (campaign, id) DO UPDATE SET formula = excluded.formula, energy_per_atom ="
            + " excluded.energy_per_atom, energy_kind = excluded.energy_kind, fingerprint ="
            + " excluded.fingerprint, source = excluded.source, structure_json ="
            + " excluded.structure_json",
        rows);
  }

  public List<ReferenceRow> references(String campaign) {
    return query(
        "SELECT * FROM reference_entries WHERE campaign = ? ORDER BY id",
        rs ->
            new ReferenceRow(
                rs.getString("campaign"),
                rs.getString("id"),
                rs.getString("formula"),
                rs.getDouble("energy_per_atom"),
                rs.getString("energy_kind"),
                rs.getString("fingerprint"),
                rs.getString("source"),
                rs.getString("structure_json")),
        campaign);
  }

  // ---- DFT jobs, attempts and results ----------------------------------------------------

  /** Adds DFT jobs that are not in the store yet; jobs already known keep their state. */
  public void insertDftJobsIfAbsent(List<DftJobRow> jobs) {
    String t = now();
    List<Object[]> rows = new ArrayList<>();
    for (DftJobRow j : jobs) {
      rows.add(dftJobArgs(j, t));
    }
    batch(
        "saving DFT jobs",
        "INSERT INTO dft_jobs (campaign, job_key, batch, subject_id, role, formula, input_set,"
            + " executor, state, scheduler_id, attempt, corrections, reason, job_dir,"
            + " settings_json, structure_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign, job_key) DO NOTHING",
        rows);
  }

  /** Writes the whole state of a DFT job. */
  public void updateDftJob(DftJobRow j) {
    Object[] a = dftJobArgs(j, now());
    batch(
        "updating DFT job " + j.jobKey(),
        "UPDATE dft_jobs SET batch = ?, subject_id = ?, role = ?, formula = ?, input_set = ?,"
            + " executor = ?, state = ?, scheduler_id = ?, attempt = ?, corrections = ?, reason ="
            + " ?, job_dir = ?, settings_json = ?, structure_json = ?, updated_at = ? WHERE"
            + " campaign = ? AND job_key = ?",
        List.<Object[]>of(
            new Object[] {
              a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14],
              a[15], a[16], a[0], a[1]
            }));
  }

  private static Object[] dftJobArgs(DftJobRow j, String t) {
    return new Object[] {
      j.campaign(),
      j.jobKey(),
      j.batch(),
      j.subjectId(),
      j.role().text(),
      j.formula(),
      j.inputSet(),
      j.executor(),
      j.state().name(),
      j.schedulerId(),
      j.attempt(),
      j.corrections(),
      j.reason(),
      j.jobDir(),
      j.settingsJson(),
      j.structureJson(),
      t
    };
  }

  public List<DftJobRow> dftJobs(String campaign) {
    return query(
        "SELECT * FROM dft_jobs WHERE campaign = ? ORDER BY batch, job_key",
        CampaignStore::dftJobRow,
        campaign);
  }

  public List<DftJobRow> dftJobsInBatch(String campaign, int batch) {
    return query(
        "SELECT * FROM dft_jobs WHERE campaign = ? AND batch = ? ORDER BY job_key",
        CampaignStore::dftJobRow,
        campaign,
        batch);
  }

  public Optional<DftJobRow> dftJob(String campaign, String jobKey) {
    return query(
            "SELECT * FROM dft_jobs WHERE campaign = ? AND job_key = ?",
            CampaignStore::dftJobRow,
            campaign,
            jobKey)
        .stream()
        .findFirst();
  }

  private static DftJobRow dftJobRow(ResultSet rs) throws SQLException {
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

  /** Records how one attempt of a job ended (provenance kept across resumes). */
  public void recordAttempt(DftJobRow j) {
    batch(
        "recording attempt of " + j.jobKey(),
        "INSERT INTO dft_attempts (campaign, job_key, attempt, scheduler_id, state, reason,"
            + " settings_json, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign,"
            + " job_key, attempt) DO UPDATE SET scheduler_id = excluded.scheduler_id, state ="
            + " excluded.state, reason = excluded.reason, settings_json = excluded.settings_json,"
            + " recorded_at = excluded.recorded_at",
        List.<Object[]>of(
            new Object[] {
              j.campaign(),
              j.jobKey(),
              j.attempt(),
              j.schedulerId(),
              j.state().name(),
              j.reason(),
              j.settingsJson(),
              now()
            }));
  }

  /** Attempts of a job, oldest first, as (attempt, scheduler id, state, reason). */
  public List<String[]> attempts(String campaign, String jobKey) {
    return query(
        "SELECT attempt, scheduler_id, state, reason FROM dft_attempts WHERE campaign = ? AND"
            + " job_key = ? ORDER BY attempt",
        rs ->
            new String[] {
              Integer.toString(rs.getInt(1)), rs.getString(2), rs.getString(3), rs.getString(4)
            },
        campaign,
        jobKey);
  }

  public void upsertDftResult(DftResultRow r) {
    batch(
        "saving DFT result " + r.jobKey(),
        "INSERT INTO dft_results (campaign, job_key, energy_total_ev, energy_per_atom_ev, n_atoms,"
            + " fingerprint, final_structure_json, wall_time_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON"
            + " CONFLICT (campaign, job_key) DO UPDATE SET energy_total_ev ="
            + " excluded.energy_total_ev, energy_per_atom_ev = excluded.energy_per_atom_ev,"
            + " n_atoms = excluded.n_atoms, fingerprint = excluded.fingerprint,"
            + " final_structure_json = excluded.final_structure_json, wall_time_s ="
            + " excluded.wall_time_s",
        List.<Object[]>of(
            new Object[] {
              r.campaign(),
              r.jobKey(),
              r.energyTotalEv(),
              r.energyPerAtomEv(),
              r.nAtoms(),
              r.fingerprint(),
              r.finalStructureJson(),
              r.wallTimeS()
            }));
  }

  public List<DftResultRow> dftResults(String campaign) {
    return query(
        "SELECT * FROM dft_results WHERE campaign = ? ORDER BY job_key",
        rs -> {
          double w = rs.getDouble("wall_time_s");
          Double wall = rs.wasNull() ? null : w;
          return new DftResultRow(
              rs.getString("campaign"),
              rs.getString("job_key"),
              rs.getDouble("energy_total_ev"),
              rs.getDouble("energy_per_atom_ev"),
              rs.getInt("n_atoms"),
              rs.getString("fingerprint"),
              rs.getString("final_structure_json"),
              wall);
        },
        campaign);
  }

  // ---- reports -----------------------------------------------------------------------------

  public void saveReport(String campaign, String text) {
    batch(
        "saving report of " + campaign,
        "INSERT INTO reports (campaign, text, created_at) VALUES (?, ?, ?) ON CONFLICT (campaign)"
            + " DO UPDATE SET text = excluded.text, created_at = excluded.created_at",
        List.<Object[]>of(new Object[] {campaign, text, now()}));
  }

  public Optional<String> report(String campaign) {
    return query("SELECT text FROM reports WHERE campaign = ?", rs -> rs.getString(1), campaign)
        .stream()
        .findFirst();
  }

  /** Funnel counts of a campaign as the store knows them. */
  public FunnelCounts funnel(String campaign) {
    List<DftJobRow> jobs = dftJobs(campaign);
    long submitted = 0;
    long finished = 0;
    long failed = 0;
    for (DftJobRow j : jobs) {
      if (j.role() != DftJobRole.CANDIDATE) {
        continue;
      }
      submitted++;
      if (j.state() == StoredDftState.FINISHED) {
        finished++;
      } else if (j.state() == StoredDftState.FAILED) {
        failed++;
      }
    }
    return new FunnelCounts(
        countCandidates(campaign),
        countHullResults(campaign, "predicted"),
        countPassedTriage(campaign),
        submitted,
        finished,
        failed,
        countBelowHull(campaign, BELOW_HULL_TOLERANCE_EV));
  }

  /** Counts of each stage of a campaign's funnel. */
  public record FunnelCounts(
      long candidates,
      long screened,
      long passedTriage,
      long dftSubmitted,
      long dftFinished,
      long dftFailed,
      long belowHull) {}
}
