/**
 * Convex hulls of formation energy and what screening does with them.
 *
 * <ul>
 *   <li>{@link io.matscreen.hull.PhaseDiagram}: lower hull of 1 to 8 elements from {@link
 *       io.matscreen.hull.HullEntry entries}; energy above hull, decomposition and phase-separation
 *       energy as pymatgen defines them (checked against pymatgen 2022.11 to 1e-6 eV/atom).
 *   <li>{@link io.matscreen.hull.ReferenceHulls}: the known hulls of every chemical system of a
 *       reference set, built on demand.
 *   <li>{@link io.matscreen.hull.EnergyFingerprint}, {@link io.matscreen.hull.EnergyCorrection},
 *       {@link io.matscreen.hull.Mp2020Compatibility}: which energies may share a hull.
 *   <li>{@link io.matscreen.hull.Triage} and {@link io.matscreen.hull.DiscoveryMetrics}: selecting
 *       candidates for DFT and scoring a campaign afterwards.
 * </ul>
 *
 * <p>All energies are eV/atom unless a name says otherwise.
 */
package io.matscreen.hull;
