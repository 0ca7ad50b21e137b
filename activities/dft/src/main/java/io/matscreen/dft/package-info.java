/**
 * DFT relaxations as a plain Java library: input sets ({@link io.matscreen.dft.InputSet}: QE
 * "qe-pbe-relax", VASP "vasp-mp-relax"), output parsers, executors ({@link
 * io.matscreen.dft.DftExecutor}: local processes, Slurm) and the results they exchange. The error
 * handlers ({@code dft.handlers}) and the job state machine with its synchronous driver ({@code
 * dft.job}) build on these types; nothing here depends on them. No Temporal types here; the DFT
 * activities call into this library.
 */
package io.matscreen.dft;
