package io.matscreen.activities.campaign;

import io.matscreen.dft.DftStructure;
import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.structure.io.PymatgenJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts structures between the store's pymatgen JSON, the structure library and the DFT
 * library's input form.
 */
public final class StructureCodec {
  private StructureCodec() {}

  public static String toJson(Structure s) {
    return PymatgenJson.write(s);
  }

  public static Structure fromJson(String json, String source) {
    return PymatgenJson.read(json, source);
  }

  /** The DFT input form of an ordered structure; disordered sites cannot go to DFT. */
  public static DftStructure toDft(Structure s) {
    List<String> species = new ArrayList<>();
    List<double[]> frac = new ArrayList<>();
    for (Site site : s.sites()) {
      if (!site.isOrdered()) {
        throw new IllegalArgumentException(
            "a disordered site (" + site.speciesString() + ") cannot be relaxed with DFT");
      }
      species.add(site.element());
      frac.add(site.frac());
    }
    return new DftStructure(s.lattice().matrix(), species, frac);
  }

  public static Structure fromDft(DftStructure d) {
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < d.species().size(); i++) {
      double[] f = d.fractional().get(i);
      sites.add(Site.ordered(d.species().get(i), f[0], f[1], f[2]));
    }
    return new Structure(new Lattice(d.latticeAngstrom()), sites);
  }
}
