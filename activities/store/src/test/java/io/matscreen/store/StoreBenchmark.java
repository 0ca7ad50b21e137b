package io.matscreen.store;

import io.matscreen.store.StoreRows.CandidateRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rows per second for upserting candidates into a campaign store the way prepareCampaign does (one
 * call per shard of 2,000), first as inserts and then again as updates of the same keys (an
 * activity re-run), then shard reads and point look-ups per second. The store is a fresh SQLite
 * file unless a JDBC URL is given.
 *
 * <p>Run: {@code ./run-benchmarks StoreBenchmark [ROWS [SHARD_SIZE [JDBC_URL]]]} (defaults 100000,
 * 2000, a temporary SQLite file).
 *
 * <p>Measured 2 Dec 2026 on a shared 2-core machine (load 4 to 6, so figures vary up to 2x between
 * runs), two runs each, before (a connection per call, no V3 indexes) and after (pool, V3 indexes,
 * plain JDBC batches), 100,000 candidates on SQLite: insert 12,500-13,300 → 17,200-27,400 rows/s,
 * update 30,200-34,500 → 69,100-83,300 rows/s, shard reads 7,200-7,600 → 32,300-82,700 rows/s,
 * look-ups 270-310 → 810-1,700/s. PostgreSQL on loopback, 20,000 candidates: look-ups 45 → 741/s,
 * insert 6,300 → 8,300 rows/s, update 7,200 → 13,000 rows/s.
 */
public final class StoreBenchmark {
  private StoreBenchmark() {}

  /** A structure of 8 sites, about the size of the JSON that StructureCodec writes for one. */
  private static final String STRUCTURE_JSON = structureJson();

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int shardSize = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    Path dir = null;
    String url;
    if (args.length > 2) {
      url = args[2];
    } else {
      dir = Files.createTempDirectory("store-benchmark");
      url = "jdbc:sqlite:" + dir.resolve("bench.db");
    }
    String campaign = "bench-" + System.nanoTime();
    CampaignStore store = CampaignStore.open(url);
    List<List<CandidateRow>> shards = new ArrayList<>();
    for (int start = 0, shard = 0; start < rows; start += shardSize, shard++) {
      List<CandidateRow> part = new ArrayList<>();
      for (int i = start; i < Math.min(rows, start + shardSize); i++) {
        part.add(
            new CandidateRow(
                campaign,
                String.format(Locale.ROOT, "cand-%07d", i),
                shard,
                "Si4Ge4",
                "SiGe",
                "substitution:AB_cF8_216_a_c",
                STRUCTURE_JSON,
                8,
                216,
                "AB_cF8_216_a_c:Ge-Si"));
      }
      shards.add(part);
    }
    System.out.printf(
        Locale.ROOT,
        "StoreBenchmark: %,d candidates in %d calls of %,d on %s%n",
        rows,
        shards.size(),
        shardSize,
        url);
    for (String pass : new String[] {"insert", "update"}) {
      long t0 = System.nanoTime();
      for (List<CandidateRow> part : shards) {
        store.upsertCandidates(part);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "  upsert (%s) %,10.0f rows/s  (%.2f s)%n", pass, rows / s, s);
    }
    if (store.countCandidates(campaign) != rows) {
      throw new IllegalStateException(
          "expected " + rows + " candidates, found " + store.countCandidates(campaign));
    }
    long t0 = System.nanoTime();
    long read = 0;
    for (int shard = 0; shard < shards.size(); shard++) {
      read += store.candidatesInShard(campaign, shard).size();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "  candidatesInShard %,10.0f rows/s  (%d shards, %.2f s)%n",
        read / s,
        shards.size(),
        s);
    int lookups = Math.min(rows, 2_000);
    t0 = System.nanoTime();
    for (int i = 0; i < lookups; i++) {
      store.candidate(campaign, String.format(Locale.ROOT, "cand-%07d", i)).orElseThrow();
    }
    s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "  candidate(id)     %,10.0f look-ups/s  (%,d, %.2f s)%n",
        lookups / s,
        lookups,
        s);
    store.close();
    if (dir != null) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static String structureJson() {
    StringBuilder sites = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      String el = i % 2 == 0 ? "Si" : "Ge";
      sites.append(i == 0 ? "" : ",");
      sites.append(
          String.format(
              Locale.ROOT,
              "{\"species\":[{\"element\":\"%s\",\"occu\":1}],\"abc\":[%.6f,%.6f,%.6f],"
                  + "\"xyz\":[%.6f,%.6f,%.6f],\"label\":\"%s\",\"properties\":{}}",
              el,
              0.25 * (i % 4),
              0.5 * (i % 2),
              0.125 * i,
              1.4 * (i % 4),
              2.8 * (i % 2),
              0.7 * i,
              el));
    }
    return "{\"@module\":\"pymatgen.core.structure\",\"@class\":\"Structure\",\"charge\":0,"
        + "\"lattice\":{\"matrix\":[[5.6,0,0],[0,5.6,0],[0,0,5.6]],\"pbc\":[true,true,true]},"
        + "\"properties\":{},\"sites\":["
        + sites
        + "]}";
  }
}
