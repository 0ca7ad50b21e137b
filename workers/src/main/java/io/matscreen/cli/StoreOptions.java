package io.matscreen.cli;

import io.matscreen.activities.campaign.CampaignSpecReader;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.CampaignRow;
import java.util.function.IntSupplier;
import picocli.CommandLine.Option;

/**
 * The {@code --store} option of commands that read the campaign store, and the pool the command
 * reaches it through; the command closes it when done.
 */
public final class StoreOptions implements AutoCloseable {
  @Option(
      names = "--store",
      defaultValue = CampaignStore.DEFAULT_URL,
      description = "campaign store JDBC URL (default ${DEFAULT-VALUE})")
  String url;

  private CampaignStores stores;

  /** The stores of this command (the one at {@code --store} and any a spec names). */
  public CampaignStores stores() {
    if (stores == null) {
      stores = new CampaignStores();
    }
    return stores;
  }

  public CampaignStore store() {
    return stores().forUrl(url);
  }

  /** Runs a command's body and closes this command's pools after it, whether it ends or throws. */
  public int closingAfter(IntSupplier body) {
    try {
      return body.getAsInt();
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    if (stores != null) {
      stores.close();
      stores = null;
    }
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
