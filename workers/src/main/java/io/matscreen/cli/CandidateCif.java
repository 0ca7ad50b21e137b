package io.matscreen.cli;

import io.matscreen.activities.campaign.StructureCodec;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.structure.io.CifWriter;

/** CIF of a candidate for {@code results --format cif}: one P1 data block per candidate. */
final class CandidateCif {
  private CandidateCif() {}

  /** The candidate's structure (as generated) with its DFT energy above hull in the block name. */
  static String write(CandidateRow candidate, HullRow dft) {
    String block =
        candidate.id().replaceAll("[^A-Za-z0-9._-]", "_")
            + (dft == null
                ? ""
                : String.format(java.util.Locale.ROOT, "_ehull_%.4f", dft.eAboveHull()));
    return CifWriter.writeP1(
        StructureCodec.fromJson(candidate.structureJson(), candidate.id()), block);
  }
}
