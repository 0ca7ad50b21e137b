/**
 * Candidates of a campaign: its known phases (the reference hull) and its candidates, written to
 * the store in shards ({@link io.matscreen.activities.candidates.CandidatePreparation}).
 */
package io.matscreen.activities.candidates;
