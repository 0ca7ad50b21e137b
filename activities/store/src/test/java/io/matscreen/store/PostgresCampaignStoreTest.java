package io.matscreen.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The store contract on a real PostgreSQL. .ci/run starts one on loopback (.ci/postgres.sh) and
 * sets MATSCREEN_TEST_POSTGRES_URL; without it these tests are skipped with that message.
 */
class PostgresCampaignStoreTest extends CampaignStoreContract {
  @Override
  String url() {
    String url = System.getenv("MATSCREEN_TEST_POSTGRES_URL");
    assumeTrue(
        url != null && !url.isBlank(),
        "MATSCREEN_TEST_POSTGRES_URL is not set: start PostgreSQL with `.ci/postgres.sh start`"
            + " (the README's test command does) to run the PostgreSQL store tests");
    return url;
  }
}
