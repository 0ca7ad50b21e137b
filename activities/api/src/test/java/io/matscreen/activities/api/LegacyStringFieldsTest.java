package io.matscreen.activities.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.proto.v1.CampaignState;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftInputSet;
import io.matscreen.proto.v1.DftSettings;
import io.matscreen.proto.v1.SigmaKind;
import org.junit.jupiter.api.Test;

/** Payloads written with the old string fields read as the enums they name. */
class LegacyStringFieldsTest {
  private static UnknownFieldSet text(int number, String value) {
    return UnknownFieldSet.newBuilder()
        .addField(
            number,
            UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.copyFromUtf8(value))
                .build())
        .build();
  }

  /** The bytes an old worker wrote: string fields 11 and dft 1, 2 next to today's fields. */
  private static CampaignSpec oldSpec() throws InvalidProtocolBufferException {
    DftSettings dft =
        DftSettings.newBuilder()
            .setBudget(4)
            .setUnknownFields(
                text(1, "vasp-mp-relax").toBuilder().mergeFrom(text(2, "slurm")).build())
            .build();
    CampaignSpec written =
        CampaignSpec.newBuilder()
            .setName("old")
            .setDft(dft)
            .setUnknownFields(text(11, "epistemic"))
            .build();
    return CampaignSpec.parseFrom(written.toByteArray());
  }

  @Test
  void anOldSpecReadsItsStringsAsEnums() throws InvalidProtocolBufferException {
    CampaignSpec old = oldSpec();
    assertThat(old.getTriageSigmaKind()).isEqualTo(SigmaKind.SIGMA_KIND_UNSPECIFIED);

    CampaignSpec spec = LegacyStringFields.upgrade(old);
    assertThat(spec.getTriageSigmaKind()).isEqualTo(SigmaKind.SIGMA_KIND_EPISTEMIC);
    assertThat(spec.getDft().getInputSetKind()).isEqualTo(DftInputSet.DFT_INPUT_SET_VASP_MP_RELAX);
    assertThat(spec.getDft().getExecutorKind()).isEqualTo(DftExecutorKind.DFT_EXECUTOR_KIND_SLURM);
    assertThat(spec.getDft().getBudget()).isEqualTo(4);
    assertThat(spec.getName()).isEqualTo("old");
  }

  @Test
  void anOldStateGoesOnAtItsStage() throws InvalidProtocolBufferException {
    CampaignState written =
        CampaignState.newBuilder()
            .setNextShard(3)
            .setProgress(
                CampaignProgress.newBuilder().setScreened(7).setUnknownFields(text(2, "screen")))
            .setUnknownFields(text(1, "screen"))
            .build();
    CampaignState state =
        LegacyStringFields.upgrade(CampaignState.parseFrom(written.toByteArray()));
    assertThat(state.getCampaignStage()).isEqualTo(CampaignStage.CAMPAIGN_STAGE_SCREEN);
    assertThat(state.getProgress().getCampaignStage())
        .isEqualTo(CampaignStage.CAMPAIGN_STAGE_SCREEN);
    assertThat(state.getNextShard()).isEqualTo(3);
    assertThat(state.getProgress().getScreened()).isEqualTo(7);
  }

  @Test
  void aSpecStoredAsTextBeforeTheEnumsReadsAsToday() throws Exception {
    String stored =
        "name: \"old\"\n"
            + "triage_k: 1.0\n"
            + "triage_sigma: \"aleatoric\"\n"
            + "dft {\n"
            + "  input_set: \"vasp-mp-relax\"\n"
            + "  executor: \"slurm\"\n"
            + "  budget: 4\n"
            + "  settings {\n"
            + "    key: \"executor\"\n"
            + "    value: \"local\"\n"
            + "  }\n"
            + "}\n";
    CampaignSpec.Builder b = CampaignSpec.newBuilder();
    com.google.protobuf.TextFormat.merge(LegacyStringFields.upgradeStoredText(stored), b);
    CampaignSpec spec = b.build();
    assertThat(spec.getTriageSigmaKind()).isEqualTo(SigmaKind.SIGMA_KIND_ALEATORIC);
    assertThat(spec.getDft().getInputSetKind()).isEqualTo(DftInputSet.DFT_INPUT_SET_VASP_MP_RELAX);
    assertThat(spec.getDft().getExecutorKind()).isEqualTo(DftExecutorKind.DFT_EXECUTOR_KIND_SLURM);
    assertThat(spec.getDft().getSettingsMap()).containsEntry("executor", "local");
    assertThat(spec.getDft().getBudget()).isEqualTo(4);
    // Today's text goes through unchanged.
    assertThat(LegacyStringFields.upgradeStoredText(spec.toString())).isEqualTo(spec.toString());
  }

  @Test
  void newPayloadsComeBackAsTheyAreAndBadOldTextIsNamed() throws InvalidProtocolBufferException {
    CampaignSpec current =
        CampaignSpec.newBuilder()
            .setTriageSigmaKind(SigmaKind.SIGMA_KIND_ALEATORIC)
            .setDft(
                DftSettings.newBuilder().setExecutorKind(DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL))
            .build();
    assertThat(LegacyStringFields.upgrade(current)).isEqualTo(current);
    assertThat(LegacyStringFields.upgrade(CampaignState.getDefaultInstance()))
        .isEqualTo(CampaignState.getDefaultInstance());
    assertThat(LegacyStringFields.upgrade((CampaignState) null)).isNull();

    CampaignSpec bad =
        CampaignSpec.parseFrom(
            CampaignSpec.newBuilder().setUnknownFields(text(11, "huge")).build().toByteArray());
    assertThatThrownBy(() -> LegacyStringFields.upgrade(bad))
        .hasMessage("field 'triage_sigma' must be total, epistemic or aleatoric, got 'huge'");
  }
}
