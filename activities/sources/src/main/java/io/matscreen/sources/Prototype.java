package io.matscreen.sources;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A textbook crystal prototype with element roles (A, B, C): lattice vectors in units of a
 * nearest-neighbour bond length, and sites in fractional coordinates.
 *
 * @param name prototype name as written in campaign files, e.g. "zincblende"
 * @param lattice lattice row vectors for a bond length of 1 Angstrom
 * @param sites role and fractional coordinates of each site
 * @param bond the two roles whose nearest-neighbour distance sets the cell size
 */
public record Prototype(String name, double[][] lattice, List<RoleSite> sites, String[] bond) {

  /** A site of a prototype: its role and fractional coordinates. */
  public record RoleSite(String role, double x, double y, double z) {}

  /** Roles in order of first appearance, e.g. [A, B]. */
  public List<String> roles() {
    List<String> roles = new ArrayList<>();
    for (RoleSite s : sites) {
      if (!roles.contains(s.role())) {
        roles.add(s.role());
      }
    }
    return roles;
  }

  /** Number of sites of each role. */
  public Map<String, Integer> roleCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (RoleSite s : sites) {
      counts.merge(s.role(), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * The structure with each role replaced by an element, scaled so that the bonded pair sits at the
   * sum of the two elements' covalent radii.
   */
  public Structure build(Map<String, String> elementOfRole) {
    double bondAngstrom = 0;
    for (String role : bond) {
      String element = elementOfRole.get(role);
      if (element == null) {
        throw new IllegalArgumentException("prototype " + name + ": no element for role " + role);
      }
      bondAngstrom += io.matscreen.structure.Element.of(element).covalentRadiusAngstrom();
    }
    double[][] rows = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rows[i][j] = lattice[i][j] * bondAngstrom;
      }
    }
    List<Site> built = new ArrayList<>();
    for (RoleSite s : sites) {
      built.add(Site.ordered(elementOfRole.get(s.role()), s.x(), s.y(), s.z()));
    }
    return new Structure(new Lattice(rows), built);
  }
}
