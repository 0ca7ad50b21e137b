package io.matscreen.activities.candidates;

import io.matscreen.activities.campaign.CampaignDefaults;
import io.matscreen.activities.campaign.CampaignPaths;
import io.matscreen.activities.campaign.InvalidCampaignSpecException;
import io.matscreen.activities.campaign.StructureCodec;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.sources.CandidateFiles;
import io.matscreen.sources.SubstitutionEnumerator;
import io.matscreen.sources.SubstitutionEnumerator.GeneratedStructure;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.store.StoreRows.ShardRow;
import io.matscreen.structure.Composition;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Registers a campaign and writes its known phases (the reference hull) and its candidates to the
 * store, in shards of the spec's shard size. Idempotent: candidates are sorted by id, so a rerun
 * writes the same rows into the same shards.
 */
public final class CandidatePreparation {
  /** The fingerprint of a known phase whose energy the model has not predicted yet. */
  public static final String UNPREDICTED_FINGERPRINT = "pending";

  private final CampaignStore store;

  public CandidatePreparation(CampaignStore store) {
    this.store = store;
  }

  /** What a campaign's preparation wrote: its known phases and its candidates' shards. */
  public record PreparedCampaign(int references, int candidates, List<ShardRow> shards) {}

  /**
   * Writes the campaign's rows; {@code shardWritten} hears each shard number once its rows are in
   * the store (the activity heartbeats with it).
   *
   * @throws InvalidCampaignSpecException when a known phase or the candidates cannot be used
   */
  public PreparedCampaign prepare(CampaignSpec spec, IntConsumer shardWritten) {
    String campaign = spec.getName();
    store.upsertCampaign(
        campaign,
        String.join("-", spec.getElementsList()),
        spec.toString(),
        "campaign-" + campaign);
    List<ReferenceRow> references = knownPhases(spec);
    store.upsertReferences(references);

    List<GeneratedStructure> generated = new ArrayList<>(candidates(spec));
    generated.sort(Comparator.comparing(GeneratedStructure::id));
    int shardSize = CampaignDefaults.shardSize(spec);
    List<ShardRow> shards = new ArrayList<>();
    for (int start = 0, shard = 0; start < generated.size(); start += shardSize, shard++) {
      List<GeneratedStructure> part =
          generated.subList(start, Math.min(generated.size(), start + shardSize));
      shards.add(writeShard(campaign, shard, part));
      shardWritten.accept(shard);
    }
    store.upsertShards(shards);
    return new PreparedCampaign(references.size(), generated.size(), List.copyOf(shards));
  }

  /** The known phases, energies pending; every element needs an elemental phase. */
  private static List<ReferenceRow> knownPhases(CampaignSpec spec) {
    Set<String> elements = new HashSet<>(spec.getElementsList());
    List<ReferenceRow> references = new ArrayList<>();
    Set<String> elementalPhases = new TreeSet<>();
    for (String phase : spec.getKnownPhasesList()) {
      GeneratedStructure known;
      try {
        known = SubstitutionEnumerator.knownPhase(phase);
      } catch (IllegalArgumentException e) {
        throw invalid(spec, "known_phases: " + e.getMessage());
      }
      Composition c = known.structure().composition();
      if (!elements.containsAll(c.elements())) {
        throw invalid(
            spec, "known phase " + phase + " has elements outside " + spec.getElementsList());
      }
      if (c.numElements() == 1) {
        elementalPhases.addAll(c.elements());
      }
      references.add(
          new ReferenceRow(
              spec.getName(),
              "known:" + phase,
              c.reducedFormula(),
              0.0,
              "formation",
              UNPREDICTED_FINGERPRINT,
              "known:" + phase,
              StructureCodec.toJson(known.structure())));
    }
    Set<String> missing = new TreeSet<>(elements);
    missing.removeAll(elementalPhases);
    if (!missing.isEmpty()) {
      throw invalid(
          spec,
          "known_phases needs an elemental phase of "
              + missing
              + " (e.g. diamond:"
              + missing.iterator().next()
              + "): DFT references of every element are required for the final hull");
    }
    return references;
  }

  private static List<GeneratedStructure> candidates(CampaignSpec spec) {
    try {
      return spec.getCandidatesSource().equals("file")
          ? CandidateFiles.read(
              CampaignPaths.resolve(spec, spec.getCandidatesFile()), spec.getElementsList())
          : SubstitutionEnumerator.enumerate(spec.getElementsList(), spec.getPrototypesList());
    } catch (IllegalArgumentException e) {
      throw invalid(spec, "candidates: " + e.getMessage());
    }
  }

  /** Writes one shard's candidates; its content hash covers their ids and structures. */
  private ShardRow writeShard(String campaign, int shard, List<GeneratedStructure> part) {
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
    return new ShardRow(
        campaign, shard, rows.size(), HexFormat.of().formatHex(digest.digest()), false);
  }

  private static InvalidCampaignSpecException invalid(CampaignSpec spec, String problem) {
    return new InvalidCampaignSpecException("campaign " + spec.getName() + ": " + problem);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
