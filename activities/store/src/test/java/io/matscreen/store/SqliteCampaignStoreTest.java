package io.matscreen.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an SQLite file (the default backend). */
class SqliteCampaignStoreTest extends CampaignStoreContract {
  @TempDir Path dir;

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("sub/matscreen.db");
  }
}
