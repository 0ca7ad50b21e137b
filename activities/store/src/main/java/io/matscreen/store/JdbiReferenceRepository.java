package io.matscreen.store;

import io.matscreen.store.StoreRows.ReferenceRow;
import java.util.List;

/** {@link ReferenceRepository} on the table reference_entries. */
final class JdbiReferenceRepository implements ReferenceRepository {
  private final StoreDatabase db;

  JdbiReferenceRepository(StoreDatabase db) {
    this.db = db;
  }

  @Override
  public void upsertReferences(List<ReferenceRow> references) {
    db.batch(
        "saving references",
        "INSERT INTO reference_entries (campaign, id, formula, energy_per_atom, energy_kind,"
            + " fingerprint, source, structure_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
            + " (campaign, id) DO UPDATE SET formula = excluded.formula, energy_per_atom ="
            + " excluded.energy_per_atom, energy_kind = excluded.energy_kind, fingerprint ="
            + " excluded.fingerprint, source = excluded.source, structure_json ="
            + " excluded.structure_json",
        references,
        (ps, r) -> {
          ps.setString(1, r.campaign());
          ps.setString(2, r.id());
          ps.setString(3, r.formula());
          ps.setDouble(4, r.energyPerAtom());
          ps.setString(5, r.energyKind());
          ps.setString(6, r.fingerprint());
          ps.setString(7, r.source());
          ps.setString(8, r.structureJson());
        });
  }

  @Override
  public List<ReferenceRow> references(String campaign) {
    return db.list(
        "reading references of " + campaign,
        ReferenceRow.class,
        "SELECT * FROM reference_entries WHERE campaign = ? ORDER BY id",
        campaign);
  }
}
