package io.matscreen.activities.campaign;

/** A campaign YAML that cannot be used; the message names the file and field. */
public class InvalidCampaignSpecException extends IllegalArgumentException {
  public InvalidCampaignSpecException(String message) {
    super(message);
  }
}
