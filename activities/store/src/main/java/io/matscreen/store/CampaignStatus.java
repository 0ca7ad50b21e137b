package io.matscreen.store;

/** The status column of a campaign row, stored as the constant's name. */
public enum CampaignStatus {
  RUNNING,
  COMPLETED,
  CANCELLED,
  FAILED;

  static CampaignStatus fromColumn(String campaign, String text) {
    try {
      return valueOf(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StoreException(
          "campaign "
              + campaign
              + " has status '"
              + text
              + "', not one of RUNNING, COMPLETED,"
              + " CANCELLED, FAILED",
          e);
    }
  }
}
