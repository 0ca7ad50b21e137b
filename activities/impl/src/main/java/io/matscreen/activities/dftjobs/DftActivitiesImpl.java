package io.matscreen.activities.dftjobs;

import io.matscreen.activities.api.DftActivities;
import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.campaign.StructureCodec;
import io.matscreen.dft.DftExecutor;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.InputSet;
import io.matscreen.dft.JobHandle;
import io.matscreen.dft.job.CorrectionPlans;
import io.matscreen.dft.job.DftJobTransition;
import io.matscreen.dft.job.DftState;
import io.matscreen.dft.local.LocalExecutor;
import io.matscreen.dft.qe.QePbeRelaxInputSet;
import io.matscreen.dft.slurm.SlurmExecutor;
import io.matscreen.dft.vasp.VaspMpRelaxInputSet;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftResumeRequest;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoredDftState;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DFT-pool activities. A job's state lives in its store row, so any worker can pick it up: PENDING
 * → SUBMITTED → RUNNING → FINISHED, or back to PENDING with a handler's correction, or FAILED with
 * its reason once the handlers give up; {@link DftJobTransition} decides each step. Submission
 * looks the job up by key first, so a retried or restarted activity re-attaches instead of
 * submitting twice.
 */
public final class DftActivitiesImpl implements DftActivities {
  /** How often a waiting advanceBatch looks at its jobs. */
  private static final long POLL_MILLIS = 1000;

  private final Path workRoot;

  /** The local executor of this process, created on first use with the campaign's parallelism. */
  private LocalExecutor local;

  /** The Slurm executor of this process (sbatch and friends on this machine's PATH). */
  private SlurmExecutor slurm;

  /** slurm.conf for the Slurm client tools; null: MATSCREEN_SLURM_CONF or the system default. */
  private final Path slurmConf;

  private final CampaignStores stores;

  public DftActivitiesImpl(Path workRoot, CampaignStores stores) {
    this(workRoot, null, stores);
  }

  /** With the slurm.conf of a particular cluster (tests start their own). */
  public DftActivitiesImpl(Path workRoot, Path slurmConf, CampaignStores stores) {
    this.workRoot = workRoot;
    this.slurmConf = slurmConf;
    this.stores = stores;
  }

  @Override
  public DftBatchProgress advanceBatch(DftBatchRef batch, int waitSeconds) {
    CampaignSpec spec = batch.getSpec();
    CampaignStore store = stores.forUrl(spec.getStore());
    long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
    int changed = 0;
    while (true) {
      List<DftJobRow> jobs = store.dftJobsInBatch(batch.getCampaign(), batch.getBatch());
      changed +=
          DftBatchSubmission.submitPending(spec, store, jobs, () -> executor(spec), workRoot);
      for (DftJobRow job : jobs) {
        switch (job.state()) {
          case SUBMITTED, RUNNING -> changed += check(spec, store, job) ? 1 : 0;
          default -> {}
        }
      }
      DftBatchProgress counts = counts(store, batch.getCampaign(), batch.getBatch(), changed);
      if (changed > 0
          || counts.getActive() + counts.getPending() == 0
          || System.currentTimeMillis() >= deadline) {
        return counts;
      }
      Activity.getExecutionContext().heartbeat(counts.getActive());
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return counts;
      }
    }
  }

  @Override
  public DftBatchProgress resumeJobs(DftResumeRequest request) {
    CampaignStore store = stores.forUrl(request.getStore());
    for (DftJobRow job : store.dftJobsInBatch(request.getCampaign(), request.getBatch())) {
      boolean failed = job.state() == StoredDftState.FAILED;
      boolean unfinished = !failed && job.state() != StoredDftState.FINISHED;
      boolean active = job.state().active();
      if ((request.getFailed() && failed) || (request.getUnfinished() && unfinished && !active)) {
        DftJobState state = DftJobState.fromJson(job.settingsJson());
        Map<String, String> settings = new HashMap<>(state.settings());
        settings.putAll(request.getSettingsMap());
        // A person resumed the job: the handlers get a fresh budget of corrections.
        DftJobState resumed = new DftJobState(settings, Map.of());
        store.updateDftJob(
            withState(
                job,
                StoredDftState.PENDING,
                "resumed after: " + job.reason(),
                job.schedulerId(),
                job.attempt(),
                job.corrections(),
                resumed.toJson(),
                job.structureJson(),
                job.jobDir()));
      }
    }
    return counts(store, request.getCampaign(), request.getBatch(), 0);
  }

  /**
   * Polls an active job and carries out what {@link DftJobTransition} decides; true when the job's
   * state changed.
   */
  private boolean check(CampaignSpec spec, CampaignStore store, DftJobRow job) {
    InputSet inputSet = inputSet(job.inputSet());
    DftExecutor executor = executor(spec);
    String key = schedulerKey(job, job.attempt());
    Path dir = Path.of(job.jobDir());
    JobHandle handle = executor.find(key).orElse(new JobHandle(key, dir, job.schedulerId()));
    DftJobState state = DftJobState.fromJson(job.settingsJson());
    DftJobTransition.Input seen =
        new DftJobTransition.Input(
            DftJobState.state(job),
            job.attempt(),
            state.settings(),
            DftJobState.structureFromJson(job.structureJson()),
            state.corrections(),
            executor.poll(handle),
            null,
            CorrectionPlans.forInputSet(inputSet));
    DftJobTransition.Step step = DftJobTransition.next(seen);
    if (step.action() == DftJobTransition.Action.PARSE) {
      step = DftJobTransition.next(seen.withParsed(inputSet.parser().parse(dir)));
    }
    switch (step.action()) {
      case WAIT -> {
        if (step.next() == seen.state()) {
          return false;
        }
        store.updateDftJob(job.withState(DftJobState.stored(step.next()), null));
      }
      case RECORD_FINISHED -> {
        DftResult result = step.result();
        String finalStructure =
            result.structure() == null
                ? null
                : StructureCodec.toJson(StructureCodec.fromDft(result.structure()));
        store.upsertDftResult(
            new DftResultRow(
                job.campaign(),
                job.jobKey(),
                result.finalEnergyEv(),
                result.energyPerAtomEv(),
                result.nAtoms(),
                inputSet.fingerprint().asKey(),
                finalStructure,
                result.wallTimeSeconds()));
        DftJobRow done = job.withState(DftJobState.stored(step.next()), null);
        store.updateDftJob(done);
        store.recordAttempt(done);
      }
      case GIVE_UP, RESUBMIT, REQUEUE -> {
        // The attempt's row keeps the settings it ran with and, typed, how it failed.
        String failedState = state.failedAs(step.result()).toJson();
        store.recordAttempt(
            withState(
                job,
                StoredDftState.FAILED,
                step.reason(),
                job.schedulerId(),
                job.attempt(),
                job.corrections(),
                failedState,
                job.structureJson(),
                job.jobDir()));
        boolean corrected = step.next() == DftState.PENDING;
        String structureJson =
            step.structure() == seen.structure()
                ? job.structureJson()
                : DftJobState.structureToJson(step.structure());
        store.updateDftJob(
            withState(
                job,
                DftJobState.stored(step.next()),
                step.reason(),
                job.schedulerId(),
                job.attempt(),
                corrected ? job.corrections() + 1 : job.corrections(),
                new DftJobState(step.settings(), step.corrections())
                    .failedAs(step.result())
                    .toJson(),
                structureJson,
                job.jobDir()));
      }
      default ->
          throw new IllegalStateException(
              "DFT job "
                  + job.jobKey()
                  + " is "
                  + job.state()
                  + " but the transition asked to "
                  + step.action());
    }
    return true;
  }

  static DftJobRow withState(
      DftJobRow j,
      StoredDftState state,
      String reason,
      String schedulerId,
      int attempt,
      int corrections,
      String settingsJson,
      String structureJson,
      String jobDir) {
    return new DftJobRow(
        j.campaign(),
        j.jobKey(),
        j.batch(),
        j.subjectId(),
        j.role(),
        j.formula(),
        j.inputSet(),
        j.executor(),
        state,
        schedulerId,
        attempt,
        corrections,
        reason,
        jobDir,
        settingsJson,
        structureJson);
  }

  private static DftBatchProgress counts(
      CampaignStore store, String campaign, int batch, int changed) {
    DftBatchProgress.Builder b =
        DftBatchProgress.newBuilder().setCampaign(campaign).setBatch(batch).setChanged(changed);
    for (DftJobRow j : store.dftJobsInBatch(campaign, batch)) {
      switch (j.state()) {
        case PENDING -> b.setPending(b.getPending() + 1);
        case SUBMITTED, RUNNING -> b.setActive(b.getActive() + 1);
        case FINISHED -> b.setFinished(b.getFinished() + 1);
        default -> b.setFailed(b.getFailed() + 1);
      }
    }
    return b.build();
  }

  static InputSet inputSet(String name) {
    return switch (name) {
      case QePbeRelaxInputSet.NAME -> new QePbeRelaxInputSet();
      case VaspMpRelaxInputSet.NAME -> new VaspMpRelaxInputSet();
      default ->
          throw ApplicationFailure.newNonRetryableFailure(
              "unknown DFT input set '" + name + "'", FailureTypes.INVALID_DFT_SETTINGS);
    };
  }

  private synchronized DftExecutor executor(CampaignSpec spec) {
    DftExecutorKind kind = spec.getDft().getExecutorKind();
    if (kind == DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL) {
      if (local == null) {
        int parallel = Math.max(1, spec.getDft().getMaxParallel());
        local = new LocalExecutor(workRoot.resolve(".local-executor"), parallel);
      }
      return local;
    }
    if (kind == DftExecutorKind.DFT_EXECUTOR_KIND_SLURM) {
      if (slurm == null) {
        // MATSCREEN_SLURM_CONF points the client tools at a cluster's slurm.conf (tests use it);
        // otherwise the system's default applies.
        String conf = System.getenv("MATSCREEN_SLURM_CONF");
        Path fromEnv = conf == null || conf.isBlank() ? null : Path.of(conf);
        slurm =
            new SlurmExecutor(
                workRoot.resolve(".slurm-executor"),
                slurmConf != null ? slurmConf : fromEnv,
                Map.of());
      }
      return slurm;
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "DFT executor " + kind + " is not available in this worker",
        FailureTypes.INVALID_DFT_SETTINGS);
  }

  /** A scheduler-safe job key: readable prefix plus a hash of the full key, and the attempt. */
  static String schedulerKey(DftJobRow job, int attempt) {
    String base = safe(job.campaign() + "_" + job.subjectId());
    if (base.length() > 100) {
      base = base.substring(0, 100);
    }
    return base
        + "-"
        + String.format(Locale.ROOT, "%08x", job.jobKey().hashCode())
        + "-a"
        + attempt;
  }

  static String safe(String s) {
    String t = s.replaceAll("[^A-Za-z0-9._-]", "_");
    return Character.isLetterOrDigit(t.charAt(0)) ? t : "j" + t;
  }
}
