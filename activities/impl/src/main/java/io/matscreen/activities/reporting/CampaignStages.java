package io.matscreen.activities.reporting;

import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.store.CampaignStatus;
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
   * Records the workflow's stage (its text name in the store's column); done, cancelled and failed
   * end the campaign, others keep it running. A failed campaign keeps its reason; any other stage
   * clears it.
   */
  public void record(String campaign, CampaignStage stage, String failureReason) {
    String reason =
        stage == CampaignStage.CAMPAIGN_STAGE_FAILED
                && failureReason != null
                && !failureReason.isEmpty()
            ? failureReason
            : null;
    store.updateCampaignStage(campaign, CampaignEnums.yamlName(stage), status(stage), reason);
  }

  /** The campaign status that a workflow stage means. */
  static CampaignStatus status(CampaignStage stage) {
    return switch (stage) {
      case CAMPAIGN_STAGE_DONE -> CampaignStatus.COMPLETED;
      case CAMPAIGN_STAGE_CANCELLED -> CampaignStatus.CANCELLED;
      case CAMPAIGN_STAGE_FAILED -> CampaignStatus.FAILED;
      default -> CampaignStatus.RUNNING;
    };
  }
}
