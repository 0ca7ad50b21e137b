#!/usr/bin/python3
"""Writes the pymatgen reference fixtures for the io.matscreen.hull tests.

Run with Debian's python3-pymatgen (2022.11), from the repository root:

    /usr/bin/python3 activities/hull/src/test/python/make_hull_fixtures.py [../shared/data/mp-formation-train.csv]

Outputs (under activities/src/test/resources/io/matscreen/hull/):

* hull-handmade.json: small hand-made systems (binary to quinary, formation or total energies,
  duplicates, polymorphs, far-above-hull entries, positive formation energies) with pymatgen's
  e_above_hull, decomposition and phase-separation energy for every entry, plus extra query
  points (including subsystem compositions and points below the hull).
* hull-mp2020.json: pymatgen's MP2020 corrections (eV per formula unit) for composition-only
  entries, GGA or GGA+U, including the mixing-scheme refusals.
* hull-mp-reference.csv: pymatgen's RESULTS ONLY for Materials Project chemical systems built
  from the shared training CSV (elements added at 0 eV/atom formation energy), keyed by task_id.
  The shared rows themselves are not written; the Java test re-reads them from ../shared.

Decompositions are written as {reduced formula: atom fraction}, as pymatgen reports them.
"""
import csv
import itertools
import json
import os
import random
import sys
import warnings

from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition

warnings.filterwarnings("ignore")

OUT = os.path.join("activities", "src", "test", "resources", "io", "matscreen", "hull")

# Chemical systems from the shared MP table: binary to quinary, the largest has 547 references.
MP_SYSTEMS = ["Fe-O", "B-N", "Li-Mn-O", "Fe-O-P", "Fe-Li-Mn-O", "Li-Mn-O-P", "Fe-Li-Mn-O-P"]


def decomp_dict(decomp):
    out = {}
    for e, amt in decomp.items():
        key = e.composition.reduced_formula
        out[key] = out.get(key, 0.0) + float(amt)
    return out


def exact_phase_separation(pd, entry):
    """E(entry) - hull energy of all other qhull entries in its space (no SLSQP)."""
    if entry.composition.is_element:
        return None
    frac = entry.composition.fractional_composition
    space = set(entry.composition.elements)
    others = [
        e
        for e in pd.qhull_entries
        if set(e.composition.elements) <= space and not e.composition.fractional_composition.almost_equals(frac, rtol=0, atol=1e-8)
    ]
    inner = PhaseDiagram(others)
    return entry.energy_per_atom - inner.get_hull_energy_per_atom(entry.composition)


def describe(pd, entries, ids, queries):
    stable = set(pd.stable_entries)
    results = []
    for eid, e in zip(ids, entries):
        decomp, ehull = pd.get_decomp_and_e_above_hull(e, allow_negative=True)
        rec = {
            "id": eid,
            "e_above_hull": float(ehull),
            "decomposition": decomp_dict(decomp),
            "stable": e in stable,
        }
        if e in stable:
            _, psep = pd.get_decomp_and_phase_separation_energy(e)
            rec["phase_separation_energy"] = float(psep)
            ex = exact_phase_separation(pd, e)
            rec["phase_separation_exact"] = float(ex) if ex is not None else float(psep)
        results.append(rec)
    qout = []
    for formula, epa in queries:
        comp = Composition(formula)
        q = PDEntry(comp, epa * comp.num_atoms)
        decomp, ehull = pd.get_decomp_and_e_above_hull(q, allow_negative=True, check_stable=False)
        qout.append(
            {
                "formula": formula,
                "energy_per_atom": epa,
                "e_above_hull": float(ehull),
                "hull_energy_per_atom": float(pd.get_hull_energy_per_atom(comp)),
                "decomposition": decomp_dict(decomp),
            }
        )
    return results, qout


def random_compositions(rng, elements, count, max_amount=4):
    seen = set()
    out = []
    while len(out) < count:
        k = rng.randint(2, len(elements))
        els = rng.sample(elements, k)
        amounts = {el: rng.randint(1, max_amount) for el in els}
        comp = Composition(amounts)
        key = comp.reduced_formula
        if key in seen:
            continue
        seen.add(key)
        out.append(comp.formula.replace(" ", ""))
    return out


def handmade_systems():
    rng = random.Random(20261122)
    systems = []

    # 1. A binary as in the CLI example: B-N with one compound and a far-above-hull entry.
    systems.append(
        {
            "name": "B-N binary",
            "kind": "formation",
            "entries": [("BN", -1.3), ("B2N", -0.2), ("BN3", 0.5), ("B3N", -0.4), ("BN2", -0.7)],
            "queries": [("B2N", -0.9), ("BN", -1.4), ("B4N", -0.1), ("BN5", 0.0), ("B", 0.1)],
            "elements_implicit": True,
        }
    )
    # 2. Ternary in total energies with elemental polymorphs, duplicates of compositions
    # (scaled formulas), a positive-formation-energy entry and a degenerate pair.
    ternary = [
        ("Li", -1.9),
        ("Li", -1.7),
        ("Fe", -8.3),
        ("Fe2", -8.1),
        ("O2", -4.9),
        ("O", -4.6),
        ("Li2O", -4.8),
        ("Li4O2", -4.85),
        ("Li2O2", -4.6),
        ("FeO", -7.6),
        ("Fe2O3", -7.4),
        ("Fe3O4", -7.5),
        ("LiFeO2", -6.2),
        ("Li5FeO4", -5.3),
        ("LiFe5O8", -6.9),
        ("Li3Fe", -3.0),
        ("LiFe", -4.0),
    ]
    systems.append(
        {
            "name": "Li-Fe-O ternary, total energies",
            "kind": "total",
            "entries": ternary,
            "queries": [
                ("LiFeO2", -6.0),
                ("Li2FeO3", -5.8),
                ("Li2O", -4.0),
                ("FeO2", -6.0),
                ("Li", -1.9),
                ("LiO", -3.5),
                ("Li2Fe3O5", -6.3),
                ("LiFe2O4", -9.0),
            ],
        }
    )
    # 3-5. Random quaternary and quinary systems in formation energies.
    for name, elements, n, nq in [
        ("Ca-Mg-Si-O quaternary", ["Ca", "Mg", "Si", "O"], 60, 40),
        ("Na-K-Cl-Br-I quinary", ["Na", "K", "Cl", "Br", "I"], 90, 40),
        ("Li-Co-Ni-Mn-O quinary", ["Li", "Co", "Ni", "Mn", "O"], 120, 40),
        ("Li-Na-K-Mg-Ca-O-F septenary", ["Li", "Na", "K", "Mg", "Ca", "O", "F"], 150, 40),
    ]:
        formulas = random_compositions(rng, elements, n)
        entries = []
        for f in formulas:
            e = round(rng.uniform(-1.6, 0.4), 4)
            entries.append((f, e))
        # polymorph of an existing composition, higher and lower
        entries.append((formulas[0], entries[0][1] + 0.25))
        entries.append((formulas[1], entries[1][1] - 0.05))
        qf = random_compositions(random.Random(len(elements) * 7 + n), elements, nq, 6)
        queries = [(f, round(rng.uniform(-1.8, 0.3), 4)) for f in qf]
        # subsystem queries (fewer elements than the system)
        queries.append((elements[0] + elements[1] + "2", -0.5))
        queries.append((elements[-1] + "3" + elements[1], -2.5))
        systems.append({"name": name, "kind": "formation", "entries": entries, "queries": queries,
                        "elements_implicit": True})

    # 6. Degenerate binary: A3B lies exactly on the line A-AB (collinear), AB2 exactly on
    # AB-B: energies must agree, decompositions may legitimately differ.
    systems.append(
        {
            "name": "Si-C degenerate collinear",
            "kind": "formation",
            "entries": [("SiC", -0.5), ("Si3C", -0.25), ("SiC3", -0.25), ("SiC2", -1 / 3)],
            "queries": [("Si2C", -0.1), ("SiC4", -0.3)],
            "elements_implicit": True,
            "degenerate": True,
        }
    )

    out = []
    for s in systems:
        entries_in = list(s["entries"])
        comps = [Composition(f) for f, _ in entries_in]
        elements = sorted({el.symbol for c in comps for el in c.elements} |
                          {el.symbol for f, _ in s["queries"] for el in Composition(f).elements})
        ids = [f"{s['name'].split()[0]}-{i}" for i in range(len(entries_in))]
        entries = [PDEntry(c, e * c.num_atoms) for c, (_, e) in zip(comps, entries_in)]
        pd_entries = list(entries)
        if s.get("elements_implicit"):
            pd_entries += [PDEntry(Composition(el), 0.0) for el in elements]
        pd = PhaseDiagram(pd_entries)
        results, queries = describe(pd, entries, ids, s["queries"])
        out.append(
            {
                "name": s["name"],
                "kind": s["kind"],
                "elements_implicit": bool(s.get("elements_implicit")),
                "degenerate": bool(s.get("degenerate")),
                "entries": [
                    {"id": i, "formula": f, "energy_per_atom": e} for i, (f, e) in zip(ids, entries_in)
                ],
                "results": results,
                "queries": queries,
            }
        )
    return out


def mp_reference(csv_path):
    rows = list(csv.DictReader(open(csv_path)))
    parsed = [(r["task_id"], Composition(r["composition"]), float(r["formation_energy_per_atom"])) for r in rows]
    out_rows = []
    for system in MP_SYSTEMS:
        els = set(system.split("-"))
        sel = [(t, c, e) for t, c, e in parsed if {x.symbol for x in c.elements} <= els]
        entries = [PDEntry(c, e * c.num_atoms, name=t) for t, c, e in sel]
        elements = [PDEntry(Composition(el), 0.0, name="element:" + el) for el in sorted(els)]
        pd = PhaseDiagram(entries + elements)
        stable = set(pd.stable_entries)
        for entry in entries + elements:
            decomp, ehull = pd.get_decomp_and_e_above_hull(entry, allow_negative=True)
            psep = exact = ""
            if entry in stable and not entry.composition.is_element:
                _, p = pd.get_decomp_and_phase_separation_energy(entry)
                psep = repr(float(p))
                exact = repr(float(exact_phase_separation(pd, entry)))
            d = decomp_dict(decomp)
            dstr = ";".join(f"{k}:{v!r}" for k, v in sorted(d.items()))
            out_rows.append([system, entry.name, repr(float(ehull)), dstr, str(entry in stable).lower(), psep, exact])
        print(f"{system}: {len(entries)} entries, {len(stable)} stable", file=sys.stderr)
    return out_rows


def mp2020_cases():
    """pymatgen's MaterialsProject2020Compatibility.get_adjustments on composition-only entries."""
    from pymatgen.entries.compatibility import CompatibilityError, MaterialsProject2020Compatibility
    from pymatgen.entries.computed_entries import ComputedEntry
    from pymatgen.io.vasp.sets import MPRelaxSet

    compat = MaterialsProject2020Compatibility()
    potcars = MPRelaxSet.CONFIG["POTCAR"]
    u_values = MPRelaxSet.CONFIG["INCAR"]["LDAUU"]
    cases = [
        ("Fe2O3", True, None), ("Fe2O3", False, None), ("FeO", True, None), ("Li2O2", False, None),
        ("Na2O2", False, None), ("KO2", False, None), ("LiO3", False, None), ("Li2O", False, None),
        ("LiFePO4", True, None), ("LiMn2O4", True, None), ("LiCoO2", True, None), ("NiO", True, None),
        ("MoO3", True, None), ("WO3", True, None), ("V2O5", True, None), ("CrF3", True, None),
        ("FeF3", True, None), ("NaCl", False, None), ("KBr", False, None), ("CsI", False, None),
        ("Si3N4", False, None), ("FeN", False, None), ("FeS2", False, None), ("Li2SO4", False, None),
        ("LiH", False, None), ("Mg2Si", False, None), ("ZnSe", False, None), ("InSb", False, None),
        ("CdTe", False, None), ("SiO2", False, None), ("NF3", False, None), ("LiNO3", False, None),
        ("Fe", False, None), ("O2", False, None), ("FeS", False, None), ("Fe3C", False, None),
        ("Ca2NCl", False, {"Ca": 2, "N": -3, "Cl": -1}), ("Ca2NCl", False, None),
        ("Mn3N2", False, None), ("LiFeO2", False, None),
    ]
    out = []
    for formula, plus_u, oxi in cases:
        comp = Composition(formula)
        params = {
            "run_type": "GGA+U" if plus_u else "GGA",
            "potcar_symbols": ["PBE " + potcars[el.symbol] for el in comp.elements],
            "hubbards": {},
        }
        if plus_u:
            anion = sorted(comp.elements, key=lambda e: e.X)[-1].symbol
            params["hubbards"] = {
                el.symbol: u_values[anion][el.symbol] for el in comp.elements if el.symbol in u_values.get(anion, {})
            }
        entry = ComputedEntry(comp, -5.0 * comp.num_atoms, parameters=params,
                              data={"oxidation_states": dict(oxi) if oxi else {}})
        rec = {"formula": formula, "hubbard_u": plus_u, "oxidation_states": oxi}
        try:
            adjustments = compat.get_adjustments(entry)
            rec["correction_ev"] = float(sum(a.value for a in adjustments))
            rec["adjustments"] = sorted(a.name for a in adjustments)
        except CompatibilityError as e:
            rec["error"] = str(e)
        out.append(rec)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "hull-mp2020.json"), "w") as f:
        json.dump(
            {
                "generator": "activities/hull/src/test/python/make_hull_fixtures.py, pymatgen 2022.11 "
                "MaterialsProject2020Compatibility().get_adjustments on ComputedEntry without "
                "structure; correction_ev is per formula unit as written",
                "cases": mp2020_cases(),
            },
            f,
            indent=1,
        )
    with open(os.path.join(OUT, "hull-handmade.json"), "w") as f:
        json.dump(
            {
                "generator": "activities/hull/src/test/python/make_hull_fixtures.py, pymatgen 2022.11 "
                "PhaseDiagram.get_decomp_and_e_above_hull(allow_negative=True) and "
                "get_decomp_and_phase_separation_energy",
                "systems": handmade_systems(),
            },
            f,
            indent=1,
        )
    csv_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data", "mp-formation-train.csv")
    if os.path.exists(csv_path):
        rows = mp_reference(csv_path)
        with open(os.path.join(OUT, "hull-mp-reference.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["system", "task_id", "e_above_hull", "decomposition", "stable",
                        "phase_separation_energy_slsqp", "phase_separation_energy_exact"])
            w.writerows(rows)
    else:
        print(f"{csv_path} not found: hull-mp-reference.csv not regenerated", file=sys.stderr)


if __name__ == "__main__":
    main()
