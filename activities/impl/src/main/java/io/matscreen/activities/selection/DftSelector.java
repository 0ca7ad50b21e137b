package io.matscreen.activities.selection;

import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.activities.api.WorkflowIds;
import io.matscreen.activities.campaign.CampaignDefaults;
import io.matscreen.activities.campaign.StructureCodec;
import io.matscreen.activities.dftjobs.DftJobState;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftInputSet;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.DftJobRole;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.store.StoredDftState;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Chooses what DFT relaxes: every known phase (batch 0, the references of the DFT hull) and the
 * best-ranked candidates that passed triage, up to the DFT budget, in batches of the spec's batch
 * size (1, 2, ...). Jobs are inserted if absent, so a rerun keeps the jobs and states it finds.
 */
public final class DftSelector {
  private final CampaignStore store;

  public DftSelector(CampaignStore store) {
    this.store = store;
  }

  /** The selection: job counts and every DFT batch number the campaign now has. */
  public record Selection(int referenceJobs, int candidateJobs, List<Integer> batches) {}

  public Selection select(CampaignSpec spec) {
    String campaign = spec.getName();
    int budget = spec.getDft().getBudget();
    if (budget == 0) {
      return new Selection(0, 0, List.of());
    }
    Set<String> knownLabels = new HashSet<>();
    List<DftJobRow> jobs = new ArrayList<>();
    for (ReferenceRow r : store.references(campaign)) {
      Structure s = StructureCodec.fromJson(r.structureJson(), r.id());
      knownLabels.add(WyckoffRepresentation.of(s).protostructureLabel());
      jobs.add(
          dftJob(spec, r.id(), DftJobRole.REFERENCE, r.formula(), WorkflowIds.REFERENCE_BATCH, s));
    }
    int referenceJobs = jobs.size();
    // Passing candidates, best acquisition first; structures already known or already chosen
    // under another name (same Wyckoff representation) are not relaxed twice.
    Set<String> chosenLabels = new HashSet<>(knownLabels);
    int batchSize = CampaignDefaults.dftBatchSize(spec);
    int chosen = 0;
    for (HullRow h : rankedForDft(spec, store.hullResults(campaign, "predicted"))) {
      if (chosen >= budget) {
        break;
      }
      if (!h.passedTriage()) {
        continue;
      }
      CandidateRow c = store.candidate(campaign, h.candidateId()).orElseThrow();
      if (c.protostructure() == null || !chosenLabels.add(c.protostructure())) {
        continue;
      }
      Structure s = StructureCodec.fromJson(c.structureJson(), c.id());
      int batch = WorkflowIds.REFERENCE_BATCH + 1 + chosen / batchSize;
      jobs.add(dftJob(spec, c.id(), DftJobRole.CANDIDATE, c.reducedFormula(), batch, s));
      chosen++;
    }
    store.insertDftJobsIfAbsent(jobs);
    Set<Integer> batches = new TreeSet<>();
    for (DftJobRow j : store.dftJobs(campaign)) {
      batches.add(j.batch());
    }
    return new Selection(referenceJobs, chosen, List.copyOf(batches));
  }

  /**
   * Hull rows by acquisition value; ties (polymorphs of one composition under a composition-only
   * model have the same prediction) go to the prototype listed first in the campaign file, then by
   * id, so the order is reproducible and the user decides which structure types come first.
   */
  static List<HullRow> rankedForDft(CampaignSpec spec, List<HullRow> rows) {
    List<String> prototypes = spec.getPrototypesList();
    ToIntFunction<HullRow> prototypeRank =
        h -> {
          int colon = h.candidateId().indexOf(':');
          int i = colon < 0 ? -1 : prototypes.indexOf(h.candidateId().substring(0, colon));
          return i < 0 ? Integer.MAX_VALUE : i;
        };
    List<HullRow> sorted = new ArrayList<>(rows);
    sorted.sort(
        // Rounded to 1 micro-eV: batched float32 inference gives one composition values that
        // differ in the last digits from shard to shard.
        Comparator.comparingLong(
                (HullRow h) ->
                    Math.round(1e6 * (h.acquisition() == null ? h.eAboveHull() : h.acquisition())))
            .thenComparingInt(prototypeRank)
            .thenComparing(HullRow::candidateId));
    return sorted;
  }

  private static DftJobRow dftJob(
      CampaignSpec spec, String subject, DftJobRole role, String formula, int batch, Structure s) {
    String inputSet = CampaignEnums.yamlName(spec.getDft().getInputSetKind());
    return new DftJobRow(
        spec.getName(),
        spec.getName() + "/" + subject + "/" + inputSet,
        batch,
        subject,
        role,
        formula,
        inputSet,
        CampaignEnums.yamlName(spec.getDft().getExecutorKind()),
        StoredDftState.PENDING,
        null,
        0,
        0,
        null,
        null,
        DftJobState.initial(dftSettings(spec)).toJson(),
        DftJobState.structureToJson(StructureCodec.toDft(s)));
  }

  /**
   * The campaign's DFT settings; for Quantum ESPRESSO every cell of the chemical system gets the
   * same plane-wave cutoffs, or references and candidates would not be comparable on one hull.
   */
  static Map<String, String> dftSettings(CampaignSpec spec) {
    Map<String, String> settings = new TreeMap<>(spec.getDft().getSettingsMap());
    if (spec.getDft().getInputSetKind() == DftInputSet.DFT_INPUT_SET_QE_PBE_RELAX) {
      settings.putIfAbsent("cutoff_elements", String.join(",", spec.getElementsList()));
    }
    return settings;
  }
}
