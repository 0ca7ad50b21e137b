package io.matscreen.activities.api;

import com.google.protobuf.ProtocolMessageEnum;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftInputSet;
import io.matscreen.proto.v1.SigmaKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one mapping between the campaign enums of the proto and their text names, as campaign YAML,
 * the CLI, the store's columns and the MatscreenStage search attribute spell them: the enum's
 * suffix in lowercase with '-' for '_' (SIGMA_KIND_TOTAL ↔ "total", DFT_INPUT_SET_QE_PBE_RELAX ↔
 * "qe-pbe-relax", CAMPAIGN_STAGE_SCREEN ↔ "screen").
 */
public final class CampaignEnums {
  private CampaignEnums() {}

  /** A text name that names no value of an enum; the message names the field and the choices. */
  public static final class UnknownNameException extends IllegalArgumentException {
    UnknownNameException(String message) {
      super(message);
    }
  }

  public static String yamlName(SigmaKind kind) {
    return name(kind, "SIGMA_KIND_");
  }

  public static String yamlName(DftInputSet set) {
    return name(set, "DFT_INPUT_SET_");
  }

  public static String yamlName(DftExecutorKind kind) {
    return name(kind, "DFT_EXECUTOR_KIND_");
  }

  /**
   * The stage's text name; "" for UNSPECIFIED, a campaign that has not entered its first stage (a
   * progress queried that early), as the unset string stage showed it.
   */
  public static String yamlName(CampaignStage stage) {
    return stage == CampaignStage.CAMPAIGN_STAGE_UNSPECIFIED ? "" : name(stage, "CAMPAIGN_STAGE_");
  }

  /**
   * The σ kind {@code name} names.
   *
   * @param field the field the name was read from, for the message (e.g. "triage.sigma")
   * @throws UnknownNameException naming the field, the choices and the value
   */
  public static SigmaKind sigmaKind(String field, String name) {
    return parse(field, name, SigmaKind.values(), "SIGMA_KIND_");
  }

  /** The input set {@code name} names; see {@link #sigmaKind}. */
  public static DftInputSet inputSet(String field, String name) {
    return parse(field, name, DftInputSet.values(), "DFT_INPUT_SET_");
  }

  /** The executor kind {@code name} names; see {@link #sigmaKind}. */
  public static DftExecutorKind executorKind(String field, String name) {
    return parse(field, name, DftExecutorKind.values(), "DFT_EXECUTOR_KIND_");
  }

  /** The campaign stage {@code name} names; see {@link #sigmaKind}. */
  public static CampaignStage campaignStage(String field, String name) {
    return parse(field, name, CampaignStage.values(), "CAMPAIGN_STAGE_");
  }

  /** The text names of an enum's values, in proto order (UNSPECIFIED excluded). */
  public static <E extends Enum<E> & ProtocolMessageEnum> List<String> yamlNames(
      E[] values, String prefix) {
    List<String> names = new ArrayList<>();
    for (E v : values) {
      if (named(v)) {
        names.add(name(v, prefix));
      }
    }
    return names;
  }

  private static <E extends Enum<E> & ProtocolMessageEnum> boolean named(E v) {
    return !v.name().equals("UNRECOGNIZED") && !v.name().endsWith("_UNSPECIFIED");
  }

  private static <E extends Enum<E> & ProtocolMessageEnum> String name(E v, String prefix) {
    if (!named(v)) {
      throw new IllegalArgumentException(v.name() + " has no text name");
    }
    return v.name().substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static <E extends Enum<E> & ProtocolMessageEnum> E parse(
      String field, String name, E[] values, String prefix) {
    for (E v : values) {
      if (named(v) && name(v, prefix).equals(name)) {
        return v;
      }
    }
    throw new UnknownNameException(
        "field '"
            + field
            + "' must be "
            + choices(yamlNames(values, prefix))
            + ", got '"
            + name
            + "'");
  }

  /** "a or b", "a, b or c": how the spec reader's messages have always listed choices. */
  private static String choices(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }
}
