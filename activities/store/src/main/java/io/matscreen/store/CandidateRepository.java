package io.matscreen.store;

import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.ShardRow;
import java.util.List;
import java.util.Optional;

/** Candidate structures and the shards that group them into units of screening work. */
public interface CandidateRepository {
  void upsertShards(List<ShardRow> shards);

  void markShardScreened(String campaign, int shard);

  /** Shards of a campaign in shard order. */
  List<ShardRow> shards(String campaign);

  /** Inserts candidates or overwrites those with the same (campaign, id), in batches. */
  void upsertCandidates(List<CandidateRow> candidates);

  /** Candidates of one shard, by id. */
  List<CandidateRow> candidatesInShard(String campaign, int shard);

  Optional<CandidateRow> candidate(String campaign, String id);

  long countCandidates(String campaign);
}
