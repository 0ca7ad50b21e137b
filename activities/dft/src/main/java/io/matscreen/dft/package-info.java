/**
 * DFT relaxations as a plain Java library: input sets ({@link io.matscreen.dft.InputSet}: QE
 * "qe-pbe-relax", VASP "vasp-mp-relax"), output parsers, executors ({@link
 * io.matscreen.dft.DftExecutor}: local processes, Slurm), error handlers and {@link
 * io.matscreen.dft.DftRelaxation}, the synchronous driver that ties them together. No Temporal
 * types here; the DFT workflows call into this package.
 */
package io.matscreen.dft;
