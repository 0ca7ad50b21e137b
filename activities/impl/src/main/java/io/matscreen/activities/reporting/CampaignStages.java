package io.matscreen.activities.reporting;

import io.matscreen.store.CampaignStore;

/**
 * A campaign's stage and status in the store, so that `matscreen status` works without Temporal.
 */
public final class CampaignStages {
  private final CampaignStore store;

  public CampaignStages(CampaignStore store) {
    this.store = store;
  }

  /**
   * Records the workflow's stage; "done", "cancelled" and "failed" end the campaign, others keep it
   * running. A failed campaign keeps its reason; any other stage clears it.
   */
  public void record(String campaign, String stage, String failureReason) {
    String reason =
        stage.equals("failed") && failureReason != null && !failureReason.isEmpty()
            ? failureReason
            : null;
    store.updateCampaignStage(campaign, stage, status(stage), reason);
  }

  /** The campaign status that a workflow stage means. */
  static String status(String stage) {
    return switch (stage) {
      case "done" -> "COMPLETED";
      case "cancelled" -> "CANCELLED";
      case "failed" -> "FAILED";
      default -> "RUNNING";
    };
  }
}
