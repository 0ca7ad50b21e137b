package io.matscreen.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opened campaign stores of this process, one per JDBC URL, migrated once. */
public final class CampaignStores {
  private static final Map<String, CampaignStore> OPEN = new ConcurrentHashMap<>();

  private CampaignStores() {}

  /** The store at this URL (the default SQLite file when blank). */
  public static CampaignStore forUrl(String url) {
    String key = url == null || url.isBlank() ? CampaignStore.DEFAULT_URL : url;
    return OPEN.computeIfAbsent(key, CampaignStore::open);
  }
}
