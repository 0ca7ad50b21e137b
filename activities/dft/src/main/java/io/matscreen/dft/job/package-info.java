/**
 * The DFT job state machine: {@link io.matscreen.dft.job.DftJobTransition}, a pure function from a
 * job's state, scheduler status, parsed output and correction plan to its next state and action;
 * {@link io.matscreen.dft.job.DftRelaxation}, the synchronous driver that carries the actions out;
 * and the registries that tie input sets to correction plans and code errors to their text form.
 */
package io.matscreen.dft.job;
