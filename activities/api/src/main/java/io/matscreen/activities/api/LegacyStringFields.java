package io.matscreen.activities.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.proto.v1.CampaignState;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftInputSet;
import io.matscreen.proto.v1.DftSettings;
import io.matscreen.proto.v1.SigmaKind;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the string fields that enum fields replaced (triage_sigma, dft.input_set, dft.executor,
 * stage) out of payloads written before: a campaign started by an older worker carries them in its
 * workflow input and continue-as-new state, where they now parse as unknown fields. The workflows
 * pass their inputs through here, so such a campaign goes on where it was instead of starting over.
 * Payloads that already have the enum fields come back unchanged.
 */
public final class LegacyStringFields {
  private static final int SPEC_TRIAGE_SIGMA = 11;
  private static final int DFT_INPUT_SET = 1;
  private static final int DFT_EXECUTOR = 2;
  private static final int PROGRESS_STAGE = 2;
  private static final int STATE_STAGE = 1;

  private LegacyStringFields() {}

  public static CampaignSpec upgrade(CampaignSpec spec) {
    if (spec == null) {
      return null;
    }
    CampaignSpec.Builder b = spec.toBuilder();
    String sigma = text(spec.getUnknownFields(), SPEC_TRIAGE_SIGMA);
    if (spec.getTriageSigmaKind() == SigmaKind.SIGMA_KIND_UNSPECIFIED && sigma != null) {
      b.setTriageSigmaKind(CampaignEnums.sigmaKind("triage_sigma", sigma));
    }
    if (spec.hasDft()) {
      DftSettings dft = spec.getDft();
      DftSettings.Builder d = dft.toBuilder();
      String inputSet = text(dft.getUnknownFields(), DFT_INPUT_SET);
      if (dft.getInputSetKind() == DftInputSet.DFT_INPUT_SET_UNSPECIFIED && inputSet != null) {
        d.setInputSetKind(CampaignEnums.inputSet("dft.input_set", inputSet));
      }
      String executor = text(dft.getUnknownFields(), DFT_EXECUTOR);
      if (dft.getExecutorKind() == DftExecutorKind.DFT_EXECUTOR_KIND_UNSPECIFIED
          && executor != null) {
        d.setExecutorKind(CampaignEnums.executorKind("dft.executor", executor));
      }
      b.setDft(d);
    }
    return b.build();
  }

  public static CampaignState upgrade(CampaignState state) {
    if (state == null) {
      return null;
    }
    CampaignState.Builder b = state.toBuilder();
    String stage = text(state.getUnknownFields(), STATE_STAGE);
    if (state.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_UNSPECIFIED && stage != null) {
      b.setCampaignStage(CampaignEnums.campaignStage("stage", stage));
    }
    if (state.hasProgress()) {
      b.setProgress(upgrade(state.getProgress()));
    }
    return b.build();
  }

  public static CampaignProgress upgrade(CampaignProgress progress) {
    String stage = text(progress.getUnknownFields(), PROGRESS_STAGE);
    if (progress.getCampaignStage() != CampaignStage.CAMPAIGN_STAGE_UNSPECIFIED || stage == null) {
      return progress;
    }
    return progress.toBuilder()
        .setCampaignStage(CampaignEnums.campaignStage("stage", stage))
        .build();
  }

  private static final Pattern STORED_SIGMA =
      Pattern.compile("(?m)^(\\s*)triage_sigma: \"([^\"]*)\"$");
  private static final Pattern STORED_INPUT_SET =
      Pattern.compile("(?m)^(\\s*)input_set: \"([^\"]*)\"$");
  private static final Pattern STORED_EXECUTOR =
      Pattern.compile("(?m)^(\\s*)executor: \"([^\"]*)\"$");

  /**
   * A spec's text format as the store keeps it (spec.toString()), with the old string fields that
   * specs stored before the enums have ({@code triage_sigma: "total"}, {@code input_set:
   * "qe-pbe-relax"}, {@code executor: "local"}) written as today's enum fields, which TextFormat
   * can read. Map entries print as {@code key:}/{@code value:} lines, so no setting is touched.
   */
  public static String upgradeStoredText(String text) {
    String out =
        replace(
            text,
            STORED_SIGMA,
            "triage_sigma_kind",
            v -> CampaignEnums.sigmaKind("triage_sigma", v).name());
    out =
        replace(
            out,
            STORED_INPUT_SET,
            "input_set_kind",
            v -> CampaignEnums.inputSet("dft.input_set", v).name());
    return replace(
        out,
        STORED_EXECUTOR,
        "executor_kind",
        v -> CampaignEnums.executorKind("dft.executor", v).name());
  }

  private static String replace(
      String text, Pattern old, String field, Function<String, String> enumName) {
    Matcher m = old.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(m.group(1) + field + ": " + enumName.apply(m.group(2))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The last non-empty string an unknown field carries, or null. */
  private static String text(UnknownFieldSet unknown, int number) {
    if (!unknown.hasField(number)) {
      return null;
    }
    List<ByteString> values = unknown.getField(number).getLengthDelimitedList();
    if (values.isEmpty() || values.get(values.size() - 1).isEmpty()) {
      return null;
    }
    return values.get(values.size() - 1).toStringUtf8();
  }
}
