package io.matscreen.activities.api;

/**
 * Types of failures that retrying cannot fix. Activities throw them as non-retryable
 * ApplicationFailures and workflows list them in their retry policies.
 */
public final class FailureTypes {
  /** The campaign YAML or a value in it is wrong. */
  public static final String INVALID_SPEC = "InvalidCampaignSpec";

  /** A model bundle is missing, corrupt or does not fit the input. */
  public static final String INVALID_MODEL = "InvalidModelBundle";

  /** A DFT setting is wrong (unknown input set, missing pseudopotential, unsafe value). */
  public static final String INVALID_DFT_SETTINGS = "InvalidDftSettings";

  /** A system program or library (spglib, pw.x, sbatch) is not installed. */
  public static final String MISSING_DEPENDENCY = "MissingSystemDependency";

  /**
   * The type of the failure a campaign workflow ends with when a stage it cannot go on without
   * failed (its reason is recorded in the store and in the progress as {@code failure_reason}).
   */
  public static final String CAMPAIGN_FAILED = "CampaignFailed";

  /** All of them, for RetryOptions.doNotRetry. */
  public static final String[] ALL = {
    INVALID_SPEC, INVALID_MODEL, INVALID_DFT_SETTINGS, MISSING_DEPENDENCY
  };

  private FailureTypes() {}
}
