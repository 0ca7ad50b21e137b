package io.matscreen.activities.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftInputSet;
import io.matscreen.proto.v1.SigmaKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every text name of the campaign enums, both ways; unknown names name the field and choices. */
class CampaignEnumsTest {
  @Test
  void sigmaKindsRoundTrip() {
    assertThat(CampaignEnums.yamlNames(SigmaKind.values(), "SIGMA_KIND_"))
        .containsExactly("total", "epistemic", "aleatoric");
    assertThat(CampaignEnums.sigmaKind("triage.sigma", "total"))
        .isEqualTo(SigmaKind.SIGMA_KIND_TOTAL);
    assertThat(CampaignEnums.sigmaKind("triage.sigma", "epistemic"))
        .isEqualTo(SigmaKind.SIGMA_KIND_EPISTEMIC);
    assertThat(CampaignEnums.sigmaKind("triage.sigma", "aleatoric"))
        .isEqualTo(SigmaKind.SIGMA_KIND_ALEATORIC);
    for (SigmaKind k : named(SigmaKind.values())) {
      assertThat(CampaignEnums.sigmaKind("f", CampaignEnums.yamlName(k))).isEqualTo(k);
    }
    assertThatThrownBy(() -> CampaignEnums.sigmaKind("triage.sigma", "TOTAL"))
        .isInstanceOf(CampaignEnums.UnknownNameException.class)
        .hasMessage("field 'triage.sigma' must be total, epistemic or aleatoric, got 'TOTAL'");
  }

  @Test
  void inputSetsRoundTrip() {
    assertThat(CampaignEnums.inputSet("dft.input_set", "qe-pbe-relax"))
        .isEqualTo(DftInputSet.DFT_INPUT_SET_QE_PBE_RELAX);
    assertThat(CampaignEnums.inputSet("dft.input_set", "vasp-mp-relax"))
        .isEqualTo(DftInputSet.DFT_INPUT_SET_VASP_MP_RELAX);
    assertThat(CampaignEnums.yamlName(DftInputSet.DFT_INPUT_SET_QE_PBE_RELAX))
        .isEqualTo("qe-pbe-relax");
    for (DftInputSet s : named(DftInputSet.values())) {
      assertThat(CampaignEnums.inputSet("f", CampaignEnums.yamlName(s))).isEqualTo(s);
    }
    assertThatThrownBy(() -> CampaignEnums.inputSet("dft.input_set", "qe_pbe_relax"))
        .hasMessage(
            "field 'dft.input_set' must be qe-pbe-relax or vasp-mp-relax, got 'qe_pbe_relax'");
  }

  @Test
  void executorKindsRoundTrip() {
    assertThat(CampaignEnums.executorKind("dft.executor", "local"))
        .isEqualTo(DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL);
    assertThat(CampaignEnums.executorKind("dft.executor", "slurm"))
        .isEqualTo(DftExecutorKind.DFT_EXECUTOR_KIND_SLURM);
    for (DftExecutorKind k : named(DftExecutorKind.values())) {
      assertThat(CampaignEnums.executorKind("f", CampaignEnums.yamlName(k))).isEqualTo(k);
    }
    assertThatThrownBy(() -> CampaignEnums.executorKind("dft.executor", "pbs"))
        .hasMessage("field 'dft.executor' must be local or slurm, got 'pbs'");
  }

  @Test
  void campaignStagesRoundTripWithTheTextTheStoreAndTemporalShow() {
    assertThat(CampaignEnums.yamlNames(CampaignStage.values(), "CAMPAIGN_STAGE_"))
        .containsExactly(
            "candidates", "screen", "select", "dft", "final", "done", "cancelled", "failed");
    for (CampaignStage s : named(CampaignStage.values())) {
      assertThat(CampaignEnums.campaignStage("stage", CampaignEnums.yamlName(s))).isEqualTo(s);
    }
    assertThat(CampaignEnums.yamlName(CampaignStage.CAMPAIGN_STAGE_SCREEN)).isEqualTo("screen");
    assertThatThrownBy(() -> CampaignEnums.campaignStage("stage", "created"))
        .hasMessageContaining("field 'stage' must be candidates, screen,")
        .hasMessageContaining("cancelled or failed, got 'created'");
  }

  @Test
  void unspecifiedHasNoTextName() {
    assertThatThrownBy(() -> CampaignEnums.yamlName(SigmaKind.SIGMA_KIND_UNSPECIFIED))
        .hasMessageContaining("SIGMA_KIND_UNSPECIFIED");
    assertThat(CampaignEnums.yamlName(CampaignStage.CAMPAIGN_STAGE_UNSPECIFIED)).isEmpty();
    assertThatThrownBy(() -> CampaignEnums.campaignStage("stage", ""))
        .isInstanceOf(CampaignEnums.UnknownNameException.class);
    assertThatThrownBy(() -> CampaignEnums.yamlName(CampaignStage.UNRECOGNIZED))
        .hasMessageContaining("UNRECOGNIZED");
    assertThatThrownBy(() -> CampaignEnums.sigmaKind("triage.sigma", "unspecified"))
        .isInstanceOf(CampaignEnums.UnknownNameException.class);
  }

  private static <E extends Enum<E>> java.util.List<E> named(E[] values) {
    return Arrays.stream(values)
        .filter(v -> !v.name().endsWith("_UNSPECIFIED") && !v.name().equals("UNRECOGNIZED"))
        .toList();
  }
}
