package io.matscreen.dft.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.dft.CodeError;
import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.JobStatus;
import io.matscreen.dft.QeTestSupport;
import io.matscreen.dft.handlers.CorrectionPlan;
import io.matscreen.dft.job.DftJobTransition.Action;
import io.matscreen.dft.job.DftJobTransition.Input;
import io.matscreen.dft.job.DftJobTransition.Step;
import io.matscreen.dft.vasp.VaspError;
import io.matscreen.dft.vasp.VaspErrorHandler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every fault FaultInjectionTest provokes with real pw.x, and the ones it cannot (out of memory,
 * node failure, preemption, corrupt output, exhausted corrections), as single transitions: the
 * exact next state, action, settings and structure.
 */
class DftJobTransitionTest {
  private static final CorrectionPlan STANDARD = CorrectionPlan.standard();
  private static final Map<String, String> CHEAP =
      Map.of("ecutwfc", "20", "ecutrho", "80", "kpoints", "2 2 2");

  /** The geometry each attempt starts from, and one a cut-short relaxation reached. */
  private final DftStructure start = QeTestSupport.zincblende("Si", "Si", 5.10);

  private final DftStructure reached = QeTestSupport.zincblende("Si", "Si", 5.30);

  private static DftResult parsed(DftErrorKind kind, String detail, DftStructure last) {
    return new DftResult(
        "qe", kind, detail, Double.NaN, 2, last, null, null, false, false, 3, 12.0, List.of());
  }

  /** A relaxation that converged at -275.5 eV in the geometry {@link #reached}. */
  private DftResult converged() {
    return new DftResult(
        "qe",
        DftErrorKind.NONE,
        "",
        -275.5,
        2,
        reached,
        null,
        null,
        true,
        true,
        6,
        30.0,
        List.of());
  }

  private static JobStatus status(JobStatus.State state, String detail) {
    return new JobStatus(state, "4242", detail);
  }

  /**
   * An attempt of a running job: its number, settings, corrections so far and plan (the cheap
   * settings, none and the standard plan unless changed).
   */
  private record Attempt(
      int number,
      Map<String, String> settings,
      Map<String, Integer> corrections,
      CorrectionPlan plan) {
    Attempt withSettings(Map<String, String> newSettings) {
      return new Attempt(number, newSettings, corrections, plan);
    }

    Attempt withCorrections(Map<String, Integer> newCorrections) {
      return new Attempt(number, settings, newCorrections, plan);
    }

    Attempt withPlan(CorrectionPlan newPlan) {
      return new Attempt(number, settings, corrections, newPlan);
    }
  }

  private static Attempt attempt(int number) {
    return new Attempt(number, CHEAP, Map.of(), STANDARD);
  }

  /** {@code attempt} ran from {@link #start} and ended with {@code status}. */
  private Input ended(Attempt attempt, JobStatus status, DftResult result) {
    return new Input(
        DftState.RUNNING,
        attempt.number(),
        attempt.settings(),
        start,
        attempt.corrections(),
        status,
        result,
        attempt.plan());
  }

  private Input ended(JobStatus status, DftResult result) {
    return ended(attempt(1), status, result);
  }

  @Test
  void pendingJobIsSubmittedAsItsNextAttempt() {
    Step s = DftJobTransition.next(Input.pending(2, CHEAP, start, Map.of("requeue", 1), STANDARD));
    assertThat(s.next()).isEqualTo(DftState.SUBMITTED);
    assertThat(s.action()).isEqualTo(Action.SUBMIT);
    assertThat(s.attempt()).isEqualTo(3);
    assertThat(s.settings()).isEqualTo(CHEAP);
    assertThat(s.structure()).isSameAs(start);
    assertThat(s.corrections()).containsExactlyEntriesOf(Map.of("requeue", 1));
    assertThat(s.reason()).isNull();
  }

  @Test
  void activeJobWaitsAndIsMarkedRunningOnceSeenRunning() {
    Input submitted =
        new Input(DftState.SUBMITTED, 1, CHEAP, start, Map.of(), null, null, STANDARD);
    Step queued =
        DftJobTransition.next(submitted.withStatus(status(JobStatus.State.QUEUED, "Priority")));
    assertThat(queued.next()).isEqualTo(DftState.SUBMITTED);
    assertThat(queued.action()).isEqualTo(Action.WAIT);
    Step running = DftJobTransition.next(submitted.withStatus(status(JobStatus.State.RUNNING, "")));
    assertThat(running.next()).isEqualTo(DftState.RUNNING);
    assertThat(running.action()).isEqualTo(Action.WAIT);
    Step unknown =
        DftJobTransition.next(
            submitted.after(running).withStatus(status(JobStatus.State.UNKNOWN, "squeue down")));
    assertThat(unknown.next()).isEqualTo(DftState.RUNNING);
    assertThat(unknown.action()).isEqualTo(Action.WAIT);
  }

  @Test
  void endedAttemptIsParsedBeforeAnythingIsDecided() {
    Step s = DftJobTransition.next(ended(status(JobStatus.State.TIMEOUT, "limit"), null));
    assertThat(s.action()).isEqualTo(Action.PARSE);
    assertThat(s.next()).isEqualTo(DftState.RUNNING);
    assertThat(s.attempt()).isEqualTo(1);
    assertThat(s.result()).isNull();
  }

  @Test
  void completedAttemptIsRecordedFinished() {
    DftResult ok = converged();
    Step s = DftJobTransition.next(ended(status(JobStatus.State.COMPLETED, "exit 0"), ok));
    assertThat(s.next()).isEqualTo(DftState.FINISHED);
    assertThat(s.action()).isEqualTo(Action.RECORD_FINISHED);
    assertThat(s.result().finalEnergyEv()).isEqualTo(-275.5);
    assertThat(s.correction()).isNull();
  }

  @Test
  void scfNotConvergedIsResubmittedWithGentlerMixingAndMoreSteps() {
    Map<String, String> settings = new java.util.HashMap<>(CHEAP);
    settings.put("electron_maxstep", "2");
    Input in =
        ended(
            attempt(1).withSettings(settings),
            status(JobStatus.State.FAILED, "exit 2"),
            parsed(DftErrorKind.SCF_NOT_CONVERGED, "convergence NOT achieved after 2", reached));
    Step s = DftJobTransition.next(in);
    assertThat(s.next()).isEqualTo(DftState.PENDING);
    assertThat(s.action()).isEqualTo(Action.RESUBMIT);
    assertThat(s.settingChanges())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("mixing_beta", "0.350", "electron_maxstep", "200"));
    assertThat(s.settings())
        .containsEntry("electron_maxstep", "200")
        .containsEntry("mixing_beta", "0.350")
        .containsEntry("ecutwfc", "20");
    assertThat(s.structure()).isSameAs(reached);
    assertThat(s.corrections()).containsExactlyEntriesOf(Map.of("scf-convergence", 1));
    assertThat(s.attempt()).isEqualTo(1);
    assertThat(s.reason())
        .isEqualTo(
            "attempt 1: SCF_NOT_CONVERGED (convergence NOT achieved after 2); correction: "
                + s.correction().description());

    // The second SCF failure also switches to conjugate gradients; the third mixes at 0.1.
    Step second =
        DftJobTransition.next(
            ended(
                attempt(2).withSettings(s.settings()).withCorrections(s.corrections()),
                status(JobStatus.State.FAILED, "exit 2"),
                parsed(DftErrorKind.SCF_NOT_CONVERGED, "again", reached)));
    assertThat(second.settingChanges())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("mixing_beta", "0.175", "electron_maxstep", "400", "diagonalization", "cg"));
    assertThat(second.corrections()).containsExactlyEntriesOf(Map.of("scf-convergence", 2));
  }

  @Test
  void walltimeKillRestartsFromTheLastGeometryWithUnchangedSettings() {
    // A killed pw.x leaves a truncated output; the scheduler's TIMEOUT says why.
    Input in =
        ended(
            status(JobStatus.State.TIMEOUT, "test time limit"),
            parsed(DftErrorKind.CORRUPT_OUTPUT, "pw.x output ends without JOB DONE", reached));
    Step s = DftJobTransition.next(in);
    assertThat(s.next()).isEqualTo(DftState.PENDING);
    assertThat(s.action()).isEqualTo(Action.RESUBMIT);
    assertThat(s.result().errorKind()).isEqualTo(DftErrorKind.WALLTIME);
    assertThat(s.settingChanges()).isEmpty();
    assertThat(s.settings()).isEqualTo(CHEAP);
    assertThat(s.structure()).isSameAs(reached);
    assertThat(s.corrections()).containsExactlyEntriesOf(Map.of("walltime-restart", 1));
    assertThat(s.reason()).contains("WALLTIME", "restart from the last geometry");
  }

  @Test
  void walltimeWithoutARecoveredGeometryGivesUp() {
    Step s =
        DftJobTransition.next(
            ended(
                status(JobStatus.State.TIMEOUT, "limit"),
                parsed(DftErrorKind.WALLTIME, "walltime reached", null)));
    assertThat(s.next()).isEqualTo(DftState.FAILED);
    assertThat(s.action()).isEqualTo(Action.GIVE_UP);
    assertThat(s.reason()).contains("no geometry could be recovered");
  }

  @Test
  void outOfMemoryDoublesTheMemoryWhenSetAndRequeuesOtherwise() {
    Map<String, String> withMemory = new java.util.HashMap<>(CHEAP);
    withMemory.put("memory_mb", "2000");
    DftResult killed = parsed(DftErrorKind.CORRUPT_OUTPUT, "truncated", reached);
    Step doubled =
        DftJobTransition.next(
            ended(
                attempt(1).withSettings(withMemory),
                status(JobStatus.State.OUT_OF_MEMORY, "oom-kill"),
                killed));
    assertThat(doubled.next()).isEqualTo(DftState.PENDING);
    assertThat(doubled.action()).isEqualTo(Action.RESUBMIT);
    assertThat(doubled.settingChanges()).containsExactlyEntriesOf(Map.of("memory_mb", "4000"));
    assertThat(doubled.settings()).containsEntry("memory_mb", "4000");
    assertThat(doubled.corrections()).containsExactlyEntriesOf(Map.of("requeue", 1));

    Step requeued =
        DftJobTransition.next(ended(status(JobStatus.State.OUT_OF_MEMORY, "oom-kill"), killed));
    assertThat(requeued.next()).isEqualTo(DftState.PENDING);
    assertThat(requeued.action()).isEqualTo(Action.REQUEUE);
    assertThat(requeued.settings()).isEqualTo(CHEAP);
    assertThat(requeued.structure()).isSameAs(start);
  }

  @Test
  void nodeFailureOrPreemptionIsRequeuedUnchanged() {
    // SlurmExecutor reports PREEMPTED as NODE_FAIL; LocalExecutor a vanished process likewise.
    for (String detail : List.of("NODE_FAIL", "PREEMPTED")) {
      Step s =
          DftJobTransition.next(
              ended(
                  status(JobStatus.State.NODE_FAIL, detail),
                  parsed(DftErrorKind.CORRUPT_OUTPUT, "truncated", reached)));
      assertThat(s.next()).as(detail).isEqualTo(DftState.PENDING);
      assertThat(s.action()).as(detail).isEqualTo(Action.REQUEUE);
      assertThat(s.settingChanges()).as(detail).isEmpty();
      assertThat(s.settings()).as(detail).isEqualTo(CHEAP);
      assertThat(s.structure()).as(detail).isSameAs(start);
      assertThat(s.corrections()).as(detail).containsExactlyEntriesOf(Map.of("requeue", 1));
      assertThat(s.reason()).as(detail).contains("NODE_FAILURE", detail, "requeue");
    }
  }

  @Test
  void corruptOutputIsRerunFromTheSameInputs() {
    Step s =
        DftJobTransition.next(
            ended(
                status(JobStatus.State.COMPLETED, "exit 0"),
                parsed(DftErrorKind.CORRUPT_OUTPUT, "data-file-schema.xml truncated", reached)));
    assertThat(s.next()).isEqualTo(DftState.PENDING);
    assertThat(s.action()).isEqualTo(Action.RESUBMIT);
    assertThat(s.settingChanges()).isEmpty();
    assertThat(s.structure()).isSameAs(start);
    assertThat(s.corrections()).containsExactlyEntriesOf(Map.of("rerun-corrupt", 1));
  }

  @Test
  void exhaustedCorrectionsFailTheJobWithTheReason() {
    Step s =
        DftJobTransition.next(
            ended(
                attempt(4).withCorrections(Map.of("scf-convergence", 3)),
                status(JobStatus.State.FAILED, "exit 2"),
                parsed(DftErrorKind.SCF_NOT_CONVERGED, "convergence NOT achieved", reached)));
    assertThat(s.next()).isEqualTo(DftState.FAILED);
    assertThat(s.action()).isEqualTo(Action.GIVE_UP);
    assertThat(s.settings()).isEqualTo(CHEAP);
    assertThat(s.corrections()).containsExactlyEntriesOf(Map.of("scf-convergence", 3));
    assertThat(s.reason())
        .isEqualTo(
            "attempt 4: SCF_NOT_CONVERGED (convergence NOT achieved); SCF_NOT_CONVERGED:"
                + " convergence NOT achieved (handler scf-convergence gave up after 3"
                + " corrections)");
  }

  @Test
  void theAttemptLimitFailsTheJobEvenWithCorrectionsLeft() {
    CorrectionPlan twoAttempts = new CorrectionPlan(STANDARD.handlers(), 2);
    Step s =
        DftJobTransition.next(
            ended(
                attempt(2).withCorrections(Map.of("requeue", 1)).withPlan(twoAttempts),
                status(JobStatus.State.NODE_FAIL, "NODE_FAIL"),
                parsed(DftErrorKind.CORRUPT_OUTPUT, "truncated", reached)));
    assertThat(s.next()).isEqualTo(DftState.FAILED);
    assertThat(s.action()).isEqualTo(Action.GIVE_UP);
    assertThat(s.reason()).endsWith("(2 attempts used)");
  }

  @Test
  void cancelledOrUntrustedAttemptsFail() {
    Step cancelled =
        DftJobTransition.next(
            ended(
                status(JobStatus.State.CANCELLED, "scancel"),
                parsed(DftErrorKind.CORRUPT_OUTPUT, "truncated", reached)));
    assertThat(cancelled.next()).isEqualTo(DftState.FAILED);
    assertThat(cancelled.action()).isEqualTo(Action.GIVE_UP);
    assertThat(cancelled.reason()).endsWith("attempt 1 was cancelled");
    // A complete output from a process that exited non-zero is not trusted, and the standard plan
    // has no handler for UNKNOWN.
    DftResult complete = converged();
    Step untrusted =
        DftJobTransition.next(ended(status(JobStatus.State.FAILED, "exit 139"), complete));
    assertThat(untrusted.next()).isEqualTo(DftState.FAILED);
    assertThat(untrusted.result().errorKind()).isEqualTo(DftErrorKind.UNKNOWN);
    assertThat(untrusted.reason()).contains("exit 139 after a complete output", "no handler");
  }

  @Test
  void vaspErrorsAreCorrectedFromTheTypedErrorList() {
    DftResult edddav =
        new DftResult(
            "vasp",
            DftErrorKind.SCF_NOT_CONVERGED,
            "VASP errors: edddav; 2 ionic steps",
            Double.NaN,
            2,
            reached,
            null,
            null,
            false,
            false,
            2,
            40.0,
            List.<CodeError>of(VaspError.EDDDAV));
    Step s =
        DftJobTransition.next(
            ended(
                attempt(1).withSettings(Map.of()).withPlan(VaspErrorHandler.mpRelaxPlan()),
                status(JobStatus.State.COMPLETED, "exit 0"),
                edddav));
    assertThat(s.action()).isEqualTo(Action.RESUBMIT);
    assertThat(s.settingChanges()).containsExactlyEntriesOf(Map.of("incar.ALGO", "All"));
    assertThat(s.corrections()).containsExactlyEntriesOf(Map.of("vasp-errors", 1));
  }

  @Test
  void finishedAndFailedJobsHaveNoTransition() {
    for (DftState terminal : List.of(DftState.FINISHED, DftState.FAILED)) {
      Input in = new Input(terminal, 3, CHEAP, start, Map.of(), null, null, STANDARD);
      assertThatThrownBy(() -> DftJobTransition.next(in))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(terminal + " after attempt 3");
    }
    Input noStatus = new Input(DftState.RUNNING, 1, CHEAP, start, Map.of(), null, null, STANDARD);
    assertThatThrownBy(() -> DftJobTransition.next(noStatus))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no status");
  }
}
