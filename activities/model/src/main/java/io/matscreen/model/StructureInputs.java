package io.matscreen.model;

import io.matscreen.structure.Structure;
import io.matscreen.structure.io.StructureFiles;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Structure files named in a CSV column, turned into what a model takes: the composition for a
 * Roost-like model, the protostructure label (spglib at 0.1 Å and 5°, as for Wren's data) for a
 * Wren-like one. Relative paths are read against the CSV's folder.
 */
public final class StructureInputs {
  private StructureInputs() {}

  /** The model input kind that structures become for a model type ("roost" or "wren"). */
  public static String kindForModelType(String modelType) {
    return switch (modelType) {
      case "roost" -> InputKinds.COMPOSITION;
      case "wren" -> InputKinds.PROTOSTRUCTURE;
      default ->
          throw new IllegalArgumentException("model '" + modelType + "' is not roost or wren");
    };
  }

  /**
   * The model key (a formula or a protostructure label) of the one structure in a file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static String modelKey(String path, Path baseDir, String modelInputKind) {
    Path file = baseDir == null ? Path.of(path) : baseDir.resolve(path);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    List<StructureFiles.Named> structures;
    try {
      structures = StructureFiles.read(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (structures.size() != 1) {
      throw new IllegalArgumentException(
          file + " holds " + structures.size() + " structures; name one structure file per row");
    }
    Structure s = structures.get(0).structure();
    if (InputKinds.COMPOSITION.equals(modelInputKind)) {
      return s.composition().formula();
    }
    WyckoffRepresentation w = WyckoffRepresentation.of(s);
    if (!w.isValid()) {
      throw new IllegalArgumentException(
          file
              + ": the Wyckoff multiplicities spglib finds ("
              + w.protostructureLabel()
              + ") do not add up to the composition "
              + s.composition().formula());
    }
    return w.protostructureLabel();
  }

  /**
   * The dataset with every structure path replaced by its model key.
   *
   * @throws DatasetException naming the CSV file, line and structure file of the first bad row
   */
  public static LabelledDataset toModelKeys(
      LabelledDataset ds, String column, String modelInputKind) {
    Path base = ds.file().toAbsolutePath().getParent();
    List<String> keys = new ArrayList<>(ds.size());
    for (int i = 0; i < ds.size(); i++) {
      String path = ds.keys().get(i);
      try {
        keys.add(modelKey(path, base, modelInputKind));
      } catch (RuntimeException e) {
        throw new DatasetException(
            ds.file() + ":" + ds.lines()[i] + ": " + column + " '" + path + "': " + e.getMessage());
      }
    }
    return new LabelledDataset(ds.file(), List.copyOf(keys), ds.targets(), ds.lines());
  }
}
