package io.matscreen.cli;

import io.matscreen.activities.CampaignSpecReader;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.CampaignRow;
import picocli.CommandLine.Option;

/** The {@code --store} option of commands that read the campaign store. */
public final class StoreOptions {
  @Option(
      names = "--store",
      defaultValue = CampaignStore.DEFAULT_URL,
      description = "campaign store JDBC URL (default ${DEFAULT-VALUE})")
  String url;

  public CampaignStore store() {
    return CampaignStores.forUrl(url);
  }

  /** The spec of a campaign known to the store; a clear error when there is none. */
  public CampaignSpec spec(String campaign) {
    CampaignRow row =
        store()
            .campaign(campaign)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no campaign '"
                            + campaign
                            + "' in the store "
                            + url
                            + " (known: "
                            + String.join(
                                ", ", store().campaigns().stream().map(CampaignRow::name).toList())
                            + ")"));
    return CampaignSpecReader.fromStoredText(row.specText(), campaign);
  }
}
