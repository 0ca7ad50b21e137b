package io.matscreen.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-shard and per-batch queries run on the indexes of V3__indexes.sql, as SQLite's EXPLAIN
 * QUERY PLAN reports them: no scan of a whole campaign and no sort.
 */
class SqliteQueryPlanTest {
  @TempDir Path dir;
  private CampaignStore store;

  @BeforeEach
  void open() {
    store = CampaignStore.open("jdbc:sqlite:" + dir.resolve("plan.db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<String> plan(String sql, Object... args) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection c = store.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString("detail"));
        }
      }
    }
    return lines;
  }

  @Test
  void candidatesOfAShardAreReadThroughTheShardIndexInIdOrder() throws SQLException {
    List<String> plan = plan(JdbiCandidateRepository.CANDIDATES_IN_SHARD, "c", 3);
    assertThat(plan)
        .singleElement()
        .asString()
        .contains("SEARCH candidates USING INDEX candidates_shard_id (campaign=? AND shard=?)");
  }

  @Test
  void predictionsOfAShardAreShardIdsFromTheIndexThenPrimaryKeyLookUps() throws SQLException {
    assertThat(plan(JdbiPredictionRepository.CANDIDATE_IDS_IN_SHARD, "c", 3))
        .singleElement()
        .asString()
        .contains(
            "SEARCH candidates USING COVERING INDEX candidates_shard_id (campaign=? AND shard=?)");
    String byIds =
        JdbiPredictionRepository.PREDICTIONS_OF_IDS
            .replace(":campaign", "?")
            .replace("<ids>", "?, ?, ?");
    assertThat(plan(byIds, "c", "a", "b", "d"))
        .singleElement()
        .asString()
        .contains("SEARCH predictions USING INDEX sqlite_autoindex_predictions_1")
        .contains("campaign=? AND candidate_id=?");
  }

  @Test
  void hullResultsAreRankedByTheRankIndexWithoutASort() throws SQLException {
    List<String> plan = plan(JdbiPredictionRepository.HULL_RESULTS, "c", "predicted");
    assertThat(plan)
        .singleElement()
        .asString()
        .contains("SEARCH hull_results USING INDEX hull_results_rank (campaign=? AND kind=?)");
  }

  @Test
  void triageCountsReadOnlyTheTriageIndex() throws SQLException {
    List<String> plan = plan(JdbiPredictionRepository.COUNT_PASSED_TRIAGE, "c");
    assertThat(plan)
        .singleElement()
        .asString()
        .contains(
            "USING COVERING INDEX hull_results_triage (campaign=? AND kind=? AND passed_triage=?)");
  }

  @Test
  void dftJobsOfACampaignAndOfABatchComeInKeyOrderFromTheBatchIndex() throws SQLException {
    assertThat(plan(JdbiDftJobRepository.DFT_JOBS, "c"))
        .singleElement()
        .asString()
        .contains("SEARCH dft_jobs USING INDEX dft_jobs_batch_key (campaign=?)");
    assertThat(plan(JdbiDftJobRepository.DFT_JOBS_IN_BATCH, "c", 2))
        .singleElement()
        .asString()
        .contains("SEARCH dft_jobs USING INDEX dft_jobs_batch_key (campaign=? AND batch=?)");
  }
}
