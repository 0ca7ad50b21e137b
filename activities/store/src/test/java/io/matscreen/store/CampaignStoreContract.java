package io.matscreen.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.store.StoreRows.ShardRow;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Checks every campaign-store backend must pass (SQLite and PostgreSQL run the same ones). */
abstract class CampaignStoreContract {
  /** The store under test; each test uses its own campaign name. */
  abstract CampaignStore store();

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
    CampaignStore again = CampaignStore.open(store().url());
    assertThat(again.campaign(campaign)).isPresent();
    assertThat(again.campaign(campaign).get().chemsys()).isEqualTo("C-Si");
    assertThat(again.campaign(campaign).get().stage()).isEqualTo("created");
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
    List<String[]> attempts = s.attempts(campaign, j.jobKey());
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0)[2]).isEqualTo("FAILED");
    assertThat(attempts.get(0)[3]).isEqualTo("walltime");
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
}
