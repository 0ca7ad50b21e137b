package io.matscreen.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The contents of a bundle's {@code model.json}: what the model is, how its inputs are featurised,
 * how its target is normalised, where its weights are (with checksums) and how it was trained.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion bundle format version, {@link #FORMAT_VERSION}
 * @param name the bundle's name (its directory name when trained)
 * @param type "roost" (composition) or "wren" (protostructure)
 * @param inputKind "composition" or "protostructure"
 * @param featuriser featuriser id and version, e.g. "composition-v1"
 * @param network network sizes
 * @param elementsSeen element symbols present in the training data (vocabulary)
 * @param target target column name
 * @param targetUnits units of the target, "eV/atom"
 * @param targetMean mean of the training target, used to normalise
 * @param targetStd standard deviation of the training target, used to normalise
 * @param members one entry per ensemble member, with its weights file and sha256
 * @param ensembleMean how the members' predictions combine; null in bundles written before the
 *     field existed, which combine equally
 * @param training data hash and size, split, seed, epochs, wall time, the exact command
 * @param metrics validation and held-out test metrics (MAE, RMSE, R², eV/atom)
 * @param dataCredit credit and licence of the training data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
    String format,
    int formatVersion,
    String name,
    String type,
    String inputKind,
    String featuriser,
    NetworkShape network,
    List<String> elementsSeen,
    String target,
    String targetUnits,
    double targetMean,
    double targetStd,
    List<Member> members,
    EnsembleMean ensembleMean,
    Map<String, Object> training,
    Map<String, Object> metrics,
    String dataCredit) {
  public static final String FORMAT = "matscreen-model-bundle";
  public static final int FORMAT_VERSION = 1;

  /** The combination rule, {@link EnsembleMean#EQUAL} where the bundle does not say. */
  public EnsembleMean combination() {
    return ensembleMean == null ? EnsembleMean.EQUAL : ensembleMean;
  }

  /** This metadata with another combination rule. */
  public ModelMetadata withEnsembleMean(EnsembleMean rule) {
    return new ModelMetadata(
        format,
        formatVersion,
        name,
        type,
        inputKind,
        featuriser,
        network,
        elementsSeen,
        target,
        targetUnits,
        targetMean,
        targetStd,
        members,
        rule,
        training,
        metrics,
        dataCredit);
  }

  /**
   * One ensemble member.
   *
   * @param file weights file name relative to the bundle
   * @param sha256 hex sha256 of the weights file
   * @param seed the member's initialisation and shuffling seed
   * @param epochs epochs trained
   * @param bestEpoch epoch whose weights were kept (early stopping), or the last epoch of the
   *     average when an average was kept
   * @param validationMae the member's validation MAE, eV/atom; null when it trained on the
   *     validation rows (refit)
   * @param averagedEpochs how many epochs' weights (ending at bestEpoch) were averaged into the
   *     kept weights; null when the weights are one epoch's
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Member(
      String file,
      String sha256,
      long seed,
      int epochs,
      int bestEpoch,
      Double validationMae,
      Integer averagedEpochs) {
    /** A member whose weights are those of one epoch. */
    public Member(
        String file, String sha256, long seed, int epochs, int bestEpoch, Double validationMae) {
      this(file, sha256, seed, epochs, bestEpoch, validationMae, null);
    }
  }
}
