package io.matscreen.activities.api;

/**
 * Workflow ids of campaigns and their DFT batches, derived from the campaign's name so that they
 * are readable in the Temporal UI and so that launching a campaign twice finds the running one.
 */
public final class WorkflowIds {
  /**
   * The DFT batch that relaxes a campaign's known phases (the references of the DFT hull); the
   * candidates' batches are numbered from 1.
   */
  public static final int REFERENCE_BATCH = 0;

  private WorkflowIds() {}

  /** Workflow id of a campaign: {@code campaign-<name>}. */
  public static String campaign(String campaign) {
    return "campaign-" + campaign;
  }

  /** Workflow id of one DFT batch of a campaign: {@code dft-<campaign>-<batch>}. */
  public static String dftBatch(String campaign, int batch) {
    return "dft-" + campaign + "-" + batch;
  }
}
