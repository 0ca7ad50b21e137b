package io.matscreen.dft.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.QeTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decisions of the standard plan for each error kind, and its limits. */
class CorrectionPlanTest {
  private final CorrectionPlan plan = CorrectionPlan.standard();
  private final DftStructure moved = QeTestSupport.zincblende("Si", "Si", 5.40);
  private final DftStructure start = QeTestSupport.zincblende("Si", "Si", 5.10);

  private DftResult failed(DftErrorKind kind, DftStructure geometry) {
    return new DftResult(
        "qe", kind, "detail", Double.NaN, 2, geometry, null, null, false, false, 3, 1.0, List.of());
  }

  private DftJobContext ctx(
      DftErrorKind kind, Map<String, String> settings, int attempt, Map<String, Integer> done) {
    return new DftJobContext(failed(kind, moved), start, settings, attempt, done);
  }

  @Test
  void scfHandlerEscalatesMixingStepsAndAlgorithm() {
    Correction c1 = plan.next(ctx(DftErrorKind.SCF_NOT_CONVERGED, Map.of(), 1, Map.of()));
    assertThat(c1.action()).isEqualTo(Correction.Action.RERUN);
    assertThat(c1.settingChanges())
        .containsEntry("mixing_beta", "0.350")
        .containsEntry("electron_maxstep", "200")
        .doesNotContainKey("diagonalization");
    assertThat(c1.newStructure()).isEqualTo(moved);
    Correction c2 =
        plan.next(
            ctx(
                DftErrorKind.SCF_NOT_CONVERGED,
                Map.of("mixing_beta", "0.350", "electron_maxstep", "200"),
                2,
                Map.of("scf-convergence", 1)));
    assertThat(c2.settingChanges())
        .containsEntry("mixing_beta", "0.175")
        .containsEntry("electron_maxstep", "400")
        .containsEntry("diagonalization", "cg");
    Correction c3 =
        plan.next(
            ctx(
                DftErrorKind.SCF_NOT_CONVERGED,
                Map.of("mixing_beta", "0.175"),
                3,
                Map.of("scf-convergence", 2)));
    assertThat(c3.settingChanges()).containsEntry("mixing_beta", "0.100");
    Correction c4 =
        plan.next(ctx(DftErrorKind.SCF_NOT_CONVERGED, Map.of(), 4, Map.of("scf-convergence", 3)));
    assertThat(c4.action()).isEqualTo(Correction.Action.GIVE_UP);
    assertThat(c4.description()).contains("SCF_NOT_CONVERGED", "gave up after 3 corrections");
  }

  @Test
  void walltimeAndIonicLimitRestartFromTheRecoveredGeometry() {
    Correction w = plan.next(ctx(DftErrorKind.WALLTIME, Map.of(), 1, Map.of()));
    assertThat(w.action()).isEqualTo(Correction.Action.RERUN);
    assertThat(w.newStructure()).isSameAs(moved);
    assertThat(w.settingChanges()).isEmpty();
    Correction i = plan.next(ctx(DftErrorKind.IONIC_NOT_CONVERGED, Map.of(), 1, Map.of()));
    assertThat(i.newStructure()).isSameAs(moved);
    DftJobContext noGeometry =
        new DftJobContext(failed(DftErrorKind.WALLTIME, null), start, Map.of(), 1, Map.of());
    assertThat(plan.next(noGeometry).action()).isEqualTo(Correction.Action.GIVE_UP);
  }

  @Test
  void nodeFailureAndOomRequeueCorruptOutputReruns() {
    assertThat(plan.next(ctx(DftErrorKind.NODE_FAILURE, Map.of(), 1, Map.of())).action())
        .isEqualTo(Correction.Action.REQUEUE);
    assertThat(plan.next(ctx(DftErrorKind.OUT_OF_MEMORY, Map.of(), 1, Map.of())).action())
        .isEqualTo(Correction.Action.REQUEUE);
    Correction mem =
        plan.next(ctx(DftErrorKind.OUT_OF_MEMORY, Map.of("memory_mb", "2000"), 1, Map.of()));
    assertThat(mem.settingChanges()).containsEntry("memory_mb", "4000");
    Correction corrupt = plan.next(ctx(DftErrorKind.CORRUPT_OUTPUT, Map.of(), 1, Map.of()));
    assertThat(corrupt.action()).isEqualTo(Correction.Action.RERUN);
    assertThat(corrupt.newStructure()).isNull();
    assertThat(
            plan.next(ctx(DftErrorKind.NODE_FAILURE, Map.of(), 3, Map.of("requeue", 2))).action())
        .isEqualTo(Correction.Action.GIVE_UP);
  }

  @Test
  void unknownErrorsAndExhaustedAttemptsGiveUpWithAReason() {
    Correction u = plan.next(ctx(DftErrorKind.UNKNOWN, Map.of(), 1, Map.of()));
    assertThat(u.action()).isEqualTo(Correction.Action.GIVE_UP);
    assertThat(u.description()).contains("UNKNOWN", "no handler");
    Correction last = plan.next(ctx(DftErrorKind.WALLTIME, Map.of(), 8, Map.of()));
    assertThat(last.action()).isEqualTo(Correction.Action.GIVE_UP);
    assertThat(last.description()).contains("8 attempts");
    DftResult ok =
        new DftResult(
            "qe", DftErrorKind.NONE, "", -1, 2, moved, null, null, true, true, 1, 1, List.of());
    assertThatThrownBy(() -> plan.next(new DftJobContext(ok, start, Map.of(), 1, Map.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
