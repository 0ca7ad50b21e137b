package io.matscreen.activities.dftjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.job.DftState;
import io.matscreen.dft.vasp.VaspError;
import io.matscreen.store.DftJobRole;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoredDftState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job row's state text: settings, corrections and the typed last failure; state names. */
class DftJobStateTest {
  @Test
  void typedFailureSurvivesTheRowsText() {
    DftResult failed =
        new DftResult(
            "vasp",
            DftErrorKind.SCF_NOT_CONVERGED,
            "VASP errors: edddav,brmix; 2 ionic steps",
            Double.NaN,
            2,
            null,
            null,
            null,
            false,
            false,
            2,
            40.0,
            List.of(VaspError.EDDDAV, VaspError.BRMIX));
    DftJobState state =
        new DftJobState(Map.of("incar.ALGO", "All"), Map.of("vasp-errors", 1)).failedAs(failed);
    String json = state.toJson();
    assertThat(json).contains("\"last_code_errors\":[\"vasp:edddav\",\"vasp:brmix\"]");
    DftJobState back = DftJobState.fromJson(json);
    assertThat(back).isEqualTo(state);
    assertThat(back.lastError()).isEqualTo(DftErrorKind.SCF_NOT_CONVERGED);
    assertThat(back.lastCodeErrors()).containsExactly(VaspError.EDDDAV, VaspError.BRMIX);
  }

  @Test
  void rowsWrittenBeforeTypedFailuresReadAsNoFailure() {
    DftJobState old =
        DftJobState.fromJson("{\"settings\":{\"ecutwfc\":\"20\"},\"corrections\":{}}");
    assertThat(old.settings()).containsExactlyEntriesOf(Map.of("ecutwfc", "20"));
    assertThat(old.lastError()).isEqualTo(DftErrorKind.NONE);
    assertThat(old.lastCodeErrors()).isEmpty();
    assertThat(old.toJson()).doesNotContain("last_error");
  }

  @Test
  void everyJobStateHasItsProtoNameAndBack() {
    for (DftState s : DftState.values()) {
      assertThat(DftJobState.toProto(s).name()).isEqualTo("DFT_STATE_" + s.name());
      assertThat(DftJobState.fromProto(DftJobState.toProto(s))).isEqualTo(s);
    }
    assertThatThrownBy(
            () -> DftJobState.fromProto(io.matscreen.proto.v1.DftState.DFT_STATE_UNSPECIFIED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DFT_STATE_UNSPECIFIED");
  }

  /** Unknown state text is rejected by the store on reading (SqliteCampaignStoreTest). */
  @Test
  void everyRowStateIsAStateOfTheStateMachineAndBack() {
    DftJobRow row =
        new DftJobRow(
            "c",
            "c/x/qe-pbe-relax",
            1,
            "x",
            DftJobRole.CANDIDATE,
            "Si",
            "qe-pbe-relax",
            "local",
            StoredDftState.PENDING,
            null,
            1,
            0,
            null,
            null,
            "{}",
            "{}");
    for (StoredDftState stored : StoredDftState.values()) {
      DftState state = DftJobState.state(row.withState(stored, null));
      assertThat(state.name()).isEqualTo(stored.name());
      assertThat(DftJobState.stored(state)).isEqualTo(stored);
    }
    assertThat(DftState.values()).hasSameSizeAs(StoredDftState.values());
  }
}
