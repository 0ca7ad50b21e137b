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
   * Records the workflow's stage; "done" and "cancelled" end the campaign, others keep it running.
   */
  public void record(String campaign, String stage) {
    store.updateCampaignStage(campaign, stage, status(stage));
  }

  /** The campaign status that a workflow stage means. */
  static String status(String stage) {
    return switch (stage) {
      case "done" -> "COMPLETED";
      case "cancelled" -> "CANCELLED";
      default -> "RUNNING";
    };
  }
}
