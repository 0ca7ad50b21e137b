package io.matscreen.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The connection pool of a campaign store at one JDBC URL (SQLite file or PostgreSQL). */
public final class StoreDataSource {
  static final String SQLITE_PREFIX = "jdbc:sqlite:";
  static final String POSTGRES_PREFIX = "jdbc:postgresql:";

  /**
   * SQLite serialises writers anyway; a few connections let readers (inference, the CLI) run beside
   * one writer in WAL mode.
   */
  static final int SQLITE_POOL_SIZE = 4;

  /** One per concurrent activity of a worker process with all pools (2 cpu + 1 gpu + 4 dft). */
  static final int POSTGRES_POOL_SIZE = 8;

  /** How long a caller waits for a free connection; a 100,000-row upsert holds one for seconds. */
  private static final long CONNECTION_TIMEOUT_MS = 120_000;

  private StoreDataSource() {}

  /** A new pool for the store at this URL; the caller closes it. */
  public static HikariDataSource create(String jdbcUrl) {
    return create(jdbcUrl, null);
  }

  /** As {@link #create(String)}, reporting pool events to {@code metrics} (tests count them). */
  static HikariDataSource create(String jdbcUrl, MetricsTrackerFactory metrics) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("matscreen-store");
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    if (jdbcUrl.startsWith(SQLITE_PREFIX)) {
      String file = sqliteFile(jdbcUrl);
      boolean inMemory = file.isEmpty() || file.startsWith(":memory:");
      if (!inMemory) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
          Files.createDirectories(parent);
        } catch (IOException e) {
          throw new StoreException("cannot create the store directory " + parent, e);
        }
      }
      // WAL lets CLI readers see progress while workers write; the busy timeout makes writers from
      // several connections and processes wait for each other instead of failing.
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("busy_timeout", "60000");
      if (inMemory) {
        // Each connection to :memory: is a database of its own: keep exactly one, for good.
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setMaxLifetime(0);
        config.setIdleTimeout(0);
      } else {
        config.setMaximumPoolSize(SQLITE_POOL_SIZE);
        config.setMinimumIdle(1);
      }
    } else if (jdbcUrl.startsWith(POSTGRES_PREFIX)) {
      config.setMaximumPoolSize(POSTGRES_POOL_SIZE);
      config.setMinimumIdle(1);
      // One multi-row INSERT per batch chunk instead of one statement per row.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    } else {
      throw new StoreException(
          "unsupported store URL '" + jdbcUrl + "': use jdbc:sqlite:FILE or jdbc:postgresql://...");
    }
    if (metrics != null) {
      config.setMetricsTrackerFactory(metrics);
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to the campaign store at " + jdbcUrl + ": " + e, e);
    }
  }

  /** The file of an SQLite URL, without its query parameters ("" or ":memory:" for memory). */
  static String sqliteFile(String jdbcUrl) {
    String file = jdbcUrl.substring(SQLITE_PREFIX.length());
    int q = file.indexOf('?');
    return q >= 0 ? file.substring(0, q) : file;
  }
}
