package io.matscreen.store;

/** The status column of a campaign row, stored as the constant's name. */
public enum CampaignStatus {
  RUNNING,
  COMPLETED,
  CANCELLED,
  FAILED;

  static CampaignStatus fromColumn(String campaign, String text) {
    return EnumColumns.read(values(), Enum::name, "campaign " + campaign, "status", text);
  }
}
