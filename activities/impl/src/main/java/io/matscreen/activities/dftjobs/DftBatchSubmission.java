package io.matscreen.activities.dftjobs;

import io.matscreen.dft.DftExecutor;
import io.matscreen.dft.DftInputException;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.InputSet;
import io.matscreen.dft.JobHandle;
import io.matscreen.dft.job.DftRelaxation;
import io.matscreen.dft.slurm.SlurmExecutor;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoredDftState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The submit step of a DFT batch: writes the inputs of the batch's PENDING jobs and submits them,
 * on Slurm as one job array ({@code sbatch --array=0-N%CAP}), elsewhere one job at a time.
 *
 * <p>Idempotent like single submissions: every job is looked up by its key first, so a retried
 * activity re-attaches to jobs (and array tasks) that reached the scheduler, whether or not their
 * ids were recorded in the store. The array key is derived from the member keys, so a retry of the
 * same pending jobs names the same array and SlurmExecutor finds it (by record, then by job name)
 * instead of submitting it again.
 *
 * <p>Whatever is PENDING in one pass goes out together, which also decides how a corrected job is
 * resubmitted: Slurm arrays are fixed once submitted, so a corrected job never joins its old array.
 * Corrections are noticed one job at a time as jobs fail and usually change walltime or other
 * executor settings, so a lone corrected job goes as a single job; when several compatible jobs are
 * pending together (several corrections in one pass, or {@code dft resume --failed}) they go as a
 * new array with its own key.
 */
final class DftBatchSubmission {
  /** Executor setting that throttles an array: at most this many of its tasks run at once. */
  static final String ARRAY_PARALLELISM = "array_parallelism";

  private DftBatchSubmission() {}

  /** A pending job whose inputs are written and which is ready for the scheduler. */
  private record Prepared(DftJobRow job, int attempt, Path dir, DftJobSpec spec) {}

  /**
   * Submits the PENDING jobs among {@code jobs} and moves their rows to SUBMITTED (or to FAILED
   * when their settings cannot produce an input); returns how many rows changed.
   */
  static int submitPending(
      CampaignSpec spec,
      CampaignStore store,
      List<DftJobRow> jobs,
      Supplier<DftExecutor> executorOfCampaign,
      Path workRoot) {
    if (jobs.stream().noneMatch(j -> j.state() == StoredDftState.PENDING)) {
      return 0;
    }
    DftExecutor executor = executorOfCampaign.get();
    int changed = 0;
    List<Prepared> todo = new ArrayList<>();
    for (DftJobRow job : jobs) {
      if (job.state() != StoredDftState.PENDING) {
        continue;
      }
      changed++;
      int attempt = job.attempt() + 1;
      String key = DftActivitiesImpl.schedulerKey(job, attempt);
      Path dir = jobDir(spec, job, attempt, workRoot);
      Optional<JobHandle> existing = executor.find(key);
      if (existing.isPresent()) {
        recordSubmitted(store, job, attempt, dir, existing.get());
        continue;
      }
      try {
        DftJobState state = DftJobState.fromJson(job.settingsJson());
        InputSet inputSet = DftActivitiesImpl.inputSet(job.inputSet());
        DftStructure structure = DftJobState.structureFromJson(job.structureJson());
        DftRelaxation.prepare(dir);
        inputSet.write(structure, dir, state.settings());
        DftJobSpec jobSpec = DftRelaxation.spec(key, dir, inputSet, state.settings());
        if (executor instanceof SlurmExecutor) {
          jobSpec = throttled(jobSpec, spec.getDft().getMaxParallel());
        }
        todo.add(new Prepared(job, attempt, dir, jobSpec));
      } catch (DftInputException e) {
        // Settings that cannot produce an input will not get better by retrying: park the job.
        DftJobRow failed =
            DftActivitiesImpl.withState(
                job,
                StoredDftState.FAILED,
                "invalid DFT settings: " + e.getMessage(),
                null,
                attempt,
                job.corrections(),
                job.settingsJson(),
                job.structureJson(),
                dir.toString());
        store.updateDftJob(failed);
        store.recordAttempt(failed);
      }
    }
    for (List<Prepared> group : compatibleGroups(todo)) {
      if (group.size() > 1 && executor instanceof SlurmExecutor slurm) {
        List<DftJobSpec> specs = group.stream().map(Prepared::spec).toList();
        List<JobHandle> handles = slurm.submitArray(arrayKey(spec, group), specs);
        for (int i = 0; i < group.size(); i++) {
          Prepared p = group.get(i);
          recordSubmitted(store, p.job(), p.attempt(), p.dir(), handles.get(i));
        }
      } else {
        for (Prepared p : group) {
          recordSubmitted(store, p.job(), p.attempt(), p.dir(), executor.submit(p.spec()));
        }
      }
    }
    return changed;
  }

  /**
   * The job with the array throttle set: the campaign's {@code max_parallel} unless the job's
   * settings name an {@value #ARRAY_PARALLELISM} of their own.
   */
  static DftJobSpec throttled(DftJobSpec s, int maxParallel) {
    if (s.settings().containsKey(ARRAY_PARALLELISM) || maxParallel < 1) {
      return s;
    }
    Map<String, String> settings = new LinkedHashMap<>(s.settings());
    settings.put(ARRAY_PARALLELISM, Integer.toString(maxParallel));
    return new DftJobSpec(
        s.key(), s.jobDir(), s.command(), s.walltime(), s.cpus(), s.memoryMb(), settings);
  }

  /**
   * The key of the array of {@code group}: campaign and batch for people reading squeue, and a hash
   * of the member keys so that the same pending jobs always name the same array and other jobs
   * never do.
   */
  private static String arrayKey(CampaignSpec spec, List<Prepared> group) {
    StringBuilder members = new StringBuilder();
    int batch = 0;
    for (Prepared p : group) {
      members.append(p.spec().key()).append('\n');
      batch = p.job().batch();
    }
    String base = DftActivitiesImpl.safe(spec.getName());
    if (base.length() > 80) {
      base = base.substring(0, 80);
    }
    return base + "-b" + batch + "-" + sha256(members.toString()).substring(0, 12);
  }

  /** Jobs of one array must share walltime, CPUs, memory and executor settings. */
  private static List<List<Prepared>> compatibleGroups(List<Prepared> todo) {
    Map<List<Object>, List<Prepared>> groups = new LinkedHashMap<>();
    for (Prepared p : todo) {
      DftJobSpec s = p.spec();
      List<Object> shape = List.of(s.walltime(), s.cpus(), s.memoryMb(), s.settings());
      groups.computeIfAbsent(shape, k -> new ArrayList<>()).add(p);
    }
    return new ArrayList<>(groups.values());
  }

  private static void recordSubmitted(
      CampaignStore store, DftJobRow job, int attempt, Path dir, JobHandle handle) {
    store.updateDftJob(
        DftActivitiesImpl.withState(
            job,
            StoredDftState.SUBMITTED,
            null,
            handle.schedulerId(),
            attempt,
            job.corrections(),
            job.settingsJson(),
            job.structureJson(),
            dir.toString()));
  }

  /** The attempt's directory: under the job's work_dir setting if it has one, else workRoot. */
  private static Path jobDir(CampaignSpec spec, DftJobRow job, int attempt, Path workRoot) {
    String dir = DftJobState.fromJson(job.settingsJson()).settings().get("work_dir");
    return (dir == null || dir.isBlank() ? workRoot : Path.of(dir))
        .resolve(spec.getName())
        .resolve(DftActivitiesImpl.safe(job.subjectId()))
        .resolve("a" + attempt);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
