package io.matscreen.activities.dftjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.activities.SqliteStoreTest;
import io.matscreen.activities.api.DftActivities;
import io.matscreen.dft.QeTestSupport;
import io.matscreen.dft.slurm.SlurmClusterExtension;
import io.matscreen.dft.slurm.SlurmCommands;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftSettings;
import io.matscreen.store.DftJobRole;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoredDftState;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A DFT batch through DftActivitiesImpl on the real single-node Slurm of .ci/slurm-cluster.sh, with
 * real pw.x: the batch's pending jobs go out as one throttled job array, re-running the submit step
 * (a retried activity, a restarted worker, a crash before the store recorded the ids) submits
 * nothing new, and the results land in the store.
 */
@ExtendWith(SlurmClusterExtension.class)
class DftBatchSubmissionTest extends SqliteStoreTest {
  /** The array throttle under test: one task at a time, so the cap is visible in start times. */
  private static final int MAX_PARALLEL = 1;

  private final List<TestActivityEnvironment> envs = new ArrayList<>();
  private CampaignSpec spec;
  private DftBatchRef ref;

  /** Unique per run: the cluster outlives test runs and array names are how arrays are found. */
  private final String campaign = "arr" + UUID.randomUUID().toString().substring(0, 8);

  private final SlurmCommands slurm = new SlurmCommands(SlurmClusterExtension.slurmConf());

  @BeforeEach
  void start() {
    QeTestSupport.assumePwx();
    spec =
        CampaignSpec.newBuilder()
            .setName(campaign)
            .setStore(url)
            .setDft(
                DftSettings.newBuilder()
                    .setExecutorKind(DftExecutorKind.DFT_EXECUTOR_KIND_SLURM)
                    .setMaxParallel(MAX_PARALLEL))
            .build();
    ref = DftBatchRef.newBuilder().setCampaign(campaign).setBatch(1).setSpec(spec).build();
    // Deliberately cheap silicon SCF (as in DftActivitiesImplTest): 20/160 Ry, 2x2x2 k-points.
    Map<String, String> cheap =
        Map.of(
            "ecutwfc", "20",
            "ecutrho", "160",
            "kpoints", "2 2 2",
            "calculation", "scf",
            "walltime", "300");
    String structure = DftJobState.structureToJson(QeTestSupport.zincblende("Si", "Si", 5.47));
    List<DftJobRow> rows = new ArrayList<>();
    for (String subject : List.of("si-a", "si-b", "si-c")) {
      rows.add(
          new DftJobRow(
              campaign,
              campaign + "/" + subject + "/qe-pbe-relax",
              1,
              subject,
              DftJobRole.CANDIDATE,
              "Si",
              "qe-pbe-relax",
              "slurm",
              StoredDftState.PENDING,
              null,
              0,
              0,
              null,
              null,
              DftJobState.initial(cheap).toJson(),
              structure));
    }
    store.insertDftJobsIfAbsent(rows);
  }

  @AfterEach
  void stop() {
    envs.forEach(TestActivityEnvironment::close);
  }

  /** The DFT activities of a fresh worker process on the same work directory. */
  private DftActivities worker() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    envs.add(env);
    env.registerActivitiesImplementations(
        new DftActivitiesImpl(dir.resolve("dft"), SlurmClusterExtension.slurmConf(), stores));
    return env.newActivityStub(
        DftActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(10))
            .setHeartbeatTimeout(Duration.ofMinutes(5))
            .build());
  }

  /** Scheduler id of each job row, by subject. */
  private Map<String, String> schedulerIds() {
    Map<String, String> ids = new TreeMap<>();
    for (DftJobRow j : store.dftJobsInBatch(campaign, 1)) {
      ids.put(j.subjectId(), j.schedulerId());
    }
    return ids;
  }

  /** Distinct Slurm array job ids (%F) among all jobs whose name starts with the campaign. */
  private List<String> arrayJobIdsOfCampaign() {
    return slurm
        .run(List.of("squeue", "-h", "-t", "all", "-o", "%F|%j"))
        .stdout()
        .lines()
        .map(l -> l.split("\\|", -1))
        .filter(f -> f.length == 2 && f[1].startsWith(campaign))
        .map(f -> f[0])
        .distinct()
        .toList();
  }

  @Test
  void aBatchGoesOutAsOneThrottledArrayAndIsSubmittedOnce() {
    DftActivities dft = worker();
    DftBatchProgress first = dft.advanceBatch(ref, 0);
    assertThat(first.getChanged()).isEqualTo(3);
    assertThat(first.getActive()).isEqualTo(3);
    Map<String, String> ids = schedulerIds();
    String base = ids.get("si-a").split("_")[0];
    assertThat(ids.values()).containsExactly(base + "_0", base + "_1", base + "_2");
    // The throttle is part of the submission; the scheduler shows it on the array's pending
    // tasks (with one task at a time and three ~1 s pw.x runs, two are still pending now).
    String shown = slurm.run(List.of("scontrol", "-o", "show", "job", base)).stdout();
    assertThat(shown).contains("ArrayTaskThrottle=" + MAX_PARALLEL);
    assertThat(arrayJobIdsOfCampaign()).containsExactly(base);

    // A retried activity and a restarted worker that lost the store's record of the submission
    // (a crash between sbatch and the store update) re-attach to the same array tasks.
    DftBatchProgress again = dft.advanceBatch(ref, 0);
    assertThat(again.getPending()).isZero();
    for (DftJobRow j : store.dftJobsInBatch(campaign, 1)) {
      store.updateDftJob(
          DftActivitiesImpl.withState(
              j,
              StoredDftState.PENDING,
              null,
              null,
              0,
              0,
              j.settingsJson(),
              j.structureJson(),
              null));
    }
    DftActivities restarted = worker();
    assertThat(restarted.advanceBatch(ref, 0).getActive()).isEqualTo(3);
    assertThat(schedulerIds()).isEqualTo(ids);
    assertThat(arrayJobIdsOfCampaign()).containsExactly(base);

    DftBatchProgress end = restarted.advanceBatch(ref, 60);
    for (int i = 0; i < 100 && end.getPending() + end.getActive() > 0; i++) {
      end = restarted.advanceBatch(ref, 60);
    }
    assertThat(end.getFinished()).isEqualTo(3);
    assertThat(end.getFailed()).isZero();
    assertThat(arrayJobIdsOfCampaign()).containsExactly(base);
    List<DftResultRow> results = store.dftResults(campaign);
    assertThat(results).hasSize(3);
    for (DftResultRow r : results) {
      // The regression value of DftActivitiesImplTest for this basis (Debian pw.x 6.7,
      // Si.pbe-nl-rrkjus_psl.1.0.0).
      assertThat(r.energyPerAtomEv()).isCloseTo(-137.758, within(0.01));
      assertThat(r.nAtoms()).isEqualTo(2);
    }
    // With the throttle at one, no task started before the previous one ended.
    List<LocalDateTime[]> spans = taskSpans(base);
    assertThat(spans).hasSize(3);
    for (int i = 1; i < spans.size(); i++) {
      assertThat(spans.get(i)[0]).isAfterOrEqualTo(spans.get(i - 1)[1]);
    }
  }

  /** Start and end time of each task of the array, in task order (scontrol, 1 s resolution). */
  private List<LocalDateTime[]> taskSpans(String base) {
    Map<Integer, LocalDateTime[]> spans = new TreeMap<>();
    for (String line :
        slurm.run(List.of("scontrol", "-o", "show", "job", base)).stdout().lines().toList()) {
      Integer task = null;
      LocalDateTime startTime = null;
      LocalDateTime endTime = null;
      for (String tok : line.split("\\s+")) {
        if (tok.matches("ArrayTaskId=\\d+")) {
          task = Integer.parseInt(tok.substring("ArrayTaskId=".length()));
        } else if (tok.startsWith("StartTime=")) {
          startTime = LocalDateTime.parse(tok.substring("StartTime=".length()));
        } else if (tok.startsWith("EndTime=")) {
          endTime = LocalDateTime.parse(tok.substring("EndTime=".length()));
        }
      }
      if (task != null) {
        spans.put(task, new LocalDateTime[] {startTime, endTime});
      }
    }
    return new ArrayList<>(spans.values());
  }
}
