package io.matscreen.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store contract on a real PostgreSQL. .ci/run starts one on loopback (.ci/postgres.sh) and
 * sets MATSCREEN_TEST_POSTGRES_URL; without it these tests are skipped with that message.
 */
class PostgresCampaignStoreTest extends CampaignStoreContract {
  private CampaignStore store;

  @BeforeEach
  void open() {
    String url = System.getenv("MATSCREEN_TEST_POSTGRES_URL");
    assumeTrue(
        url != null && !url.isBlank(),
        "MATSCREEN_TEST_POSTGRES_URL is not set: start PostgreSQL with `.ci/postgres.sh start`"
            + " (the README's test command does) to run the PostgreSQL store tests");
    store = CampaignStore.open(url);
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
