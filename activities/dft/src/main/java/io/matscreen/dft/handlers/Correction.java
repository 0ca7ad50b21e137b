package io.matscreen.dft.handlers;

import io.matscreen.dft.DftStructure;
import java.util.Map;

/**
 * What to do next with a failed job: rerun with changed settings and/or a new starting geometry,
 * requeue unchanged, or give up with a reason.
 *
 * @param action the kind of next step
 * @param settingChanges settings to put over the current ones (empty for none)
 * @param newStructure starting geometry for the next attempt, or null to keep the current one
 * @param description what was changed and why, for the job's provenance
 */
public record Correction(
    Action action,
    Map<String, String> settingChanges,
    DftStructure newStructure,
    String description) {

  /** The kind of next step. */
  public enum Action {
    /** Rewrite the inputs (changed settings / structure) and submit a new attempt. */
    RERUN,
    /** Submit the same inputs again (node failure, preemption, lost process). */
    REQUEUE,
    /** Stop: the job is parked as FAILED with the description as reason. */
    GIVE_UP
  }

  /** Copies the map. */
  public Correction {
    settingChanges = settingChanges == null ? Map.of() : Map.copyOf(settingChanges);
  }

  /** A rerun with changed settings. */
  public static Correction rerun(
      Map<String, String> changes, DftStructure newStructure, String description) {
    return new Correction(Action.RERUN, changes, newStructure, description);
  }

  /** An unchanged resubmission. */
  public static Correction requeue(String description) {
    return new Correction(Action.REQUEUE, Map.of(), null, description);
  }

  /** Giving up. */
  public static Correction giveUp(String reason) {
    return new Correction(Action.GIVE_UP, Map.of(), null, reason);
  }
}
