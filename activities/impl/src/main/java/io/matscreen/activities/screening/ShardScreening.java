package io.matscreen.activities.screening;

import io.matscreen.activities.campaign.CampaignDefaults;
import io.matscreen.activities.campaign.StructureCodec;
import io.matscreen.activities.candidates.CandidatePreparation;
import io.matscreen.hull.EnergyFingerprint;
import io.matscreen.hull.HullEntry;
import io.matscreen.hull.HullPoint;
import io.matscreen.hull.PhaseDiagram;
import io.matscreen.hull.SigmaKind;
import io.matscreen.hull.Triage;
import io.matscreen.hull.TriageCandidate;
import io.matscreen.hull.TriageDecision;
import io.matscreen.hull.TriageSettings;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.structure.Composition;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screening of one shard: symmetry labels (Wyckoff representations) for candidates that have
 * none, then the shard's predictions on the known hull of the model's energies and the triage rule.
 * Both steps upsert by candidate id, so reruns write the same rows.
 */
public final class ShardScreening {
  private static final Logger log = LoggerFactory.getLogger(ShardScreening.class);

  private final CampaignStore store;

  public ShardScreening(CampaignStore store) {
    this.store = store;
  }

  /** How a shard's rows went through a step; {@code failed} rows are reported and left out. */
  public record ShardOutcome(int processed, int failed, int passedTriage) {}

  /**
   * Labels the shard's unlabelled candidates with spglib (0.1 Å, 5°, the Materials Project's
   * tolerances); a structure spglib cannot analyse counts as failed and keeps no label.
   */
  public ShardOutcome featurise(String campaign, int shard) {
    List<CandidateRow> rows = store.candidatesInShard(campaign, shard);
    List<CandidateRow> updated = new ArrayList<>();
    int failed = 0;
    for (CandidateRow r : rows) {
      if (r.protostructure() != null) {
        continue;
      }
      try {
        Structure s = StructureCodec.fromJson(r.structureJson(), r.id());
        WyckoffRepresentation w = WyckoffRepresentation.of(s);
        updated.add(
            new CandidateRow(
                r.campaign(),
                r.id(),
                r.shard(),
                r.formula(),
                r.reducedFormula(),
                r.origin(),
                r.structureJson(),
                r.nsites(),
                w.spacegroupNumber(),
                w.protostructureLabel()));
      } catch (RuntimeException e) {
        // The shard goes on without this candidate's label.
        failed++;
        log.warn("candidate {}: symmetry analysis failed: {}", r.id(), e.getMessage());
      }
    }
    store.upsertCandidates(updated);
    return new ShardOutcome(rows.size() - failed, failed, 0);
  }

  /**
   * Places the shard's predictions on the known hull (the known phases' predicted energies) and
   * applies the spec's triage rule; candidates without a prediction count as failed.
   *
   * @throws ReferencesNotPredictedException when a known phase has no predicted energy yet
   */
  public ShardOutcome placeOnHull(CampaignSpec spec, int shard) {
    String campaign = spec.getName();
    PhaseDiagram known = knownMlHull(campaign);
    Map<String, CandidateRow> candidates = new HashMap<>();
    for (CandidateRow c : store.candidatesInShard(campaign, shard)) {
      candidates.put(c.id(), c);
    }
    Map<String, PredictionRow> predictions = new HashMap<>();
    Map<String, HullPoint> points = new HashMap<>();
    List<TriageCandidate> triage = new ArrayList<>();
    for (PredictionRow p : store.predictionsInShard(campaign, shard)) {
      Composition c = Composition.parse(candidates.get(p.candidateId()).formula());
      HullPoint point = known.eAboveHull(c, p.eFormMean());
      predictions.put(p.candidateId(), p);
      points.put(p.candidateId(), point);
      triage.add(
          new TriageCandidate(
              p.candidateId(),
              point.eAboveHullEv(),
              p.eFormStd(),
              p.epistemicStd(),
              p.aleatoricStd()));
    }
    List<HullRow> rows = new ArrayList<>();
    int passed = 0;
    for (TriageDecision d : Triage.rank(triage, triageSettings(spec))) {
      String id = d.candidate().id();
      HullPoint point = points.get(id);
      rows.add(
          new HullRow(
              campaign,
              id,
              "predicted",
              predictions.get(id).eFormMean(),
              point.eAboveHullEv(),
              point.decompositionString(),
              d.acquisitionEv(),
              d.passed()));
      passed += d.passed() ? 1 : 0;
    }
    store.upsertHullResults(rows);
    store.markShardScreened(campaign, shard);
    return new ShardOutcome(rows.size(), candidates.size() - rows.size(), passed);
  }

  /**
   * The spec's triage rule. Per shard there is no budget (the DFT selection cuts to it across
   * shards).
   */
  static TriageSettings triageSettings(CampaignSpec spec) {
    SigmaKind sigma =
        switch (CampaignDefaults.triageSigma(spec)) {
          case SIGMA_KIND_EPISTEMIC -> SigmaKind.EPISTEMIC;
          case SIGMA_KIND_ALEATORIC -> SigmaKind.ALEATORIC;
          default -> SigmaKind.TOTAL;
        };
    return new TriageSettings(
        spec.getTriageK(), spec.getTriageThreshold(), sigma, Integer.MAX_VALUE);
  }

  /** The known hull on the model's energy scale: the known phases' predicted energies. */
  private PhaseDiagram knownMlHull(String campaign) {
    List<HullEntry> entries = new ArrayList<>();
    for (ReferenceRow r : store.references(campaign)) {
      if (r.fingerprint().equals(CandidatePreparation.UNPREDICTED_FINGERPRINT)) {
        throw new ReferencesNotPredictedException(
            "campaign " + campaign + ": known phase " + r.id() + " has no predicted energy yet");
      }
      entries.add(
          HullEntry.ofFormationEnergy(
              r.id(),
              Composition.parse(r.formula()),
              r.energyPerAtom(),
              EnergyFingerprint.mlPrediction(r.fingerprint())));
    }
    return PhaseDiagram.build(entries);
  }
}
