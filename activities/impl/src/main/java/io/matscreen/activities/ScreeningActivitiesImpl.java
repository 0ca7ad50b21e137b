package io.matscreen.activities;

import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.hull.EnergyFingerprint;
import io.matscreen.hull.HullEntry;
import io.matscreen.hull.HullException;
import io.matscreen.hull.HullPoint;
import io.matscreen.hull.PhaseDiagram;
import io.matscreen.hull.SigmaKind;
import io.matscreen.hull.Triage;
import io.matscreen.hull.TriageCandidate;
import io.matscreen.hull.TriageDecision;
import io.matscreen.hull.TriageSettings;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftSelection;
import io.matscreen.proto.v1.FinalHullResult;
import io.matscreen.proto.v1.ShardList;
import io.matscreen.proto.v1.ShardRef;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.matscreen.sources.CandidateFiles;
import io.matscreen.sources.SubstitutionEnumerator;
import io.matscreen.sources.SubstitutionEnumerator.GeneratedStructure;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.store.StoreRows.ShardRow;
import io.matscreen.structure.Composition;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.WyckoffRepresentation;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CPU-pool activities over the campaign store; each is idempotent (upserts by natural key). */
public final class ScreeningActivitiesImpl implements ScreeningActivities {
  /** Symmetry tolerances of the Materials Project (and Wren): 0.1 Angstrom, 5 degrees. */
  static final double SYMPREC = 0.1;

  static final double ANGLE_TOLERANCE = 5.0;

  /** Reference energies not predicted yet. */
  static final String PENDING = "pending";

  private static final Logger log = LoggerFactory.getLogger(ScreeningActivitiesImpl.class);

  private final CampaignStores stores;

  /** The activities over the stores of this worker process (one pool per store URL). */
  public ScreeningActivitiesImpl(CampaignStores stores) {
    this.stores = stores;
  }

  @Override
  public ShardList prepareCampaign(CampaignSpec spec) {
    CampaignStore store = stores.forUrl(spec.getStore());
    String campaign = spec.getName();
    store.upsertCampaign(
        campaign,
        String.join("-", spec.getElementsList()),
        spec.toString(),
        "campaign-" + campaign);
    Set<String> elements = new HashSet<>(spec.getElementsList());

    List<ReferenceRow> references = new ArrayList<>();
    Set<String> elementalPhases = new TreeSet<>();
    for (String phase : spec.getKnownPhasesList()) {
      GeneratedStructure known;
      try {
        known = SubstitutionEnumerator.knownPhase(phase);
      } catch (IllegalArgumentException e) {
        throw invalidSpec(spec, "known_phases: " + e.getMessage());
      }
      Composition c = known.structure().composition();
      if (!elements.containsAll(c.elements())) {
        throw invalidSpec(
            spec, "known phase " + phase + " has elements outside " + spec.getElementsList());
      }
      if (c.numElements() == 1) {
        elementalPhases.addAll(c.elements());
      }
      references.add(
          new ReferenceRow(
              campaign,
              "known:" + phase,
              c.reducedFormula(),
              0.0,
              "formation",
              PENDING,
              "known:" + phase,
              StructureCodec.toJson(known.structure())));
    }
    Set<String> missing = new TreeSet<>(elements);
    missing.removeAll(elementalPhases);
    if (!missing.isEmpty()) {
      throw invalidSpec(
          spec,
          "known_phases needs an elemental phase of "
              + missing
              + " (e.g. diamond:"
              + missing.iterator().next()
              + "): DFT references of every element are required for the final hull");
    }
    store.upsertReferences(references);

    List<GeneratedStructure> generated;
    try {
      generated =
          spec.getCandidatesSource().equals("file")
              ? CandidateFiles.read(resolve(spec, spec.getCandidatesFile()), spec.getElementsList())
              : SubstitutionEnumerator.enumerate(spec.getElementsList(), spec.getPrototypesList());
    } catch (IllegalArgumentException e) {
      throw invalidSpec(spec, "candidates: " + e.getMessage());
    }
    generated = new ArrayList<>(generated);
    generated.sort(java.util.Comparator.comparing(GeneratedStructure::id));

    int shardSize = spec.getShardSize() > 0 ? spec.getShardSize() : 2000;
    ShardList.Builder out = ShardList.newBuilder().setReferences(references.size());
    List<ShardRow> shards = new ArrayList<>();
    for (int start = 0, shard = 0; start < generated.size(); start += shardSize, shard++) {
      List<GeneratedStructure> part =
          generated.subList(start, Math.min(generated.size(), start + shardSize));
      List<CandidateRow> rows = new ArrayList<>();
      MessageDigest digest = sha256();
      for (GeneratedStructure g : part) {
        Composition c = g.structure().composition();
        String json = StructureCodec.toJson(g.structure());
        // Substitutions arrive labelled (their prototype went through spglib once); the featurise
        // stage analyses only the rest.
        WyckoffRepresentation w = g.representation();
        rows.add(
            new CandidateRow(
                campaign,
                g.id(),
                shard,
                c.formula(),
                c.reducedFormula(),
                g.origin(),
                json,
                g.structure().numSites(),
                w == null ? null : w.spacegroupNumber(),
                w == null ? null : w.protostructureLabel()));
        digest.update(g.id().getBytes(StandardCharsets.UTF_8));
        digest.update(json.getBytes(StandardCharsets.UTF_8));
      }
      store.upsertCandidates(rows);
      String hash = HexFormat.of().formatHex(digest.digest());
      shards.add(new ShardRow(campaign, shard, rows.size(), hash, false));
      out.addShards(
          ShardRef.newBuilder()
              .setCampaign(campaign)
              .setShard(shard)
              .setRows(rows.size())
              .setContentHash(hash));
      Activity.getExecutionContext().heartbeat(shard);
    }
    store.upsertShards(shards);
    return out.setCandidates(generated.size()).build();
  }

  @Override
  public ShardResult featurise(ShardTask task) {
    CampaignStore store = stores.forUrl(task.getSpec().getStore());
    List<CandidateRow> rows =
        store.candidatesInShard(task.getSpec().getName(), task.getShard().getShard());
    List<CandidateRow> updated = new ArrayList<>();
    int failed = 0;
    for (CandidateRow r : rows) {
      if (r.protostructure() != null) {
        continue;
      }
      try {
        Structure s = StructureCodec.fromJson(r.structureJson(), r.id());
        WyckoffRepresentation w = WyckoffRepresentation.of(s, SYMPREC, ANGLE_TOLERANCE);
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
        // A structure spglib cannot analyse is reported and keeps no label; the shard goes on.
        failed++;
        log.warn("candidate {}: symmetry analysis failed: {}", r.id(), e.getMessage());
      }
    }
    store.upsertCandidates(updated);
    return ShardResult.newBuilder()
        .setShard(task.getShard())
        .setProcessed(rows.size() - failed)
        .setFailed(failed)
        .build();
  }

  @Override
  public ShardResult placeOnHull(ShardTask task) {
    CampaignSpec spec = task.getSpec();
    CampaignStore store = stores.forUrl(spec.getStore());
    String campaign = spec.getName();
    PhaseDiagram known = knownMlHull(spec, store);
    Map<String, CandidateRow> candidates = new HashMap<>();
    for (CandidateRow c : store.candidatesInShard(campaign, task.getShard().getShard())) {
      candidates.put(c.id(), c);
    }
    List<PredictionRow> predictions =
        store.predictionsInShard(campaign, task.getShard().getShard());
    List<TriageCandidate> triage = new ArrayList<>();
    Map<String, HullPoint> points = new HashMap<>();
    for (PredictionRow p : predictions) {
      Composition c = Composition.parse(candidates.get(p.candidateId()).formula());
      HullPoint point = known.eAboveHull(c, p.eFormMean());
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
    for (TriageDecision d : Triage.rank(triage, triageSettings(spec, Integer.MAX_VALUE))) {
      String id = d.candidate().id();
      HullPoint point = points.get(id);
      PredictionRow p =
          predictions.stream().filter(x -> x.candidateId().equals(id)).findFirst().orElseThrow();
      rows.add(
          new HullRow(
              campaign,
              id,
              "predicted",
              p.eFormMean(),
              point.eAboveHullEv(),
              point.decompositionString(),
              d.acquisitionEv(),
              d.passed()));
      passed += d.passed() ? 1 : 0;
    }
    store.upsertHullResults(rows);
    store.markShardScreened(campaign, task.getShard().getShard());
    return ShardResult.newBuilder()
        .setShard(task.getShard())
        .setProcessed(rows.size())
        .setFailed(candidates.size() - rows.size())
        .setPassedTriage(passed)
        .build();
  }

  /** The known hull on the model's energy scale: the known phases' predicted energies. */
  private static PhaseDiagram knownMlHull(CampaignSpec spec, CampaignStore store) {
    List<HullEntry> entries = new ArrayList<>();
    for (ReferenceRow r : store.references(spec.getName())) {
      if (r.fingerprint().equals(PENDING)) {
        throw ApplicationFailure.newFailure(
            "known phase " + r.id() + " has no predicted energy yet", "ReferencesNotPredicted");
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

  static TriageSettings triageSettings(CampaignSpec spec, int budget) {
    SigmaKind sigma =
        switch (spec.getTriageSigma()) {
          case "epistemic" -> SigmaKind.EPISTEMIC;
          case "aleatoric" -> SigmaKind.ALEATORIC;
          default -> SigmaKind.TOTAL;
        };
    return new TriageSettings(spec.getTriageK(), spec.getTriageThreshold(), sigma, budget);
  }

  @Override
  public DftSelection selectForDft(CampaignSpec spec) {
    CampaignStore store = stores.forUrl(spec.getStore());
    String campaign = spec.getName();
    DftSelection.Builder out = DftSelection.newBuilder();
    if (spec.getDft().getBudget() == 0) {
      return out.build();
    }
    Set<String> knownLabels = new HashSet<>();
    List<DftJobRow> jobs = new ArrayList<>();
    for (ReferenceRow r : store.references(campaign)) {
      Structure s = StructureCodec.fromJson(r.structureJson(), r.id());
      knownLabels.add(WyckoffRepresentation.of(s, SYMPREC, ANGLE_TOLERANCE).protostructureLabel());
      jobs.add(dftJob(spec, r.id(), "reference", r.formula(), 0, s));
    }
    out.setReferenceJobs(jobs.size());
    // Passing candidates, best acquisition first; structures already known or already chosen
    // under another name (same Wyckoff representation) are not relaxed twice.
    Set<String> chosenLabels = new HashSet<>(knownLabels);
    int batchSize = spec.getDft().getBatchSize() > 0 ? spec.getDft().getBatchSize() : 50;
    int chosen = 0;
    for (HullRow h : rankedForDft(spec, store.hullResults(campaign, "predicted"))) {
      if (chosen >= spec.getDft().getBudget()) {
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
      jobs.add(dftJob(spec, c.id(), "candidate", c.reducedFormula(), 1 + chosen / batchSize, s));
      chosen++;
    }
    out.setCandidateJobs(chosen);
    store.insertDftJobsIfAbsent(jobs);
    Set<Integer> batches = new TreeSet<>();
    for (DftJobRow j : store.dftJobs(campaign)) {
      batches.add(j.batch());
    }
    out.addAllBatches(batches);
    return out.build();
  }

  /**
   * Hull rows by acquisition value; ties (polymorphs of one composition under a composition-only
   * model have the same prediction) go to the prototype listed first in the campaign file, then by
   * id, so the order is reproducible and the user decides which structure types come first.
   */
  static List<HullRow> rankedForDft(CampaignSpec spec, List<HullRow> rows) {
    List<String> prototypes = spec.getPrototypesList();
    java.util.function.ToIntFunction<HullRow> prototypeRank =
        h -> {
          int colon = h.candidateId().indexOf(':');
          int i = colon < 0 ? -1 : prototypes.indexOf(h.candidateId().substring(0, colon));
          return i < 0 ? Integer.MAX_VALUE : i;
        };
    List<HullRow> sorted = new ArrayList<>(rows);
    sorted.sort(
        // Rounded to 1 micro-eV: batched float32 inference gives one composition values that
        // differ in the last digits from shard to shard.
        java.util.Comparator.comparingLong(
                (HullRow h) ->
                    Math.round(1e6 * (h.acquisition() == null ? h.eAboveHull() : h.acquisition())))
            .thenComparingInt(prototypeRank)
            .thenComparing(HullRow::candidateId));
    return sorted;
  }

  private static DftJobRow dftJob(
      CampaignSpec spec, String subject, String role, String formula, int batch, Structure s) {
    String inputSet = spec.getDft().getInputSet();
    return new DftJobRow(
        spec.getName(),
        spec.getName() + "/" + subject + "/" + inputSet,
        batch,
        subject,
        role,
        formula,
        inputSet,
        spec.getDft().getExecutor(),
        "PENDING",
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
    Map<String, String> settings = new java.util.TreeMap<>(spec.getDft().getSettingsMap());
    if (spec.getDft().getInputSet().equals("qe-pbe-relax")) {
      settings.putIfAbsent("cutoff_elements", String.join(",", spec.getElementsList()));
    }
    return settings;
  }

  @Override
  public FinalHullResult finalHull(CampaignSpec spec) {
    CampaignStore store = stores.forUrl(spec.getStore());
    String campaign = spec.getName();
    Map<String, DftResultRow> results = new HashMap<>();
    for (DftResultRow r : store.dftResults(campaign)) {
      results.put(r.jobKey(), r);
    }
    List<HullEntry> references = new ArrayList<>();
    List<DftJobRow> candidates = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (DftJobRow j : store.dftJobs(campaign)) {
      DftResultRow r = results.get(j.jobKey());
      if (j.role().equals("reference")) {
        if (r == null) {
          problems.add("reference " + j.subjectId() + " has no DFT result (" + j.state() + ")");
        } else {
          references.add(entry(j, r));
        }
      } else if (r != null) {
        candidates.add(j);
      }
    }
    FinalHullResult.Builder out = FinalHullResult.newBuilder().setFinished(candidates.size());
    List<HullRow> rows = new ArrayList<>();
    List<String> table = new ArrayList<>();
    if (!references.isEmpty()) {
      try {
        PhaseDiagram hull = PhaseDiagram.build(references);
        for (DftJobRow j : candidates) {
          HullEntry e = entry(j, results.get(j.jobKey()));
          HullPoint p = hull.eAboveHull(e);
          double eForm = hull.formationEnergyPerAtom(e);
          rows.add(
              new HullRow(
                  campaign,
                  j.subjectId(),
                  "dft",
                  eForm,
                  p.eAboveHullEv(),
                  p.decompositionString(),
                  null,
                  false));
          table.add(
              String.format(
                  Locale.ROOT,
                  "  %-28s %-8s e_form %8.4f  e_above_hull %8.4f eV/atom  → %s",
                  j.subjectId(),
                  j.formula(),
                  eForm,
                  p.eAboveHullEv(),
                  p.decompositionString()));
          if (p.eAboveHullEv() < -CampaignStore.BELOW_HULL_TOLERANCE_EV) {
            out.addStableFormulas(j.formula() + " (" + j.subjectId() + ")");
          }
        }
      } catch (HullException e) {
        problems.add("the DFT hull cannot be built: " + e.getMessage());
      }
    }
    store.upsertHullResults(rows);
    out.setBelowHull(out.getStableFormulasCount());
    String report = report(spec, store, table, out.getStableFormulasList(), problems);
    store.saveReport(campaign, report);
    return out.setReport(report).build();
  }

  private static HullEntry entry(DftJobRow j, DftResultRow r) {
    return HullEntry.ofTotalEnergy(
        j.subjectId(),
        Composition.parse(j.formula()),
        r.energyPerAtomEv(),
        DftJobState.fingerprint(r.fingerprint()));
  }

  private static String report(
      CampaignSpec spec,
      CampaignStore store,
      List<String> table,
      List<String> stable,
      List<String> problems) {
    CampaignStore.FunnelCounts f = store.funnel(spec.getName());
    StringBuilder sb = new StringBuilder();
    sb.append("matscreen report: campaign ")
        .append(spec.getName())
        .append(" (")
        .append(String.join("-", spec.getElementsList()))
        .append(")\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "candidates %d → screened %d → passed triage %d → DFT %d (finished %d, failed %d) →"
                + " below hull %d%n%n",
            f.candidates(),
            f.screened(),
            f.passedTriage(),
            f.dftSubmitted(),
            f.dftFinished(),
            f.dftFailed(),
            stable.size()));
    sb.append("DFT results on the hull of the known phases (")
        .append(spec.getDft().getInputSet())
        .append(", same input set for references and candidates):\n");
    table.forEach(line -> sb.append(line).append('\n'));
    sb.append('\n').append(stable.isEmpty() ? "No candidate lies below the known hull.\n" : "");
    for (String s : stable) {
      sb.append("NEW STABLE: ").append(s).append('\n');
    }
    for (String p : problems) {
      sb.append("problem: ").append(p).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void recordProgress(CampaignProgress progress) {
    CampaignStore store = stores.forUrl(progress.getStore());
    String status =
        switch (progress.getStage()) {
          case "done" -> "COMPLETED";
          case "cancelled" -> "CANCELLED";
          default -> "RUNNING";
        };
    store.updateCampaignStage(progress.getCampaign(), progress.getStage(), status);
  }

  private static Path resolve(CampaignSpec spec, String file) {
    Path p = Path.of(file);
    if (!p.isAbsolute() && !spec.getSpecPath().isEmpty()) {
      return Path.of(spec.getSpecPath()).getParent().resolve(p);
    }
    return p;
  }

  private static ApplicationFailure invalidSpec(CampaignSpec spec, String problem) {
    return ApplicationFailure.newNonRetryableFailure(
        "campaign " + spec.getName() + ": " + problem, FailureTypes.INVALID_SPEC);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
