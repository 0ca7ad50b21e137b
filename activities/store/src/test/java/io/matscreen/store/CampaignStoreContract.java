package io.matscreen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.DftAttemptRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.store.StoreRows.ShardRow;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks every campaign-store backend must pass (SQLite and PostgreSQL run the same ones). */
abstract class CampaignStoreContract {
  /** The JDBC URL of the backend under test (an assumption may skip the test without one). */
  abstract String url();

  private CampaignStore store;

  @BeforeEach
  final void openStore() {
    store = CampaignStore.open(url());
  }

  @AfterEach
  final void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** The store under test; each test uses its own campaign name. */
  final CampaignStore store() {
    return store;
  }

  final String campaign = "c-" + UUID.randomUUID().toString().substring(0, 8);

  private List<CandidateRow> candidates(int n, int shard) {
    List<CandidateRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          new CandidateRow(
              campaign,
              "cand-" + shard + "-" + i,
              shard,
              "SiC",
              "SiC",
              "test",
              "{}",
              2,
              216,
              "AB_cF8_216_a_c:C-Si"));
    }
    return rows;
  }

  @Test
  void reopeningMigratesOnceAndKeepsRows() {
    store().upsertCampaign(campaign, "C-Si", "name: x", "campaign-" + campaign);
    try (CampaignStore again = CampaignStore.open(store().url())) {
      assertThat(again.campaign(campaign)).isPresent();
      assertThat(again.campaign(campaign).get().chemsys()).isEqualTo("C-Si");
      assertThat(again.campaign(campaign).get().stage()).isEqualTo("created");
    }
  }

  @Test
  void aFailedCampaignKeepsItsReasonUntilItRunsAgain() {
    CampaignStore s = store();
    s.upsertCampaign(campaign, "C-Si", "name: x", "campaign-" + campaign);
    assertThat(s.campaign(campaign).get().failureReason()).isNull();
    s.updateCampaignStage(
        campaign, "failed", CampaignStatus.FAILED, "known_phases[2]: bad formula");
    StoreRows.CampaignRow failed = s.campaign(campaign).get();
    assertThat(failed.stage()).isEqualTo("failed");
    assertThat(failed.status()).isEqualTo(CampaignStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("known_phases[2]: bad formula");
    s.updateCampaignStage(campaign, "candidates", CampaignStatus.RUNNING);
    assertThat(s.campaign(campaign).get().failureReason()).isNull();
  }

  @Test
  void upsertsAreIdempotent() {
    CampaignStore s = store();
    s.upsertCandidates(candidates(5, 0));
    s.upsertCandidates(candidates(5, 0));
    s.upsertShards(List.of(new ShardRow(campaign, 0, 5, "h", false)));
    s.upsertShards(List.of(new ShardRow(campaign, 0, 5, "h", false)));
    assertThat(s.countCandidates(campaign)).isEqualTo(5);
    assertThat(s.shards(campaign)).hasSize(1);
    s.markShardScreened(campaign, 0);
    assertThat(s.shards(campaign).get(0).screened()).isTrue();
    assertThat(s.candidatesInShard(campaign, 0).get(0).spacegroup()).isEqualTo(216);
  }

  @Test
  void funnelCountsEachStage() {
    CampaignStore s = store();
    s.upsertCandidates(candidates(4, 0));
    s.upsertCandidates(candidates(3, 1));
    List<PredictionRow> preds = new ArrayList<>();
    List<HullRow> hull = new ArrayList<>();
    for (CandidateRow c : s.candidatesInShard(campaign, 0)) {
      preds.add(new PredictionRow(campaign, c.id(), "m", -0.5, 0.1, 0.05, 0.08));
      boolean pass = c.id().endsWith("-0") || c.id().endsWith("-1");
      hull.add(
          new HullRow(
              campaign,
              c.id(),
              "predicted",
              -0.5,
              pass ? -0.2 : 0.3,
              "SiC:1",
              pass ? -0.1 : 0.4,
              pass));
    }
    s.upsertPredictions(preds);
    s.upsertHullResults(hull);
    assertThat(s.predictionsInShard(campaign, 0)).hasSize(4);
    assertThat(s.predictionsInShard(campaign, 1)).isEmpty();
    s.insertDftJobsIfAbsent(
        List.of(
            job("cand-0-0", DftJobRole.CANDIDATE, StoredDftState.FINISHED),
            job("cand-0-1", DftJobRole.CANDIDATE, StoredDftState.FAILED),
            job("Si", DftJobRole.REFERENCE, StoredDftState.FINISHED)));
    s.upsertHullResults(
        List.of(new HullRow(campaign, "cand-0-0", "dft", -0.3, -0.02, "SiC:1", null, false)));

    CampaignStore.FunnelCounts f = s.funnel(campaign);
    assertThat(f.candidates()).isEqualTo(7);
    assertThat(f.screened()).isEqualTo(4);
    assertThat(f.passedTriage()).isEqualTo(2);
    assertThat(f.dftSubmitted()).isEqualTo(2);
    assertThat(f.dftFinished()).isEqualTo(1);
    assertThat(f.dftFailed()).isEqualTo(1);
    assertThat(f.belowHull()).isEqualTo(1);
    List<HullRow> ranked = s.hullResults(campaign, "predicted");
    assertThat(ranked.get(0).acquisition()).isEqualTo(-0.1);
    assertThat(ranked.get(ranked.size() - 1).acquisition()).isEqualTo(0.4);
  }

  DftJobRow job(String subject, DftJobRole role, StoredDftState state) {
    return new DftJobRow(
        campaign,
        campaign + "/" + subject + "/qe-pbe-relax",
        role == DftJobRole.REFERENCE ? 0 : 1,
        subject,
        role,
        "SiC",
        "qe-pbe-relax",
        "local",
        state,
        null,
        1,
        0,
        null,
        null,
        "{}",
        "{}");
  }

  @Test
  void dftJobsKeepTheirStateAndHistoryWhenSelectedAgain() {
    CampaignStore s = store();
    DftJobRow j = job("cand-9", DftJobRole.CANDIDATE, StoredDftState.PENDING);
    s.insertDftJobsIfAbsent(List.of(j));
    DftJobRow running =
        new DftJobRow(
            campaign,
            j.jobKey(),
            1,
            "cand-9",
            DftJobRole.CANDIDATE,
            "SiC",
            "qe-pbe-relax",
            "slurm",
            StoredDftState.RUNNING,
            "4242",
            1,
            0,
            null,
            "/tmp/x",
            "{\"walltime\":\"1:00:00\"}",
            "{}");
    s.updateDftJob(running);
    s.recordAttempt(running.withState(StoredDftState.FAILED, "walltime"));
    s.insertDftJobsIfAbsent(List.of(j));

    DftJobRow stored = s.dftJob(campaign, j.jobKey()).orElseThrow();
    assertThat(stored.state()).isEqualTo(StoredDftState.RUNNING);
    assertThat(stored.schedulerId()).isEqualTo("4242");
    assertThat(stored.settingsJson()).contains("walltime");
    assertThat(s.dftJobsInBatch(campaign, 1)).hasSize(1);
    List<DftAttemptRow> attempts = s.attempts(campaign, j.jobKey());
    assertThat(attempts).hasSize(1);
    DftAttemptRow attempt = attempts.get(0);
    assertThat(attempt.jobKey()).isEqualTo(j.jobKey());
    assertThat(attempt.attempt()).isEqualTo(1);
    assertThat(attempt.schedulerId()).isEqualTo("4242");
    assertThat(attempt.state()).isEqualTo("FAILED");
    assertThat(attempt.reason()).isEqualTo("walltime");
    assertThat(attempt.settingsJson()).isEqualTo("{\"walltime\":\"1:00:00\"}");
    assertThat(attempt.recordedAt()).isNotBlank();
  }

  @Test
  void everyDftStateRoleAndCampaignStatusReadsBack() {
    CampaignStore s = store();
    List<DftJobRow> jobs = new ArrayList<>();
    for (StoredDftState state : StoredDftState.values()) {
      for (DftJobRole role : DftJobRole.values()) {
        jobs.add(job(state + "-" + role, role, state));
      }
    }
    s.insertDftJobsIfAbsent(jobs);
    assertThat(s.dftJobs(campaign))
        .extracting(j -> j.subjectId() + "=" + j.state() + "/" + j.role())
        .containsExactlyInAnyOrderElementsOf(
            jobs.stream().map(j -> j.subjectId() + "=" + j.state() + "/" + j.role()).toList());
    s.upsertCampaign(campaign, "C-Si", "name: x", "campaign-" + campaign);
    assertThat(s.campaign(campaign).get().status()).isEqualTo(CampaignStatus.RUNNING);
    for (CampaignStatus status : CampaignStatus.values()) {
      s.updateCampaignStage(campaign, "dft", status);
      assertThat(s.campaign(campaign).get().status()).isEqualTo(status);
    }
  }

  @Test
  void referencesResultsAndReportsRoundTrip() {
    CampaignStore s = store();
    s.upsertReferences(
        List.of(
            new ReferenceRow(
                campaign, "known:diamond:Si", "Si", -5.42, "total", "qe", "known", null)));
    s.upsertReferences(
        List.of(
            new ReferenceRow(
                campaign, "known:diamond:Si", "Si", -5.43, "total", "qe", "known", null)));
    assertThat(s.references(campaign)).hasSize(1);
    assertThat(s.references(campaign).get(0).energyPerAtom()).isEqualTo(-5.43);
    s.upsertDftResult(new DftResultRow(campaign, "k", -10.86, -5.43, 2, "qe", null, 12.5));
    assertThat(s.dftResults(campaign).get(0).energyPerAtomEv()).isEqualTo(-5.43);
    assertThat(s.dftResults(campaign).get(0).wallTimeS()).isEqualTo(12.5);
    s.saveReport(campaign, "first");
    s.saveReport(campaign, "second");
    assertThat(s.report(campaign)).contains("second");
  }

  @Test
  void aFailedBatchNamesTheOperationAndTheStoreAndWritesNothing() {
    CampaignStore s = store();
    List<CandidateRow> rows = new ArrayList<>(candidates(1_500, 0));
    // NOT NULL formula: the second chunk of the batch fails, so the first must be rolled back.
    rows.add(new CandidateRow(campaign, "broken", 0, null, "SiC", "test", "{}", 2, null, null));
    assertThatThrownBy(() -> s.upsertCandidates(rows))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("saving candidates failed on " + s.url())
        .hasMessageContaining("formula");
    assertThat(s.countCandidates(campaign)).isZero();
  }

  /** More rows than several JDBC batch chunks, so chunk boundaries and re-upserts are exercised. */
  private static final int MANY = 10_000;

  @Test
  void batchedUpsertsOfTenThousandRowsRoundTripWithExactCounts() {
    CampaignStore s = store();
    int shardSize = 2_000;
    List<CandidateRow> rows = new ArrayList<>();
    List<PredictionRow> preds = new ArrayList<>();
    List<HullRow> hull = new ArrayList<>();
    List<ReferenceRow> refs = new ArrayList<>();
    List<DftJobRow> jobs = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      String id = String.format(java.util.Locale.ROOT, "cand-%05d", i);
      rows.add(
          new CandidateRow(
              campaign,
              id,
              i / shardSize,
              "SiC",
              "SiC",
              "test",
              "{\"i\":" + i + "}",
              2,
              i % 3 == 0 ? null : 216,
              null));
      preds.add(new PredictionRow(campaign, id, "m", -0.001 * i, 0.1, 0.05, 0.08));
      hull.add(
          new HullRow(
              campaign,
              id,
              "predicted",
              -0.001 * i,
              0.5 - 0.0001 * i,
              "SiC:1",
              i % 2 == 0 ? null : -0.0001 * i,
              i % 4 == 0));
      refs.add(new ReferenceRow(campaign, "ref-" + i, "Si", -5.0 - i, "total", "qe", "k", null));
      jobs.add(
          job(
              "cand-" + i,
              DftJobRole.CANDIDATE,
              i % 5 == 0 ? StoredDftState.FINISHED : StoredDftState.PENDING));
    }
    s.upsertCandidates(rows);
    s.upsertPredictions(preds);
    s.upsertHullResults(hull);
    s.upsertReferences(refs);
    s.insertDftJobsIfAbsent(jobs);
    // Again, with changed values for the first 3,000 rows: updates by key, no new rows.
    List<CandidateRow> moved = new ArrayList<>();
    for (CandidateRow c : rows.subList(0, 3_000)) {
      moved.add(
          new CandidateRow(
              campaign,
              c.id(),
              9,
              c.formula(),
              c.reducedFormula(),
              "again",
              c.structureJson(),
              c.nsites(),
              c.spacegroup(),
              "proto"));
    }
    s.upsertCandidates(moved);
    s.upsertPredictions(preds);
    s.insertDftJobsIfAbsent(jobs);

    assertThat(s.countCandidates(campaign)).isEqualTo(MANY);
    assertThat(s.countPredictions(campaign)).isEqualTo(MANY);
    assertThat(s.countHullResults(campaign, "predicted")).isEqualTo(MANY);
    assertThat(s.countPassedTriage(campaign)).isEqualTo(MANY / 4);
    assertThat(s.references(campaign)).hasSize(MANY);
    assertThat(s.dftJobs(campaign)).hasSize(MANY);
    assertThat(s.funnel(campaign).dftFinished()).isEqualTo(MANY / 5);
    assertThat(s.funnel(campaign).dftSubmitted()).isEqualTo(MANY);
    assertThat(s.candidatesInShard(campaign, 9)).hasSize(3_000);
    assertThat(s.candidatesInShard(campaign, 1)).hasSize(1_000);
    assertThat(s.candidatesInShard(campaign, 4)).hasSize(shardSize);
    CandidateRow c3 = s.candidate(campaign, "cand-00003").orElseThrow();
    assertThat(c3.origin()).isEqualTo("again");
    assertThat(c3.protostructure()).isEqualTo("proto");
    assertThat(c3.spacegroup()).isNull();
    CandidateRow c9001 = s.candidate(campaign, "cand-09001").orElseThrow();
    assertThat(c9001.spacegroup()).isEqualTo(216);
    assertThat(c9001.structureJson()).isEqualTo("{\"i\":9001}");
    assertThat(s.predictionsInShard(campaign, 4))
        .hasSize(shardSize)
        .first()
        .satisfies(p -> assertThat(p.candidateId()).isEqualTo("cand-08000"))
        .satisfies(p -> assertThat(p.eFormMean()).isEqualTo(-0.001 * 8000));
    List<HullRow> ranked = s.hullResults(campaign, "predicted");
    assertThat(ranked).hasSize(MANY);
    // Odd ids rank by acquisition (most negative first), even ones by e_above_hull (0.5 down).
    assertThat(ranked.get(0).candidateId()).isEqualTo("cand-09999");
    assertThat(ranked.get(0).acquisition()).isEqualTo(-0.0001 * 9999);
    assertThat(ranked.get(MANY - 1).candidateId()).isEqualTo("cand-00000");
    assertThat(ranked.get(MANY - 1).acquisition()).isNull();
  }

  @Test
  void manyConcurrentQueriesOpenAtMostPoolSizeConnections() throws Exception {
    String url = store().url();
    AtomicInteger opened = new AtomicInteger();
    MetricsTrackerFactory counting =
        (poolName, stats) ->
            new IMetricsTracker() {
              @Override
              public void recordConnectionCreatedMillis(long millis) {
                opened.incrementAndGet();
              }
            };
    HikariDataSource pool = StoreDataSource.create(url, counting);
    try (CampaignStore store = CampaignStore.on(url, pool, pool)) {
      assertThat(pool.getMaximumPoolSize()).isGreaterThan(1);
      List<CandidateRow> rows = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        rows.add(new CandidateRow(campaign, "c" + i, i % 4, "Si", "Si", "t", "{}", 1, null, null));
      }
      store.upsertCandidates(rows);
      int threads = 8;
      int queriesEach = 50;
      ExecutorService exec = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int shard = t % 4;
          results.add(
              exec.submit(
                  () -> {
                    long n = 0;
                    for (int q = 0; q < queriesEach; q++) {
                      n += store.candidatesInShard(campaign, shard).size();
                      n += store.countCandidates(campaign);
                    }
                    return n;
                  }));
        }
        for (Future<Long> r : results) {
          assertThat(r.get()).isEqualTo(queriesEach * (25L + 100L));
        }
      } finally {
        exec.shutdown();
      }
      // 800 queries and a migration, but no more connections than the pool holds.
      assertThat(opened.get()).isBetween(1, pool.getMaximumPoolSize());
      assertThat(pool.getHikariPoolMXBean().getTotalConnections())
          .isBetween(1, pool.getMaximumPoolSize());
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }
    assertThat(pool.isClosed()).isTrue();
  }
}
