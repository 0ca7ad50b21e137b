package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.structure.Composition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Trains one small ensemble and checks save/load, checksums and uncertainty on it. */
class ModelBundleTest {
  @TempDir static Path dir;
  static Path bundle;
  static ModelMetadata trained;

  @BeforeAll
  static void trainSmallEnsemble() throws IOException {
    // 240 binaries/ternaries of light elements (Li–Ga) with a smooth synthetic target.
    Path csv =
        SyntheticData.writeCsv(
            dir.resolve("synthetic.csv"), SyntheticData.compositions(SyntheticData.LIGHT, 240, 11));
    bundle = dir.resolve("tiny-bundle");
    TinyTraining.train(TinyTraining.options(csv, "composition", "roost", bundle, 3, 10));
    trained = ModelBundle.load(bundle).metadata();
  }

  @Test
  void bundleRoundTripsExactly() throws IOException {
    ModelBundle a = ModelBundle.load(bundle);
    ModelBundle b = ModelBundle.load(zip(bundle, dir.resolve("tiny-bundle.zip")));
    List<Composition> comps = SyntheticData.compositions(SyntheticData.LIGHT, 50, 99);
    EnergyPrediction[] pa = a.predictCompositions(comps);
    EnergyPrediction[] pb = b.predictCompositions(comps);
    assertThat(pb).containsExactly(pa);
    // The trainer computed the validation metrics from the in-memory networks before saving;
    // the reloaded bundle must reproduce them on the same validation rows (same split seed).
    @SuppressWarnings("unchecked")
    Map<String, Object> val = (Map<String, Object>) trained.metrics().get("validation");
    assertThat(val).containsKey("mae");
    assertThat(a.ensembleSize()).isEqualTo(3);
    assertThat(a.inputKind()).isEqualTo("composition");
    assertThat(a.name()).isEqualTo("tiny-bundle");
    for (EnergyPrediction p : pa) {
      assertThat(p.eFormStd())
          .isCloseTo(Math.hypot(p.epistemicStd(), p.aleatoricStd()), within(1e-12));
    }
  }

  @Test
  void reloadedBundleReproducesTheTrainersValidationMae() throws IOException {
    ModelBundle a = ModelBundle.load(bundle);
    LabelledDataset ds =
        LabelledDataset.read(dir.resolve("synthetic.csv"), "composition", "e_form");
    // Rebuild the validation part exactly as the trainer splits it (test 0.15, val 0.15, seed 7).
    List<Composition> val = new java.util.ArrayList<>();
    List<Double> y = new java.util.ArrayList<>();
    for (int i = 0; i < ds.size(); i++) {
      Composition c = Composition.parse(ds.keys().get(i));
      double u = Trainer.unitHash(c.reducedFormula(), 7);
      if (u >= 0.15 && u < 0.30) {
        val.add(c);
        y.add(ds.targets()[i]);
      }
    }
    EnergyPrediction[] p = a.predictCompositions(val);
    RegressionMetrics m = RegressionMetrics.of(y.stream().mapToDouble(d -> d).toArray(), p);
    @SuppressWarnings("unchecked")
    Map<String, Object> recorded = (Map<String, Object>) trained.metrics().get("validation");
    assertThat(m.count()).isEqualTo(((Number) recorded.get("count")).intValue());
    assertThat(m.mae()).isCloseTo(((Number) recorded.get("mae")).doubleValue(), within(1e-9));
  }

  @Test
  void sigmaGrowsForInputsFarFromTheTrainingData() {
    ModelBundle model = ModelBundle.load(bundle);
    // In distribution: new compositions of the light elements it was trained on. Far: lanthanide
    // and actinide compositions, whose elements never occur in training (untrained embeddings).
    EnergyPrediction[] near =
        model.predictCompositions(SyntheticData.compositions(SyntheticData.LIGHT, 60, 5));
    EnergyPrediction[] far =
        model.predictCompositions(SyntheticData.compositions(SyntheticData.FAR, 60, 5));
    double nearEpi = 0;
    double farEpi = 0;
    for (int i = 0; i < 60; i++) {
      nearEpi += near[i].epistemicStd() / 60;
      farEpi += far[i].epistemicStd() / 60;
    }
    System.out.printf("mean epistemic σ: near %.4f, far %.4f eV/atom%n", nearEpi, farEpi);
    assertThat(farEpi).isGreaterThan(1.5 * nearEpi);
  }

  @Test
  void bundlesOfAnotherFeaturiserVersionAreRefused() throws IOException {
    Path copy = copyOfBundle("old-featuriser");
    Path json = copy.resolve("model.json");
    Files.writeString(
        json, Files.readString(json).replace("\"composition-v1\"", "\"composition-v0\""));
    assertThatThrownBy(() -> ModelBundle.load(copy))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("trained on features 'composition-v0'")
        .hasMessageContaining("retrain");
  }

  @Test
  void corruptedWeightsFailWithAClearError() throws IOException {
    Path copy = copyOfBundle("corrupted");
    byte[] w = Files.readAllBytes(copy.resolve("member-1.weights"));
    w[w.length - 3] ^= 0x55;
    Files.write(copy.resolve("member-1.weights"), w);
    assertThatThrownBy(() -> ModelBundle.load(copy))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining("member-1.weights");
  }

  @Test
  void wrongInputKindIsRefused() {
    ModelBundle model = ModelBundle.load(bundle);
    assertThatThrownBy(() -> model.predictProtostructures(List.of("A_cF4_225_a:Cu")))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("takes composition inputs");
  }

  @Test
  void membersCombineWithTheWeightsOfTheBundlesRule() throws IOException {
    List<Map<String, INDArray>> weights = memberWeights();
    List<Composition> comps = SyntheticData.compositions(SyntheticData.LIGHT, 40, 3);
    int k = weights.size();
    EnergyPrediction[][] single = new EnergyPrediction[k][];
    for (int m = 0; m < k; m++) {
      single[m] = new ModelBundle(trained, List.of(weights.get(m))).predictCompositions(comps);
    }
    double largestShift = 0;
    for (EnsembleMean rule : EnsembleMean.values()) {
      EnergyPrediction[] p =
          new ModelBundle(trained.withEnsembleMean(rule), weights).predictCompositions(comps);
      for (int i = 0; i < comps.size(); i++) {
        double[] w = new double[k];
        double sum = 0;
        for (int m = 0; m < k; m++) {
          w[m] = rule == EnsembleMean.INVERSE_SIGMA ? 1 / single[m][i].aleatoricStd() : 1;
          sum += w[m];
        }
        double mean = 0;
        double aleatoricVar = 0;
        for (int m = 0; m < k; m++) {
          mean += w[m] / sum * single[m][i].eFormMean();
          aleatoricVar += w[m] / sum * Math.pow(single[m][i].aleatoricStd(), 2);
        }
        double epistemicVar = 0;
        for (int m = 0; m < k; m++) {
          epistemicVar += w[m] / sum * Math.pow(single[m][i].eFormMean() - mean, 2);
        }
        if (rule == EnsembleMean.MIXTURE_MEDIAN) {
          // The point estimate is where the equal mixture's CDF reaches ½ (from the members'
          // Laplace CDFs, written out here independently of EnsembleMean).
          double cdf = 0;
          for (int m = 0; m < k; m++) {
            double b = single[m][i].aleatoricStd() / Math.sqrt(2);
            double z = (p[i].eFormMean() - single[m][i].eFormMean()) / b;
            cdf += (z < 0 ? 0.5 * Math.exp(z) : 1 - 0.5 * Math.exp(-z)) / k;
          }
          assertThat(cdf).as("mixture CDF at the median").isCloseTo(0.5, within(1e-6));
        } else {
          assertThat(p[i].eFormMean()).as("%s mean", rule).isCloseTo(mean, within(1e-9));
        }
        assertThat(p[i].epistemicStd())
            .as("%s epistemic", rule)
            .isCloseTo(Math.sqrt(epistemicVar), within(1e-9));
        assertThat(p[i].aleatoricStd())
            .as("%s aleatoric", rule)
            .isCloseTo(Math.sqrt(aleatoricVar), within(1e-9));
        double equalMean = 0;
        for (int m = 0; m < k; m++) {
          equalMean += single[m][i].eFormMean() / k;
        }
        largestShift = Math.max(largestShift, Math.abs(mean - equalMean));
      }
    }
    // The members' σ differ, so weighting them must move some prediction.
    assertThat(largestShift).isGreaterThan(1e-4);
  }

  @Test
  void theTrainerKeepsTheRuleThatValidatesBest() {
    @SuppressWarnings("unchecked")
    Map<String, Double> byRule =
        (Map<String, Double>) trained.metrics().get("validationMaeByEnsembleMean");
    assertThat(byRule).containsOnlyKeys("equal", "inverse-sigma", "mixture-median");
    String best = "equal";
    for (String rule : List.of("inverse-sigma", "mixture-median")) {
      if (byRule.get(rule) < byRule.get(best)) {
        best = rule;
      }
    }
    assertThat(trained.combination().id()).isEqualTo(best);
    @SuppressWarnings("unchecked")
    Map<String, Object> val = (Map<String, Object>) trained.metrics().get("validation");
    assertThat(((Number) val.get("mae")).doubleValue()).isEqualTo(byRule.get(best));
  }

  @Test
  void bundlesThatDoNotNameARuleCombineEqually() throws IOException {
    Path copy = copyOfBundle("no-rule");
    Path json = copy.resolve("model.json");
    String text = Files.readString(json);
    String withoutRule = text.replaceAll("\\s*\"ensembleMean\"\\s*:\\s*\"[a-z-]+\",", "");
    assertThat(withoutRule).isNotEqualTo(text);
    Files.writeString(json, withoutRule);
    ModelBundle old = ModelBundle.load(copy);
    assertThat(old.metadata().ensembleMean()).isNull();
    List<Composition> comps = SyntheticData.compositions(SyntheticData.LIGHT, 20, 4);
    ModelBundle equal =
        new ModelBundle(trained.withEnsembleMean(EnsembleMean.EQUAL), memberWeights());
    assertThat(old.predictCompositions(comps)).containsExactly(equal.predictCompositions(comps));
  }

  /** A copy of the trained bundle, to spoil. */
  private static Path copyOfBundle(String name) throws IOException {
    Path copy = dir.resolve(name);
    Files.createDirectories(copy);
    try (var files = Files.list(bundle)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  private static List<Map<String, INDArray>> memberWeights() throws IOException {
    List<Map<String, INDArray>> weights = new ArrayList<>();
    for (ModelMetadata.Member m : trained.members()) {
      weights.add(WeightsFile.read(Files.readAllBytes(bundle.resolve(m.file())), m.file()));
    }
    return weights;
  }

  private static Path zip(Path dirBundle, Path zipFile) throws IOException {
    try (OutputStream out = Files.newOutputStream(zipFile);
        ZipOutputStream zip = new ZipOutputStream(out);
        var files = Files.list(dirBundle)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        zip.putNextEntry(new ZipEntry("bundle/" + p.getFileName()));
        zip.write(Files.readAllBytes(p));
        zip.closeEntry();
      }
    }
    return zipFile;
  }
}
