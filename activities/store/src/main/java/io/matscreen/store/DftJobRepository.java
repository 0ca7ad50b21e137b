package io.matscreen.store;

import io.matscreen.store.StoreRows.DftAttemptRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** DFT jobs, the history of their attempts, and their results. */
public interface DftJobRepository {
  /** Adds DFT jobs that are not in the store yet; jobs already known keep their state. */
  void insertDftJobsIfAbsent(List<DftJobRow> jobs);

  /** Writes the whole state of a DFT job. */
  void updateDftJob(DftJobRow job);

  /** Jobs of a campaign by batch, then key. */
  List<DftJobRow> dftJobs(String campaign);

  /** Jobs of one batch by key. */
  List<DftJobRow> dftJobsInBatch(String campaign, int batch);

  Optional<DftJobRow> dftJob(String campaign, String jobKey);

  /** Number of jobs of one role ("candidate" or "reference") in each state. */
  Map<String, Long> countJobsByState(String campaign, String role);

  /** Records how one attempt of a job ended (provenance kept across resumes). */
  void recordAttempt(DftJobRow job);

  /** Attempts of a job, oldest first. */
  List<DftAttemptRow> attempts(String campaign, String jobKey);

  void upsertDftResult(DftResultRow result);

  /** Results of a campaign by job key. */
  List<DftResultRow> dftResults(String campaign);
}
