package io.matscreen.activities.campaign;

import io.matscreen.hull.TriageSettings;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftInputSet;
import io.matscreen.proto.v1.SigmaKind;
import io.matscreen.store.CampaignStore;

/**
 * The values a campaign gets for what its YAML does not say. {@link CampaignSpecReader} fills them
 * in; the activities apply them again to specs built without the reader, where proto3 leaves an
 * unset number at 0.
 */
public final class CampaignDefaults {
  /** Where candidates come from. */
  public static final String CANDIDATES_SOURCE = "substitution";

  /** The shipped model bundle. */
  public static final String MODEL = "default";

  /** Candidates per shard (DESIGN.md: ~2,000). */
  public static final int SHARD_SIZE = 2000;

  /** Shards screened at the same time. */
  public static final int MAX_PARALLEL_SHARDS = 4;

  /** Triage rule e_above_hull_pred + k·σ &lt; threshold: the factor k. */
  public static final double TRIAGE_K = TriageSettings.DEFAULT_K;

  /** Triage rule: the threshold, eV/atom. */
  public static final double TRIAGE_THRESHOLD_EV = TriageSettings.DEFAULT_THRESHOLD_EV;

  /** Triage rule: which σ of the ensemble (total, epistemic or aleatoric). */
  public static final SigmaKind TRIAGE_SIGMA = SigmaKind.SIGMA_KIND_TOTAL;

  public static final DftInputSet DFT_INPUT_SET = DftInputSet.DFT_INPUT_SET_QE_PBE_RELAX;

  public static final DftExecutorKind DFT_EXECUTOR = DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL;

  /** Candidates relaxed with DFT (references come on top). */
  public static final int DFT_BUDGET = 10;

  /** DFT jobs running at the same time. */
  public static final int DFT_MAX_PARALLEL = 2;

  /** Candidate DFT jobs per batch (one DftBatchWorkflow each). */
  public static final int DFT_BATCH_SIZE = 50;

  public static final String STORE = CampaignStore.DEFAULT_URL;

  private CampaignDefaults() {}

  /** The spec's shard size, or the default where it is unset (0). */
  public static int shardSize(CampaignSpec spec) {
    return spec.getShardSize() > 0 ? spec.getShardSize() : SHARD_SIZE;
  }

  /** The spec's DFT batch size, or the default where it is unset (0). */
  public static int dftBatchSize(CampaignSpec spec) {
    return spec.getDft().getBatchSize() > 0 ? spec.getDft().getBatchSize() : DFT_BATCH_SIZE;
  }

  /** The spec's triage σ kind, or the default where it is unset. */
  public static SigmaKind triageSigma(CampaignSpec spec) {
    return spec.getTriageSigmaKind() == SigmaKind.SIGMA_KIND_UNSPECIFIED
        ? TRIAGE_SIGMA
        : spec.getTriageSigmaKind();
  }

  /** The spec's model reference, or the shipped model where it is unset (empty). */
  public static String model(CampaignSpec spec) {
    return spec.getModel().isEmpty() ? MODEL : spec.getModel();
  }
}
