package io.matscreen.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an SQLite file (the default backend). */
class SqliteCampaignStoreTest extends CampaignStoreContract {
  @TempDir Path dir;
  private CampaignStore store;

  @BeforeEach
  void open() {
    store = CampaignStore.open("jdbc:sqlite:" + dir.resolve("sub/matscreen.db"));
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  CampaignStore store() {
    return store;
  }
}
