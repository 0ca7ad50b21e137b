package io.matscreen.store;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaign stores of one process (a worker or a CLI command): one pool and one migrated store
 * per JDBC URL, made on first use and closed together. Create one at start-up and pass it to the
 * activities.
 */
public final class CampaignStores implements AutoCloseable {
  private final Map<String, CampaignStore> open = new LinkedHashMap<>();
  private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
  private boolean closed;

  /** The store at this URL (the default SQLite file when blank), opened on first use. */
  public synchronized CampaignStore forUrl(String url) {
    if (closed) {
      throw new StoreException(
          "the campaign stores of this process are closed (asked for " + url + ")");
    }
    String key = url == null || url.isBlank() ? CampaignStore.DEFAULT_URL : url;
    CampaignStore store = open.get(key);
    if (store == null) {
      HikariDataSource pool = StoreDataSource.create(key);
      try {
        store = CampaignStore.on(key, pool, null);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
      pools.put(key, pool);
      open.put(key, store);
    }
    return store;
  }

  /** Closes every pool; stores handed out earlier fail from then on. */
  @Override
  public synchronized void close() {
    closed = true;
    List<RuntimeException> failures = new ArrayList<>();
    for (HikariDataSource pool : pools.values()) {
      try {
        pool.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    pools.clear();
    open.clear();
    if (!failures.isEmpty()) {
      throw new StoreException("closing the campaign stores failed: " + failures, failures.get(0));
    }
  }
}
