package io.matscreen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an SQLite file (the default backend). */
class SqliteCampaignStoreTest extends CampaignStoreContract {
  @TempDir Path dir;

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("sub/matscreen.db");
  }

  @Test
  void enumColumnsKeepTheirTextAndUnknownTextIsRejectedNamingTheJob() throws SQLException {
    store()
        .insertDftJobsIfAbsent(List.of(job("Si", DftJobRole.REFERENCE, StoredDftState.FINISHED)));
    store().upsertCampaign(campaign, "C-Si", "name: x", "campaign-" + campaign);
    store().updateCampaignStage(campaign, "done", CampaignStatus.COMPLETED);
    try (Connection c = store().dataSource().getConnection();
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT role, state FROM dft_jobs")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("reference");
        assertThat(rs.getString(2)).isEqualTo("FINISHED");
      }
      try (ResultSet rs = st.executeQuery("SELECT status FROM campaigns")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("COMPLETED");
      }
      st.executeUpdate("UPDATE dft_jobs SET state = 'DONE'");
    }
    assertThatThrownBy(() -> store().dftJobs(campaign))
        .hasMessageContaining(campaign + "/Si/qe-pbe-relax")
        .hasMessageContaining("'DONE'")
        .hasMessageContaining("PENDING, SUBMITTED, RUNNING, FINISHED, FAILED");
  }
}
