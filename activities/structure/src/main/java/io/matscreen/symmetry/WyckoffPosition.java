package io.matscreen.symmetry;

/**
 * One occupied Wyckoff position: an element on an orbit of the space group.
 *
 * @param element element symbol
 * @param letter Wyckoff letter, "a"… "z" or "A" (alpha)
 * @param multiplicity number of sites of the orbit in the conventional cell
 */
public record WyckoffPosition(String element, String letter, int multiplicity) {}
