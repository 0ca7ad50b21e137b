/**
 * Reference sets: known materials with formation energies (and structures) that build the known
 * hull of every chemical system and seed substitution, read from files and written as JSON lines.
 */
package io.matscreen.sources.references;
