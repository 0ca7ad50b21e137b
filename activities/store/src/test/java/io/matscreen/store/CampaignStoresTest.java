package io.matscreen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores of a process share one pool per URL (the contract checks its connection reuse). */
class CampaignStoresTest {
  @TempDir Path dir;

  @Test
  void twoLookupsOfOneUrlShareTheStoreAndItsPool() {
    String a = "jdbc:sqlite:" + dir.resolve("a.db");
    String b = "jdbc:sqlite:" + dir.resolve("b.db");
    HikariDataSource poolOfA;
    try (CampaignStores stores = new CampaignStores()) {
      CampaignStore first = stores.forUrl(a);
      CampaignStore second = stores.forUrl(a);
      assertThat(second).isSameAs(first);
      assertThat(second.dataSource()).isSameAs(first.dataSource());
      assertThat(stores.forUrl(b).dataSource()).isNotSameAs(first.dataSource());
      poolOfA = (HikariDataSource) first.dataSource();
      assertThat(poolOfA.getMaximumPoolSize()).isEqualTo(StoreDataSource.SQLITE_POOL_SIZE);
      first.upsertCampaign("c", "C-Si", "name: c", "campaign-c");
      assertThat(second.campaign("c")).isPresent();
    }
    assertThat(poolOfA.isClosed()).isTrue();
  }

  @Test
  void aClosedRegistryRefusesLookups() {
    CampaignStores stores = new CampaignStores();
    stores.close();
    assertThatThrownBy(() -> stores.forUrl("jdbc:sqlite:" + dir.resolve("c.db")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed")
        .hasMessageContaining("c.db");
  }

  @Test
  void anUnsupportedUrlIsNamedInTheError() {
    try (CampaignStores stores = new CampaignStores()) {
      assertThatThrownBy(() -> stores.forUrl("jdbc:mysql://localhost/x"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("jdbc:mysql://localhost/x")
          .hasMessageContaining("jdbc:sqlite:FILE");
    }
  }

  @Test
  void anInMemoryStoreKeepsItsOneConnection() {
    try (CampaignStores stores = new CampaignStores()) {
      CampaignStore store = stores.forUrl("jdbc:sqlite::memory:");
      store.upsertCampaign("m", "Si", "name: m", "campaign-m");
      store.saveReport("m", "in memory");
      assertThat(store.report("m")).contains("in memory");
      assertThat(((HikariDataSource) store.dataSource()).getMaximumPoolSize()).isEqualTo(1);
    }
  }
}
