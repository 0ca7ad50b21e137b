package io.matscreen.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftInputSet;
import io.matscreen.proto.v1.SigmaKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Campaign YAML: the shipped example reads; every mistake names its field. */
class CampaignSpecReaderTest {
  @Test
  void readsTheDemoCampaign() {
    Path demo = Path.of("../../examples/demo-sigec.yaml");
    CampaignSpec spec = CampaignSpecReader.read(demo);
    assertThat(spec.getName()).isEqualTo("demo-sigec");
    assertThat(spec.getElementsList()).containsExactly("C", "Ge", "Si");
    assertThat(spec.getKnownPhasesList()).contains("zincblende:SiC");
    assertThat(spec.getDft().getInputSetKind()).isEqualTo(DftInputSet.DFT_INPUT_SET_QE_PBE_RELAX);
    assertThat(spec.getDft().getExecutorKind()).isEqualTo(DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL);
    assertThat(spec.getTriageSigmaKind()).isEqualTo(SigmaKind.SIGMA_KIND_TOTAL);
    assertThat(spec.getDft().getBudget()).isEqualTo(4);
    assertThat(spec.getDft().getSettingsMap()).containsEntry("walltime", "600");
    assertThat(spec.getSpecPath()).endsWith("demo-sigec.yaml");
    assertThat(Files.exists(Path.of(spec.getSpecPath()))).isTrue();
  }

  @Test
  void everyYamlNameReadsAsItsEnum() {
    String base = "name: x\nelements: [Si]\ncandidates: {prototypes: [diamond]}\n";
    CampaignSpec spec =
        CampaignSpecReader.parse(
            base + "triage: {sigma: aleatoric}\ndft: {input_set: vasp-mp-relax, executor: slurm}\n",
            "x.yaml");
    assertThat(spec.getTriageSigmaKind()).isEqualTo(SigmaKind.SIGMA_KIND_ALEATORIC);
    assertThat(spec.getDft().getInputSetKind()).isEqualTo(DftInputSet.DFT_INPUT_SET_VASP_MP_RELAX);
    assertThat(spec.getDft().getExecutorKind()).isEqualTo(DftExecutorKind.DFT_EXECUTOR_KIND_SLURM);
    assertThat(
            CampaignSpecReader.parse(base + "triage: {sigma: epistemic}\n", "x.yaml")
                .getTriageSigmaKind())
        .isEqualTo(SigmaKind.SIGMA_KIND_EPISTEMIC);
  }

  @Test
  void storedSpecsReadBackTodaysAndThoseStoredBeforeTheEnums() {
    CampaignSpec demo = CampaignSpecReader.read(Path.of("../../examples/demo-sigec.yaml"));
    assertThat(CampaignSpecReader.fromStoredText(demo.toString(), "demo-sigec")).isEqualTo(demo);
    String old =
        demo.toString()
            .replace("triage_sigma_kind: SIGMA_KIND_TOTAL", "triage_sigma: \"total\"")
            .replace("input_set_kind: DFT_INPUT_SET_QE_PBE_RELAX", "input_set: \"qe-pbe-relax\"")
            .replace("executor_kind: DFT_EXECUTOR_KIND_LOCAL", "executor: \"local\"");
    assertThat(old).contains("triage_sigma: \"total\"").contains("executor: \"local\"");
    assertThat(CampaignSpecReader.fromStoredText(old, "demo-sigec")).isEqualTo(demo);
    assertThatThrownBy(
            () ->
                CampaignSpecReader.fromStoredText(
                    old.replace("executor: \"local\"", "executor: \"pbs\""), "demo-sigec"))
        .isInstanceOf(InvalidCampaignSpecException.class)
        .hasMessageContaining("stored spec of campaign demo-sigec")
        .hasMessageContaining("'dft.executor' must be local or slurm, got 'pbs'");
  }

  @Test
  void defaultsFillWhatIsNotSaid() {
    CampaignSpec spec =
        CampaignSpecReader.parse(
            "name: x\nelements: [Si]\ncandidates: {prototypes: [diamond]}\n", "x.yaml");
    assertThat(spec.getShardSize()).isEqualTo(2000);
    assertThat(spec.getTriageK()).isEqualTo(1.0);
    assertThat(spec.getTriageSigmaKind()).isEqualTo(SigmaKind.SIGMA_KIND_TOTAL);
    assertThat(spec.getDft().getInputSetKind()).isEqualTo(DftInputSet.DFT_INPUT_SET_QE_PBE_RELAX);
    assertThat(spec.getDft().getExecutorKind()).isEqualTo(DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL);
    assertThat(spec.getModel()).isEqualTo("default");
  }

  @Test
  void mistakesNameTheFileAndField() {
    String base = "name: x\nelements: [Si]\ncandidates: {prototypes: [diamond]}\n";
    assertThatThrownBy(() -> CampaignSpecReader.parse(base + "dft: {budgit: 3}\n", "c.yaml"))
        .hasMessageContaining("c.yaml")
        .hasMessageContaining("unknown field 'dft.budgit'");
    assertThatThrownBy(() -> CampaignSpecReader.parse(base + "dft: {budget: -1}\n", "c.yaml"))
        .hasMessageContaining("'dft.budget' must be an integer from 0");
    assertThatThrownBy(() -> CampaignSpecReader.parse(base.replace("[Si]", "[Si, Xx]"), "c.yaml"))
        .hasMessageContaining("'Xx' is not an element symbol");
    assertThatThrownBy(() -> CampaignSpecReader.parse(base + "triage: {sigma: big}\n", "c.yaml"))
        .hasMessage(
            "c.yaml: field 'triage.sigma' must be total, epistemic or aleatoric, got 'big'");
    assertThatThrownBy(() -> CampaignSpecReader.parse(base + "dft: {input_set: qe}\n", "c.yaml"))
        .isInstanceOf(InvalidCampaignSpecException.class)
        .hasMessage(
            "c.yaml: field 'dft.input_set' must be qe-pbe-relax or vasp-mp-relax, got 'qe'");
    assertThatThrownBy(() -> CampaignSpecReader.parse(base + "dft: {executor: pbs}\n", "c.yaml"))
        .isInstanceOf(InvalidCampaignSpecException.class)
        .hasMessage("c.yaml: field 'dft.executor' must be local or slurm, got 'pbs'");
    assertThatThrownBy(() -> CampaignSpecReader.parse("name: 'a b'\n", "c.yaml"))
        .hasMessageContaining("field 'name'");
    assertThatThrownBy(() -> CampaignSpecReader.parse(": : :", "c.yaml"))
        .isInstanceOf(InvalidCampaignSpecException.class);
  }
}
