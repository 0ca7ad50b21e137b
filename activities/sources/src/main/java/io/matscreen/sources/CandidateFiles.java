package io.matscreen.sources;

import io.matscreen.sources.SubstitutionEnumerator.GeneratedStructure;
import io.matscreen.structure.Structure;
import io.matscreen.structure.io.StructureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Candidates from structure files: one file, or every structure file in a folder (pymatgen JSON,
 * CIF, POSCAR). Structures with elements outside the campaign's system are refused by name.
 */
public final class CandidateFiles {
  private CandidateFiles() {}

  public static List<GeneratedStructure> read(Path path, List<String> elements) {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.list(path)) {
        s.filter(Files::isRegularFile).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot list " + path + ": " + e.getMessage(), e);
      }
    } else if (Files.isRegularFile(path)) {
      files.add(path);
    } else {
      throw new IllegalArgumentException("candidates file " + path + " does not exist");
    }
    Set<String> allowed = new HashSet<>(elements);
    List<GeneratedStructure> out = new ArrayList<>();
    for (Path f : files) {
      List<StructureFiles.Named> structures;
      try {
        structures = StructureFiles.read(f);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage(), e);
      }
      for (StructureFiles.Named named : structures) {
        Structure s = named.structure();
        if (!allowed.containsAll(s.composition().elements())) {
          throw new IllegalArgumentException(
              named.source()
                  + ": elements "
                  + s.composition().elements()
                  + " are outside "
                  + elements);
        }
        out.add(new GeneratedStructure("file:" + named.source(), "file:" + named.source(), s));
      }
    }
    return out;
  }
}
