package io.matscreen.store;

/** Row types of the campaign store; energies are eV/atom unless a name says otherwise. */
public final class StoreRows {
  private StoreRows() {}

  /** A campaign known to the store. */
  public record CampaignRow(
      String name,
      String chemsys,
      String specText,
      String workflowId,
      String stage,
      CampaignStatus status,
      String createdAt,
      String updatedAt,
      String failureReason) {}

  /** A shard of candidates: the unit of screening work. */
  public record ShardRow(
      String campaign, int shard, int rows, String contentHash, boolean screened) {}

  /** A candidate structure; {@code structureJson} is pymatgen Structure.as_dict JSON. */
  public record CandidateRow(
      String campaign,
      String id,
      int shard,
      String formula,
      String reducedFormula,
      String origin,
      String structureJson,
      int nsites,
      Integer spacegroup,
      String protostructure) {}

  /** A model's formation-energy prediction for a candidate, eV/atom. */
  public record PredictionRow(
      String campaign,
      String candidateId,
      String model,
      double eFormMean,
      double eFormStd,
      double epistemicStd,
      double aleatoricStd) {}

  /** A candidate placed on a hull: kind "predicted" (ML hull) or "dft" (DFT hull). */
  public record HullRow(
      String campaign,
      String candidateId,
      String kind,
      double eForm,
      double eAboveHull,
      String decomposition,
      Double acquisition,
      boolean passedTriage) {}

  /** An entry of a known hull; energyKind is "formation" or "total" (both eV/atom). */
  public record ReferenceRow(
      String campaign,
      String id,
      String formula,
      double energyPerAtom,
      String energyKind,
      String fingerprint,
      String source,
      String structureJson) {}

  /** A DFT job and its current state. */
  public record DftJobRow(
      String campaign,
      String jobKey,
      int batch,
      String subjectId,
      DftJobRole role,
      String formula,
      String inputSet,
      String executor,
      StoredDftState state,
      String schedulerId,
      int attempt,
      int corrections,
      String reason,
      String jobDir,
      String settingsJson,
      String structureJson) {
    public DftJobRow withState(StoredDftState newState, String newReason) {
      return new DftJobRow(
          campaign,
          jobKey,
          batch,
          subjectId,
          role,
          formula,
          inputSet,
          executor,
          newState,
          schedulerId,
          attempt,
          corrections,
          newReason,
          jobDir,
          settingsJson,
          structureJson);
    }
  }

  /** A finished DFT calculation. */
  public record DftResultRow(
      String campaign,
      String jobKey,
      double energyTotalEv,
      double energyPerAtomEv,
      int nAtoms,
      String fingerprint,
      String finalStructureJson,
      Double wallTimeS) {}

  /**
   * How one attempt of a DFT job ended: its scheduler id, state, reason and the settings it ran.
   */
  public record DftAttemptRow(
      String campaign,
      String jobKey,
      int attempt,
      String schedulerId,
      String state,
      String reason,
      String settingsJson,
      String recordedAt) {}
}
