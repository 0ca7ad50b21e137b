package io.matscreen.activities;

import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.sources.PrototypeLibrary;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.structure.Structure;
import io.matscreen.structure.io.PoscarWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test on a real SQLite campaign store in a fresh temporary folder, with the C-Si campaigns and
 * predicted hull rows the activities' tests fill it with.
 */
public abstract class SqliteStoreTest {
  @TempDir protected Path dir;

  /** The store's JDBC URL, {@code store.db} in {@link #dir}. */
  protected String url;

  protected CampaignStores stores;
  protected CampaignStore store;

  @BeforeEach
  protected final void openStore() {
    url = "jdbc:sqlite:" + dir.resolve("store.db");
    stores = new CampaignStores();
    store = stores.forUrl(url);
  }

  @AfterEach
  protected final void closeStores() {
    stores.close();
  }

  /** A C-Si campaign in this store whose candidates are substitutions into the prototypes. */
  protected CampaignSpec.Builder carbonSilicon(
      String name, List<String> prototypes, List<String> knownPhases) {
    return CampaignSpec.newBuilder()
        .setName(name)
        .setStore(url)
        .addAllElements(List.of("C", "Si"))
        .setCandidatesSource("substitution")
        .addAllPrototypes(prototypes)
        .addAllKnownPhases(knownPhases);
  }

  /**
   * The folder {@code candidates} in {@link #dir}, holding one candidate: rocksalt SiC as POSCAR.
   */
  protected Path rocksaltSiCFolder() throws IOException {
    Path folder = dir.resolve("candidates");
    Files.createDirectories(folder);
    Structure rocksalt = PrototypeLibrary.get("rocksalt").build(Map.of("A", "Si", "B", "C"));
    PoscarWriter.write(rocksalt, "rocksalt SiC", folder.resolve("SiC.vasp"));
    return folder;
  }

  /** A predicted hull row whose energies and acquisition are all {@code acquisition}. */
  protected static HullRow predicted(String campaign, String id, double acquisition, boolean pass) {
    return new HullRow(
        campaign, id, "predicted", acquisition, acquisition, "C + Si", acquisition, pass);
  }
}
