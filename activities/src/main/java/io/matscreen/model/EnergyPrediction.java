package io.matscreen.model;

/**
 * An ensemble's formation-energy prediction for one input, all in eV/atom.
 *
 * @param eFormMean ensemble mean of the member means
 * @param eFormStd total σ = sqrt(epistemic² + aleatoric²)
 * @param epistemicStd spread (population standard deviation) of the member means
 * @param aleatoricStd root mean square of the members' predicted σ (robust Laplace head)
 */
public record EnergyPrediction(
    double eFormMean, double eFormStd, double epistemicStd, double aleatoricStd) {}
