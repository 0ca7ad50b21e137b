package io.matscreen.model;

/**
 * An ensemble's formation-energy prediction for one input, all in eV/atom.
 *
 * @param eFormMean the ensemble's point estimate: the mixture mean of the member means, or the
 *     mixture's median where the bundle's rule is {@link EnsembleMean#MIXTURE_MEDIAN}
 * @param eFormStd total σ = sqrt(epistemic² + aleatoric²)
 * @param epistemicStd spread (population standard deviation) of the member means
 * @param aleatoricStd root mean square of the members' predicted σ (robust Laplace head)
 */
public record EnergyPrediction(
    double eFormMean, double eFormStd, double epistemicStd, double aleatoricStd) {}
