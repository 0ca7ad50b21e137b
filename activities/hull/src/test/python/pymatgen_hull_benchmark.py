#!/usr/bin/python3
"""pymatgen 2022.11 side of HullBenchmark: PhaseDiagram construction time and
get_decomp_and_e_above_hull(entry, allow_negative=True) queries per second over every entry of
Materials Project chemical systems built from the shared formation-energy table (elements at 0).

    /usr/bin/python3 activities/hull/src/test/python/pymatgen_hull_benchmark.py ../shared/data/mp-formation-train.csv SYSTEM...

Prints one JSON object per system: system, entries, build_ms (best of 3), queries, query_s.
Times are process CPU time (time.process_time), so that a shared, loaded machine does not
distort them; HullBenchmark measures thread CPU time likewise.
"""
import csv
import json
import sys
import time
import warnings

from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition

warnings.filterwarnings("ignore")


def main():
    path, systems = sys.argv[1], sys.argv[2:]
    rows = [
        (r["task_id"], Composition(r["composition"]), float(r["formation_energy_per_atom"]))
        for r in csv.DictReader(open(path))
    ]
    for system in systems:
        els = set(system.split("-"))
        entries = [PDEntry(c, e * c.num_atoms, name=t) for t, c, e in rows if {x.symbol for x in c.elements} <= els]
        entries += [PDEntry(Composition(el), 0.0, name="element:" + el) for el in sorted(els)]
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            pd = PhaseDiagram(entries)
            best = min(best, time.process_time() - t0)
        t0 = time.process_time()
        for e in entries:
            pd.get_decomp_and_e_above_hull(e, allow_negative=True)
        elapsed = time.process_time() - t0
        print(json.dumps({"system": system, "entries": len(entries), "build_ms": best * 1e3,
                          "queries": len(entries), "query_s": elapsed}), flush=True)


if __name__ == "__main__":
    main()
