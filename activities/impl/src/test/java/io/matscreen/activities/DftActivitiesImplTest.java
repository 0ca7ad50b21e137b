package io.matscreen.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.activities.api.DftActivities;
import io.matscreen.dft.QeTestSupport;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftResumeRequest;
import io.matscreen.proto.v1.DftSettings;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.DftAttemptRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DFT activities on a real store and real pw.x: a job with unusable settings is parked FAILED,
 * and `dft resume --failed` (resumeJobs) re-runs exactly the failed jobs, with new settings,
 * keeping the history of the earlier attempts.
 */
class DftActivitiesImplTest {
  @TempDir Path dir;
  private TestActivityEnvironment env;
  private DftActivities dft;
  private CampaignStores stores;
  private CampaignStore store;
  private CampaignSpec spec;

  @BeforeEach
  void start() {
    QeTestSupport.assumePwx();
    String url = "jdbc:sqlite:" + dir.resolve("store.db");
    stores = new CampaignStores();
    store = stores.forUrl(url);
    spec =
        CampaignSpec.newBuilder()
            .setName("resume")
            .setStore(url)
            .setDft(DftSettings.newBuilder().setExecutor("local").setMaxParallel(2))
            .build();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new DftActivitiesImpl(dir.resolve("dft"), stores));
    dft =
        env.newActivityStub(
            DftActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                .setHeartbeatTimeout(Duration.ofMinutes(5))
                .build());
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    if (stores != null) {
      stores.close();
    }
  }

  private DftJobRow job(String subject, String state, Map<String, String> settings) {
    // Silicon, diamond structure, a = 5.47 Angstrom.
    String structure = DftJobState.structureToJson(QeTestSupport.zincblende("Si", "Si", 5.47));
    return new DftJobRow(
        "resume",
        "resume/" + subject + "/qe-pbe-relax",
        1,
        subject,
        "candidate",
        "Si",
        "qe-pbe-relax",
        "local",
        state,
        null,
        state.equals("PENDING") ? 0 : 1,
        0,
        state.equals("FAILED") ? "attempt 1: SCF_NOT_CONVERGED" : null,
        null,
        DftJobState.initial(settings).toJson(),
        structure);
  }

  private DftBatchProgress runToEnd(DftBatchRef ref) {
    DftBatchProgress p = dft.advanceBatch(ref, 5);
    for (int i = 0; i < 300 && p.getPending() + p.getActive() > 0; i++) {
      p = dft.advanceBatch(ref, 5);
    }
    return p;
  }

  @Test
  void resumeFailedRerunsExactlyTheFailedJobs() {
    Map<String, String> cheap =
        Map.of("ecutwfc", "20", "ecutrho", "160", "kpoints", "2 2 2", "calculation", "scf");
    store.insertDftJobsIfAbsent(
        List.of(
            job("done", "FINISHED", cheap),
            job("bad-settings", "PENDING", Map.of("ecutwfc", "not-a-number")),
            job(
                "scf-failed",
                "FAILED",
                Map.of(
                    "ecutwfc", "20", "ecutrho", "160", "calculation", "scf", "kpoints", "2 2 2"))));
    store.upsertDftResult(
        new DftResultRow("resume", "resume/done/qe-pbe-relax", -1, -1, 1, "x", null, 1.0));
    DftBatchRef ref =
        DftBatchRef.newBuilder().setCampaign("resume").setBatch(1).setSpec(spec).build();

    DftBatchProgress first = dft.advanceBatch(ref, 1);
    assertThat(first.getFinished()).isEqualTo(1);
    assertThat(first.getFailed()).isEqualTo(2);
    DftJobRow parked = store.dftJob("resume", "resume/bad-settings/qe-pbe-relax").orElseThrow();
    assertThat(parked.state()).isEqualTo("FAILED");
    assertThat(parked.reason()).startsWith("invalid DFT settings").contains("ecutwfc");

    DftBatchProgress resumed =
        dft.resumeJobs(
            DftResumeRequest.newBuilder()
                .setCampaign("resume")
                .setBatch(1)
                .setFailed(true)
                .setStore(spec.getStore())
                .putAllSettings(cheap)
                .build());
    assertThat(resumed.getPending()).isEqualTo(2);
    assertThat(resumed.getFinished()).isEqualTo(1);

    DftBatchProgress end = runToEnd(ref);
    assertThat(end.getFinished()).isEqualTo(3);
    assertThat(end.getFailed()).isZero();
    DftJobRow done = store.dftJob("resume", "resume/done/qe-pbe-relax").orElseThrow();
    assertThat(done.attempt()).isEqualTo(1);
    DftJobRow rerun = store.dftJob("resume", "resume/bad-settings/qe-pbe-relax").orElseThrow();
    assertThat(rerun.attempt()).isEqualTo(2);
    assertThat(store.attempts("resume", rerun.jobKey()))
        .extracting(DftAttemptRow::state)
        .containsExactly("FAILED", "FINISHED");
    double siliconEv =
        store.dftResults("resume").stream()
            .filter(r -> r.jobKey().equals("resume/scf-failed/qe-pbe-relax"))
            .findFirst()
            .orElseThrow()
            .energyPerAtomEv();
    // Regression value measured here (Debian pw.x 6.7, Si.pbe-nl-rrkjus_psl.1.0.0) for this
    // deliberately cheap basis (20/160 Ry, 2x2x2 k-points); the converged default basis gives
    // -139.03 eV/atom, so a reading of the wrong job or a unit slip would show at once.
    assertThat(siliconEv).isCloseTo(-137.758, within(0.01));
  }
}
