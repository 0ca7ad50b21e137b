package io.matscreen.dft.job;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.JobStatus;
import io.matscreen.dft.handlers.Correction;
import io.matscreen.dft.handlers.CorrectionPlan;
import io.matscreen.dft.handlers.DftJobContext;
import io.matscreen.dft.handlers.ErrorHandler;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The DFT job state machine, as one pure function: from what is known about a job (its state, the
 * scheduler's status, the parsed output, the correction plan and the corrections made so far) to
 * its next state and the one action the caller must carry out. No I/O and no clock: the library
 * driver ({@link DftRelaxation}) and the campaign's activity both do the I/O and ask this class
 * what it means, so corrections are decided in one place.
 *
 * <pre>
 * PENDING ──SUBMIT──▶ SUBMITTED ──WAIT──▶ RUNNING ──(terminal status)──PARSE──▶ decision:
 *   FINISHED (RECORD_FINISHED) | PENDING (RESUBMIT, REQUEUE) | FAILED (GIVE_UP)
 * </pre>
 */
public final class DftJobTransition {
  private DftJobTransition() {}

  /** What the caller does next. */
  public enum Action {
    /** Write the inputs of attempt {@link Step#attempt()} and submit it (or re-attach by key). */
    SUBMIT,
    /** The attempt is queued or running: look again later. */
    WAIT,
    /** The attempt has ended: parse its output and ask again with the result. */
    PARSE,
    /** Failed, corrected: back to PENDING with the step's settings and/or structure. */
    RESUBMIT,
    /** Failed for reasons outside the calculation: back to PENDING unchanged. */
    REQUEUE,
    /** Failed beyond correction: park the job FAILED with the step's reason. */
    GIVE_UP,
    /** Finished: store the step's result. */
    RECORD_FINISHED
  }

  /**
   * What is known about a job.
   *
   * @param state where the job stands
   * @param attempt the attempt submitted last (1-based; 0 before the first)
   * @param settings the settings of that attempt (of the next one when PENDING)
   * @param structure the starting geometry of that attempt (of the next one when PENDING)
   * @param corrections corrections applied so far, per handler name
   * @param status the scheduler's status of the attempt; null when PENDING
   * @param parsed the attempt's parsed output once it has ended, else null
   * @param plan the handlers and the attempt limit
   */
  public record Input(
      DftState state,
      int attempt,
      Map<String, String> settings,
      DftStructure structure,
      Map<String, Integer> corrections,
      JobStatus status,
      DftResult parsed,
      CorrectionPlan plan) {

    /** Copies the maps. */
    public Input {
      settings = Map.copyOf(settings);
      corrections = Map.copyOf(corrections);
    }

    /** A job waiting for its next attempt. */
    public static Input pending(
        int attempt,
        Map<String, String> settings,
        DftStructure structure,
        Map<String, Integer> corrections,
        CorrectionPlan plan) {
      return new Input(
          DftState.PENDING, attempt, settings, structure, corrections, null, null, plan);
    }

    /**
     * The job as {@code step} leaves it: its state, attempt, settings, structure and corrections,
     * with no status or output yet.
     */
    public Input after(Step step) {
      return new Input(
          step.next(),
          step.attempt(),
          step.settings(),
          step.structure(),
          step.corrections(),
          null,
          null,
          plan);
    }

    /** The same job with the scheduler's latest status. */
    public Input withStatus(JobStatus newStatus) {
      return new Input(state, attempt, settings, structure, corrections, newStatus, parsed, plan);
    }

    /** The same job with its attempt's parsed output. */
    public Input withParsed(DftResult result) {
      return new Input(state, attempt, settings, structure, corrections, status, result, plan);
    }
  }

  /**
   * The decision.
   *
   * @param next the job's state after the action
   * @param action what the caller does
   * @param attempt the attempt the job is at after the step (SUBMIT starts the next one)
   * @param settings settings for the job from now on (the corrected ones after RESUBMIT)
   * @param structure starting geometry from now on (the recovered one after a restart)
   * @param corrections corrections per handler name, counting this step's
   * @param result the attempt's result reconciled with the scheduler's status (null before PARSE)
   * @param correction the handler's correction for a failed attempt (null otherwise)
   * @param reason why the job is PENDING again or FAILED, for people (null otherwise)
   */
  public record Step(
      DftState next,
      Action action,
      int attempt,
      Map<String, String> settings,
      DftStructure structure,
      Map<String, Integer> corrections,
      DftResult result,
      Correction correction,
      String reason) {

    /** Copies the maps. */
    public Step {
      settings = Map.copyOf(settings);
      corrections = Map.copyOf(corrections);
    }

    /** The settings the correction changed (empty unless RESUBMIT changed settings). */
    public Map<String, String> settingChanges() {
      return correction == null ? Map.of() : correction.settingChanges();
    }
  }

  /**
   * The next step for {@code in}.
   *
   * @throws IllegalArgumentException for a FINISHED or FAILED job (nothing leaves those), or an
   *     active job without a status
   */
  public static Step next(Input in) {
    return switch (in.state()) {
      case PENDING ->
          step(in, DftState.SUBMITTED, Action.SUBMIT, in.attempt() + 1, null, null, null);
      case SUBMITTED, RUNNING -> active(in);
      case FINISHED, FAILED ->
          throw new IllegalArgumentException(
              "DFT job is " + in.state() + " after attempt " + in.attempt() + ": no transition");
    };
  }

  private static Step active(Input in) {
    JobStatus status = in.status();
    if (status == null) {
      throw new IllegalArgumentException(
          "DFT job is " + in.state() + " (attempt " + in.attempt() + ") but has no status");
    }
    if (!status.terminal()) {
      // QUEUED or UNKNOWN say nothing new; a job once seen running stays RUNNING.
      DftState next = status.state() == JobStatus.State.RUNNING ? DftState.RUNNING : in.state();
      return step(in, next, Action.WAIT, in.attempt(), null, null, null);
    }
    if (in.parsed() == null) {
      return step(in, in.state(), Action.PARSE, in.attempt(), null, null, null);
    }
    DftResult result = reconcile(in.parsed(), status);
    if (result.successful()) {
      return step(in, DftState.FINISHED, Action.RECORD_FINISHED, in.attempt(), result, null, null);
    }
    String failure =
        String.format(
            Locale.ROOT,
            "attempt %d: %s (%s)",
            in.attempt(),
            result.errorKind(),
            result.errorDetail());
    Correction c =
        status.state() == JobStatus.State.CANCELLED
            ? Correction.giveUp("attempt " + in.attempt() + " was cancelled")
            : in.plan()
                .next(
                    new DftJobContext(
                        result, in.structure(), in.settings(), in.attempt(), in.corrections()));
    if (c.action() == Correction.Action.GIVE_UP) {
      return step(
          in,
          DftState.FAILED,
          Action.GIVE_UP,
          in.attempt(),
          result,
          c,
          failure + "; " + c.description());
    }
    ErrorHandler handler = in.plan().handlerFor(result.errorKind());
    Map<String, Integer> corrections = new HashMap<>(in.corrections());
    corrections.merge(handler.name(), 1, Integer::sum);
    Map<String, String> settings = new LinkedHashMap<>(in.settings());
    settings.putAll(c.settingChanges());
    DftStructure structure = c.newStructure() == null ? in.structure() : c.newStructure();
    Action action = c.action() == Correction.Action.REQUEUE ? Action.REQUEUE : Action.RESUBMIT;
    return new Step(
        DftState.PENDING,
        action,
        in.attempt(),
        settings,
        structure,
        corrections,
        result,
        c,
        failure + "; correction: " + c.description());
  }

  private static Step step(
      Input in,
      DftState next,
      Action action,
      int attempt,
      DftResult result,
      Correction correction,
      String reason) {
    return new Step(
        next,
        action,
        attempt,
        in.settings(),
        in.structure(),
        in.corrections(),
        result,
        correction,
        reason);
  }

  /**
   * Scheduler states that explain a failure better than the output can (a killed run looks
   * truncated).
   */
  public static DftResult reconcile(DftResult parsed, JobStatus status) {
    DftErrorKind fromState = DftErrorKind.fromJobState(status.state());
    if (fromState != DftErrorKind.NONE && parsed.errorKind() != fromState) {
      return parsed.withError(fromState, status.state() + " (" + status.detail() + ")");
    }
    if (status.state() == JobStatus.State.FAILED && parsed.successful()) {
      // The code printed a complete result but exited non-zero: do not trust it.
      return parsed.withError(
          DftErrorKind.UNKNOWN, "process " + status.detail() + " after a complete output");
    }
    if (status.state() == JobStatus.State.CANCELLED) {
      return parsed.withError(DftErrorKind.UNKNOWN, "cancelled");
    }
    return parsed;
  }
}
