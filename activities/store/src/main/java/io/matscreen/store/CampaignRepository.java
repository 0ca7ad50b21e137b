package io.matscreen.store;

import io.matscreen.store.StoreRows.CampaignRow;
import java.util.List;
import java.util.Optional;

/** Campaigns, their progress (stage and status) and their reports. */
public interface CampaignRepository {
  /** Registers a campaign, or updates its spec if it exists (its stage and status are kept). */
  void upsertCampaign(String name, String chemsys, String specText, String workflowId);

  /** Sets stage and status and the failure reason (null clears it, e.g. after a resume). */
  void updateCampaignStage(String name, String stage, CampaignStatus status, String failureReason);

  Optional<CampaignRow> campaign(String name);

  /** All campaigns, oldest first. */
  List<CampaignRow> campaigns();

  void saveReport(String campaign, String text);

  Optional<String> report(String campaign);
}
