"""Generates wyckoff-relabellings.tsv: for each space-group type, the permutations of its Wyckoff letters
induced by the affine normaliser, i.e. by the changes of origin and of axes that map the space group onto
itself. Two descriptions of one crystal that differ by such a change carry relabelled Wyckoff letters (for
example Na on 4a and Cl on 4b of Fm-3m, or the reverse); the protostructure label picks one canonical choice.

Method (no hand-typed tables): the group operations and the Wyckoff positions (coordinate triplets) come from
the Bilbao-derived magnetic space-group database bundled with pymatgen (type-I groups = the 230 space groups).
Candidate normaliser elements N = (P, p) are searched with P an integer matrix with entries in {-1, 0, 1} and
det +-1 (for triclinic and monoclinic groups only the diagonal sign changes, i.e. the Euclidean normaliser of a
general cell, as their affine normalisers are infinite) and p on a grid of fractions (0, 1/8, 1/6, 1/4, 1/3, ...). N is kept when N G N^-1 = G (operations
compared modulo the lattice including its centring). Each Wyckoff position's generic representative point is
mapped by N and the position holding its image is found by solving the coordinate triplets. The permutations
found are closed under composition. Run with /usr/bin/python3 (pymatgen 2022.11, numpy):

    /usr/bin/python3 generate_wyckoff_relabellings.py > wyckoff-relabellings.tsv

Output: one line per space group: the number, then one tab-separated field per non-identity permutation,
written as the images of the letters in the order of wyckoff-multiplicities.tsv ('A' is alpha).
"""
import itertools
import re
import sqlite3
from fractions import Fraction

import numpy as np
import pymatgen.core  # noqa: F401  (import order: maggroups needs pymatgen.core first)
from pymatgen.symmetry import maggroups

TOL = 1e-6
GENERIC = {"x": 0.1372, "y": 0.2741, "z": 0.3519}
SHIFTS = sorted({Fraction(k, 8) for k in range(8)} | {Fraction(k, 6) for k in range(6)})


def type_one_labels():
    db = sqlite3.connect(maggroups.MAGSYMM_DATA)
    return {int(n): label for n, label in db.execute(
        "SELECT BNS1, BNS_label FROM space_groups WHERE magtype = '1' OR magtype = 1")}


def parse_affine(triplet):
    """'x,-x+1/2,2z' -> (A, b) with coordinates = A @ (x, y, z) + b."""
    rows, offsets = [], []
    for expr in triplet.split(","):
        coeff = np.zeros(3)
        const = Fraction(0)
        for sign, num, var in re.findall(r"([+-]?)(\d*(?:/\d+)?)([xyz]?)", expr.replace(" ", "")):
            if not num and not var:
                continue
            s = -1 if sign == "-" else 1
            if var:
                coeff["xyz".index(var)] += s * (float(Fraction(num)) if num else 1.0)
            else:
                const += s * Fraction(num)
        rows.append(coeff)
        offsets.append(float(const))
    return np.array(rows), np.array(offsets)


def wrap(v):
    w = v - np.floor(v + TOL)
    w[np.abs(w - 1) < TOL] = 0
    return w


class Group:
    def __init__(self, number, label):
        data = maggroups.MagneticSpaceGroup(label)._data
        self.number = number
        self.centring = [np.array(l["vector"]) for l in data["bns_lattice"]
                         if not np.allclose(l["vector"], np.round(l["vector"]))]
        self.centring.append(np.zeros(3))
        self.ops = []
        for entry in data["bns_operators"]:
            op = entry["op"]
            rot = np.round(op.rotation_matrix).astype(int)
            for c in self.centring:
                self.ops.append((rot, wrap(np.array(op.translation_vector) + c)))
        self.translations = {}
        for r, t in self.ops:
            self.translations.setdefault(tuple(r.flatten()), []).append(t)
        self.translations = {k: np.array(v) for k, v in self.translations.items()}
        self.wyckoffs = []  # (letter, multiplicity, first triplet (A, b))
        for w in data["bns_wyckoff"]:
            m = re.fullmatch(r"(\d+)([a-z]|alpha)", w["label"])
            letter = "A" if m.group(2) == "alpha" else m.group(2)
            first = re.findall(r"\(([^)]*)\)", w["str"])[0].split(";")[0]
            a, b = parse_affine(first)
            self.wyckoffs.append((letter, int(m.group(1)), a, b, np.linalg.pinv(a)))
        self.wyckoffs.sort(key=lambda w: (w[0] == "A", w[0]))
        self.memo = {}

    def orbit(self, point):
        return np.array([wrap(r @ point + t) for r, t in self.ops])

    def letter_of(self, point, multiplicity):
        """The Wyckoff letter of a point: some point of its orbit must solve A v + b = u (mod 1)."""
        candidates = [w for w in self.wyckoffs if w[1] == multiplicity]
        if len(candidates) == 1:
            return candidates[0][0]
        key = (multiplicity, tuple(np.round(wrap(point), 6)))
        if key not in self.memo:
            self.memo[key] = self.solve_letter(point, multiplicity)
        return self.memo[key]

    def solve_letter(self, point, multiplicity):
        orbit = self.orbit(point)
        rhs_all = (orbit[:, None, :] + INTEGER_SHIFTS[None, :, :]).reshape(-1, 3)
        for letter, mult, a, b, a_pinv in self.wyckoffs:
            if mult != multiplicity:
                continue
            rhs = rhs_all - b
            v = rhs @ a_pinv.T
            residual = rhs - v @ a.T
            if np.any(np.all(np.abs(residual) < 1e-7, axis=1)):
                return letter
        raise AssertionError(f"no Wyckoff position of {self.number} holds {point}")


INTEGER_SHIFTS = np.array(list(itertools.product((-2, -1, 0, 1, 2), repeat=3)), dtype=float)
SHIFT_GRID = np.array([[float(x) for x in s] for s in itertools.product(SHIFTS, repeat=3)])


def candidate_matrices():
    out = []
    for entries in itertools.product((-1, 0, 1), repeat=9):
        p = np.array(entries).reshape(3, 3)
        det = round(np.linalg.det(p))
        if det in (1, -1):
            out.append((p, np.round(np.linalg.inv(p)).astype(int)))
    return out


def encode(matrices):
    """Integer code of each 3x3 integer matrix (entries -4..4) over the last two axes."""
    flat = matrices.reshape(matrices.shape[:-2] + (9,)) + 4
    weights = 9 ** np.arange(9)
    return (flat * weights).sum(axis=-1)


def normaliser_permutations(group, matrices):
    letters = [w[0] for w in group.wyckoffs]
    generic = np.array([GENERIC["x"], GENERIC["y"], GENERIC["z"]])
    reps = [(mult, a @ generic + b) for letter, mult, a, b, _ in group.wyckoffs]
    rotation_keys = list(group.translations)
    rotations = np.array([np.array(k).reshape(3, 3) for k in rotation_keys])
    perms = set()
    seen_cosets = set()
    all_p = np.array([m[0] for m in matrices])
    all_p_inv = np.array([m[1] for m in matrices])
    all_conj = np.einsum("mij,njk,mkl->mnil", all_p, rotations, all_p_inv)
    codes = encode(all_conj)
    allowed_codes = set(encode(rotations[None])[0].tolist())
    normalising = np.array([all(c in allowed_codes for c in row) for row in codes.tolist()])
    for index in np.nonzero(normalising)[0]:
        p, p_inv = matrices[index]
        conj = all_conj[index]
        keys = [tuple(c.flatten()) for c in conj]
        if any(k not in group.translations for k in keys):
            continue
        # (P R, P t + s) = (P, s)(R, t) relabels as (P, s) does: one P per coset of the point group
        coset = min(tuple((p @ r).flatten()) for r in rotations)
        if coset in seen_cosets:
            continue
        seen_cosets.add(coset)
        ok = np.ones(len(SHIFT_GRID), dtype=bool)
        for r_key, c, c_key in zip(rotation_keys, conj, keys):
            allowed = group.translations[c_key]
            for t in group.translations[r_key]:
                image = (p @ t)[None, :] + SHIFT_GRID - SHIFT_GRID @ c.T
                diff = image[:, None, :] - allowed[None, :, :]
                match = np.all(np.abs(diff - np.round(diff)) < TOL, axis=2).any(axis=1)
                ok &= match
                if not ok.any():
                    break
            if not ok.any():
                break
        for s in SHIFT_GRID[ok]:
            images = "".join(group.letter_of(wrap(p @ point + s), mult) for mult, point in reps)
            perms.add(images)
    # close under composition (the normaliser is a group; the search may see only generators)
    identity = "".join(letters)
    perms.add(identity)
    index = {l: i for i, l in enumerate(letters)}
    frontier = list(perms)
    while frontier:
        new = []
        for x in frontier:
            for y in list(perms):
                for z in ("".join(y[index[x[i]]] for i in range(len(letters))),
                          "".join(x[index[y[i]]] for i in range(len(letters)))):
                    if z not in perms:
                        perms.add(z)
                        new.append(z)
        frontier = new
    return sorted(perms - {identity})


def main():
    labels = type_one_labels()
    matrices = candidate_matrices()
    # Triclinic and monoclinic groups have infinite affine normalisers (any shear of a general cell);
    # for them only the Euclidean normaliser of the general metric counts: sign changes of the axes.
    diagonal = [(p, q) for p, q in matrices if np.count_nonzero(p) == 3 and np.all(np.diag(p) != 0)]
    print("# space_group\tpermutations (images of the letters in table order), generated by"
          " generate_wyckoff_relabellings.py; do not edit")
    for number in range(1, 231):
        group = Group(number, labels[number])
        if len(group.wyckoffs) == 1:
            print(str(number))
            continue
        perms = normaliser_permutations(group, diagonal if number <= 15 else matrices)
        print("\t".join([str(number)] + perms), flush=True)


if __name__ == "__main__":
    main()
