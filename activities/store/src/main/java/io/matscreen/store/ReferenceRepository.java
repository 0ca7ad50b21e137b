package io.matscreen.store;

import io.matscreen.store.StoreRows.ReferenceRow;
import java.util.List;

/** Entries of the known hulls a campaign's candidates are placed on. */
public interface ReferenceRepository {
  /** Inserts references or overwrites those with the same (campaign, id), in batches. */
  void upsertReferences(List<ReferenceRow> references);

  /** References of a campaign, by id. */
  List<ReferenceRow> references(String campaign);
}
