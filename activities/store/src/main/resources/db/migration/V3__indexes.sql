-- matscreen campaign store, version 3: the indexes that campaigns of a million candidates need,
-- one per query shape that filters or orders rows beyond a primary key. Plain SQL for SQLite and
-- PostgreSQL alike.

-- candidatesInShard and predictionsInShard: WHERE campaign = ? AND shard = ? ORDER BY id.
-- Without id in the index SQLite walked the primary key over the whole campaign to skip the sort.
DROP INDEX candidates_shard;
CREATE INDEX candidates_shard_id ON candidates (campaign, shard, id);

-- hullResults: WHERE campaign = ? AND kind = ? ORDER BY COALESCE(acquisition, e_above_hull),
-- candidate_id (the primary key has kind last); also countHullResults.
CREATE INDEX hull_results_rank
  ON hull_results (campaign, kind, (COALESCE(acquisition, e_above_hull)), candidate_id);

-- countPassedTriage (every funnel): WHERE campaign = ? AND kind = 'predicted' AND passed_triage = 1.
CREATE INDEX hull_results_triage ON hull_results (campaign, kind, passed_triage);

-- dftJobs (ORDER BY batch, job_key) and dftJobsInBatch (batch = ? ORDER BY job_key).
DROP INDEX dft_jobs_batch;
CREATE INDEX dft_jobs_batch_key ON dft_jobs (campaign, batch, job_key);

-- The funnel's DFT counts: WHERE campaign = ? AND role = ? GROUP BY state.
CREATE INDEX dft_jobs_role_state ON dft_jobs (campaign, role, state);
