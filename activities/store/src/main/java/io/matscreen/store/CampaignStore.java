package io.matscreen.store;

import com.zaxxer.hikari.HikariDataSource;
import io.matscreen.store.StoreRows.CampaignRow;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.DftAttemptRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.store.StoreRows.ShardRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The campaign store: bulk rows of every stage over JDBC (an SQLite file by default, PostgreSQL for
 * several machines), one facade over the table groups' repositories. Every write is an upsert by
 * natural key, so re-running an activity writes the same rows.
 */
public final class CampaignStore implements AutoCloseable {
  /** Default store of a checkout: an SQLite file under ./matscreen-data. */
  public static final String DEFAULT_URL = "jdbc:sqlite:matscreen-data/matscreen.db";

  /** How far below the known DFT hull (eV/atom) a result must lie to count as a new stable one. */
  public static final double BELOW_HULL_TOLERANCE_EV = 1e-4;

  private final String url;
  private final DataSource dataSource;
  private final AutoCloseable ownedPool;
  private final CampaignRepository campaigns;
  private final CandidateRepository candidates;
  private final PredictionRepository predictions;
  private final ReferenceRepository references;
  private final DftJobRepository dftJobs;

  private CampaignStore(String url, DataSource dataSource, AutoCloseable ownedPool) {
    this.url = url;
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    StoreDatabase db = new StoreDatabase(url, dataSource);
    this.campaigns = new JdbiCampaignRepository(db);
    this.candidates = new JdbiCandidateRepository(db);
    this.predictions = new JdbiPredictionRepository(db);
    this.references = new JdbiReferenceRepository(db);
    this.dftJobs = new JdbiDftJobRepository(db);
  }

  /**
   * Opens the store at a JDBC URL on a pool of its own, closed with the store, and brings its
   * schema to the current version. Processes that serve many calls share stores through {@link
   * CampaignStores} instead.
   */
  public static CampaignStore open(String jdbcUrl) {
    HikariDataSource pool = StoreDataSource.create(jdbcUrl);
    try {
      return on(jdbcUrl, pool, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * The store over a pool someone else owns (and closes), migrated to the current schema. {@code
   * ownedPool}, when not null, is closed with the store.
   */
  static CampaignStore on(String jdbcUrl, DataSource dataSource, AutoCloseable ownedPool) {
    CampaignStore store = new CampaignStore(jdbcUrl, dataSource, ownedPool);
    store.migrate();
    return store;
  }

  public String url() {
    return url;
  }

  /** The pool this store's queries run on. */
  DataSource dataSource() {
    return dataSource;
  }

  public CampaignRepository campaignRepository() {
    return campaigns;
  }

  public CandidateRepository candidateRepository() {
    return candidates;
  }

  public PredictionRepository predictionRepository() {
    return predictions;
  }

  public ReferenceRepository referenceRepository() {
    return references;
  }

  public DftJobRepository dftJobRepository() {
    return dftJobs;
  }

  private void migrate() {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException("cannot migrate the campaign store at " + url + ": " + e, e);
    }
  }

  /** Closes the store's pool when the store owns it; a shared pool stays open. */
  @Override
  public void close() {
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        throw new StoreException("cannot close the campaign store at " + url + ": " + e, e);
      }
    }
  }

  // ---- campaigns, progress and reports ---------------------------------------------------

  /** Registers a campaign, or updates its spec if it exists (its stage and status are kept). */
  public void upsertCampaign(String name, String chemsys, String specText, String workflowId) {
    campaigns.upsertCampaign(name, chemsys, specText, workflowId);
  }

  public void updateCampaignStage(String name, String stage, CampaignStatus status) {
    updateCampaignStage(name, stage, status, null);
  }

  /** Sets stage and status and the failure reason (null clears it, e.g. after a resume). */
  public void updateCampaignStage(
      String name, String stage, CampaignStatus status, String failureReason) {
    campaigns.updateCampaignStage(name, stage, status, failureReason);
  }

  public Optional<CampaignRow> campaign(String name) {
    return campaigns.campaign(name);
  }

  public List<CampaignRow> campaigns() {
    return campaigns.campaigns();
  }

  public void saveReport(String campaign, String text) {
    campaigns.saveReport(campaign, text);
  }

  public Optional<String> report(String campaign) {
    return campaigns.report(campaign);
  }

  // ---- shards and candidates -------------------------------------------------------------

  public void upsertShards(List<ShardRow> shards) {
    candidates.upsertShards(shards);
  }

  public void markShardScreened(String campaign, int shard) {
    candidates.markShardScreened(campaign, shard);
  }

  public List<ShardRow> shards(String campaign) {
    return candidates.shards(campaign);
  }

  public void upsertCandidates(List<CandidateRow> rows) {
    candidates.upsertCandidates(rows);
  }

  public List<CandidateRow> candidatesInShard(String campaign, int shard) {
    return candidates.candidatesInShard(campaign, shard);
  }

  public Optional<CandidateRow> candidate(String campaign, String id) {
    return candidates.candidate(campaign, id);
  }

  public long countCandidates(String campaign) {
    return candidates.countCandidates(campaign);
  }

  // ---- predictions and hull results ------------------------------------------------------

  public void upsertPredictions(List<PredictionRow> rows) {
    predictions.upsertPredictions(rows);
  }

  public List<PredictionRow> predictionsInShard(String campaign, int shard) {
    return predictions.predictionsInShard(campaign, shard);
  }

  public Optional<PredictionRow> prediction(String campaign, String candidateId) {
    return predictions.prediction(campaign, candidateId);
  }

  public long countPredictions(String campaign) {
    return predictions.countPredictions(campaign);
  }

  public void upsertHullResults(List<HullRow> results) {
    predictions.upsertHullResults(results);
  }

  /** Hull results of one kind, lowest acquisition value (or e_above_hull) first. */
  public List<HullRow> hullResults(String campaign, String kind) {
    return predictions.hullResults(campaign, kind);
  }

  public long countHullResults(String campaign, String kind) {
    return predictions.countHullResults(campaign, kind);
  }

  public long countPassedTriage(String campaign) {
    return predictions.countPassedTriage(campaign);
  }

  /**
   * Candidates whose DFT energy lies below the DFT hull of the known phases by more than {@code
   * toleranceEv} (eV/atom): new stable materials.
   */
  public long countBelowHull(String campaign, double toleranceEv) {
    return predictions.countBelowHull(campaign, toleranceEv);
  }

  // ---- references ------------------------------------------------------------------------

  public void upsertReferences(List<ReferenceRow> rows) {
    references.upsertReferences(rows);
  }

  public List<ReferenceRow> references(String campaign) {
    return references.references(campaign);
  }

  // ---- DFT jobs, attempts and results ----------------------------------------------------

  /** Adds DFT jobs that are not in the store yet; jobs already known keep their state. */
  public void insertDftJobsIfAbsent(List<DftJobRow> jobs) {
    dftJobs.insertDftJobsIfAbsent(jobs);
  }

  /** Writes the whole state of a DFT job. */
  public void updateDftJob(DftJobRow j) {
    dftJobs.updateDftJob(j);
  }

  public List<DftJobRow> dftJobs(String campaign) {
    return dftJobs.dftJobs(campaign);
  }

  public List<DftJobRow> dftJobsInBatch(String campaign, int batch) {
    return dftJobs.dftJobsInBatch(campaign, batch);
  }

  public Optional<DftJobRow> dftJob(String campaign, String jobKey) {
    return dftJobs.dftJob(campaign, jobKey);
  }

  /** Records how one attempt of a job ended (provenance kept across resumes). */
  public void recordAttempt(DftJobRow j) {
    dftJobs.recordAttempt(j);
  }

  /** Attempts of a job, oldest first. */
  public List<DftAttemptRow> attempts(String campaign, String jobKey) {
    return dftJobs.attempts(campaign, jobKey);
  }

  public void upsertDftResult(DftResultRow r) {
    dftJobs.upsertDftResult(r);
  }

  public List<DftResultRow> dftResults(String campaign) {
    return dftJobs.dftResults(campaign);
  }

  // ---- the funnel --------------------------------------------------------------------------

  /** Funnel counts of a campaign as the store knows them. */
  public FunnelCounts funnel(String campaign) {
    Map<String, Long> jobs = dftJobs.countJobsByState(campaign, DftJobRole.CANDIDATE.text());
    long submitted = jobs.values().stream().mapToLong(Long::longValue).sum();
    return new FunnelCounts(
        countCandidates(campaign),
        countHullResults(campaign, "predicted"),
        countPassedTriage(campaign),
        submitted,
        jobs.getOrDefault("FINISHED", 0L),
        jobs.getOrDefault("FAILED", 0L),
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
