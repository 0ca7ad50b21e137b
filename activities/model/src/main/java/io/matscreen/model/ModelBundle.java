package io.matscreen.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.matscreen.features.CompositionFeaturiser;
import io.matscreen.features.SetFeaturiser;
import io.matscreen.features.WeightedNodeSet;
import io.matscreen.features.WyckoffFeaturiser;
import io.matscreen.structure.Composition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained deep ensemble loaded from a bundle (a directory or zip with {@code model.json} and one
 * weights file per member), ready for batched inference.
 *
 * <p>Prediction is thread-safe. SameDiff graphs are not safe for concurrent use, so each batch
 * borrows its own copy of the members' graphs (copies are built on demand from the loaded weights
 * and kept for reuse). With {@link #setInferenceThreads} above 1, the batches of one call run on
 * that many threads; each batch's result does not depend on the thread count.
 */
public final class ModelBundle {
  /** Classpath location of the shipped composition model. */
  public static final String DEFAULT_RESOURCE = "models/mp-formation-composition/";

  static final String MODEL_JSON = "model.json";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int INFERENCE_BATCH = 4096;
  private static final int PARALLEL_INFERENCE_BATCH = 1024;

  private final ModelMetadata metadata;
  private final List<Map<String, INDArray>> memberWeights;
  private final ConcurrentLinkedQueue<List<SameDiff>> idleGraphs = new ConcurrentLinkedQueue<>();
  private final SetFeaturiser<Composition> compositionFeaturiser;
  private final SetFeaturiser<String> protostructureFeaturiser;
  private ExecutorService inferencePool;
  private int inferenceThreads = 1;

  ModelBundle(ModelMetadata metadata, List<Map<String, INDArray>> memberWeights) {
    this.metadata = metadata;
    this.memberWeights = List.copyOf(memberWeights);
    this.compositionFeaturiser =
        InputKinds.COMPOSITION.equals(metadata.inputKind())
            ? new CompositionFeaturiser(metadata.featuriser())
            : new CompositionFeaturiser();
    this.protostructureFeaturiser = new WyckoffFeaturiser();
    idleGraphs.add(buildGraphs());
  }

  private List<SameDiff> buildGraphs() {
    List<SameDiff> graphs = new ArrayList<>(memberWeights.size());
    for (Map<String, INDArray> w : memberWeights) {
      graphs.add(SetAttentionNetwork.build(metadata.network(), w));
    }
    return graphs;
  }

  /**
   * Spreads the batches of each prediction call over n threads (default 1). Combine with {@link
   * ComputeThreads#limit}(1): on a CPU, one single-threaded batch per core is faster than every
   * core on each op of one batch.
   */
  public synchronized void setInferenceThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("inference threads must be >= 1: " + n);
    }
    if (inferencePool != null) {
      inferencePool.shutdown();
      inferencePool = null;
    }
    inferenceThreads = n;
    if (n > 1) {
      AtomicInteger count = new AtomicInteger();
      inferencePool =
          Executors.newFixedThreadPool(
              n,
              r -> {
                Thread t = new Thread(r, "matscreen-inference-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
  }

  /** Threads each prediction call uses. */
  public synchronized int inferenceThreads() {
    return inferenceThreads;
  }

  private synchronized ExecutorService inferencePool() {
    return inferencePool;
  }

  /** Loads a bundle from a directory or a zip file; verifies each weights file's sha256. */
  public static ModelBundle load(Path dirOrZip) {
    if (Files.isDirectory(dirOrZip)) {
      return load(
          name -> {
            Path p = dirOrZip.resolve(name);
            if (!Files.isRegularFile(p)) {
              throw new BundleException("model bundle " + dirOrZip + " has no file " + name);
            }
            try {
              return Files.readAllBytes(p);
            } catch (IOException e) {
              throw new BundleException("cannot read " + p + ": " + e.getMessage(), e);
            }
          },
          dirOrZip.toString());
    }
    if (Files.isRegularFile(dirOrZip)) {
      Map<String, byte[]> entries = new HashMap<>();
      try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(dirOrZip))) {
        ZipEntry e;
        while ((e = zip.getNextEntry()) != null) {
          if (!e.isDirectory()) {
            String name = e.getName();
            entries.put(name.substring(name.lastIndexOf('/') + 1), zip.readAllBytes());
          }
        }
      } catch (IOException e) {
        throw new BundleException("cannot read zip bundle " + dirOrZip + ": " + e.getMessage(), e);
      }
      if (entries.isEmpty()) {
        throw new BundleException(dirOrZip + " is neither a bundle directory nor a zip bundle");
      }
      return load(
          name -> {
            byte[] b = entries.get(name);
            if (b == null) {
              throw new BundleException("zip bundle " + dirOrZip + " has no entry " + name);
            }
            return b;
          },
          dirOrZip.toString());
    }
    throw new BundleException("model bundle " + dirOrZip + " does not exist");
  }

  /** Loads the shipped composition model from the classpath ({@link #DEFAULT_RESOURCE}). */
  public static ModelBundle loadDefault() {
    ClassLoader cl = ModelBundle.class.getClassLoader();
    return load(
        name -> {
          try (InputStream in = cl.getResourceAsStream(DEFAULT_RESOURCE + name)) {
            if (in == null) {
              throw new BundleException(
                  "the shipped model is missing classpath resource " + DEFAULT_RESOURCE + name);
            }
            return in.readAllBytes();
          } catch (IOException e) {
            throw new BundleException("cannot read " + DEFAULT_RESOURCE + name, e);
          }
        },
        "classpath:" + DEFAULT_RESOURCE);
  }

  interface FileSource {
    byte[] read(String name);
  }

  private static ModelBundle load(FileSource files, String where) {
    ModelMetadata meta;
    try {
      meta = JSON.readValue(files.read(MODEL_JSON), ModelMetadata.class);
    } catch (IOException e) {
      throw new BundleException(where + "/" + MODEL_JSON + " is not valid: " + e.getMessage(), e);
    }
    if (!ModelMetadata.FORMAT.equals(meta.format())) {
      throw new BundleException(
          where
              + "/"
              + MODEL_JSON
              + " has format '"
              + meta.format()
              + "', not "
              + ModelMetadata.FORMAT);
    }
    if (meta.formatVersion() > ModelMetadata.FORMAT_VERSION) {
      throw new BundleException(
          where
              + " has bundle format version "
              + meta.formatVersion()
              + "; this build reads up to "
              + ModelMetadata.FORMAT_VERSION);
    }
    List<String> known = knownFeaturiserIds(meta.inputKind());
    if (!known.contains(meta.featuriser())) {
      throw new BundleException(
          where
              + " was trained on features '"
              + meta.featuriser()
              + "'; this build computes "
              + known
              + " for "
              + meta.inputKind()
              + " inputs: retrain the model with this build's matscreen train");
    }
    if (meta.members() == null || meta.members().isEmpty()) {
      throw new BundleException(where + "/" + MODEL_JSON + " lists no ensemble members");
    }
    List<Map<String, INDArray>> weights = new ArrayList<>();
    for (ModelMetadata.Member m : meta.members()) {
      byte[] bytes = files.read(m.file());
      String actual = WeightsFile.sha256(bytes);
      if (!actual.equalsIgnoreCase(m.sha256())) {
        throw new BundleException(
            "checksum mismatch for "
                + where
                + "/"
                + m.file()
                + ": model.json says sha256 "
                + m.sha256()
                + ", the file has "
                + actual
                + " (file corrupted or replaced)");
      }
      weights.add(WeightsFile.read(bytes, m.file()));
    }
    return new ModelBundle(meta, weights);
  }

  /** The featuriser ids this build can compute for an input kind. */
  static List<String> knownFeaturiserIds(String inputKind) {
    return switch (inputKind == null ? "" : inputKind) {
      case InputKinds.COMPOSITION -> CompositionFeaturiser.KNOWN_IDS;
      case InputKinds.PROTOSTRUCTURE -> List.of(WyckoffFeaturiser.ID);
      default ->
          throw new BundleException(
              "model input kind '" + inputKind + "' is not composition or protostructure");
    };
  }

  /** The bundle's name. */
  public String name() {
    return metadata.name();
  }

  /** "composition" or "protostructure". */
  public String inputKind() {
    return metadata.inputKind();
  }

  /** The parsed model.json. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /** Number of ensemble members. */
  public int ensembleSize() {
    return memberWeights.size();
  }

  /** Predicts formation energies (eV/atom) for compositions; needs a composition model. */
  public EnergyPrediction[] predictCompositions(List<Composition> batch) {
    requireKind(InputKinds.COMPOSITION);
    List<WeightedNodeSet> sets = new ArrayList<>(batch.size());
    for (Composition c : batch) {
      sets.add(compositionFeaturiser.featurise(c));
    }
    return predictSets(sets);
  }

  /** Predicts formation energies (eV/atom) for protostructure labels; needs a Wyckoff model. */
  public EnergyPrediction[] predictProtostructures(List<String> labels) {
    requireKind(InputKinds.PROTOSTRUCTURE);
    List<WeightedNodeSet> sets = new ArrayList<>(labels.size());
    for (String label : labels) {
      sets.add(protostructureFeaturiser.featurise(label));
    }
    return predictSets(sets);
  }

  private void requireKind(String kind) {
    if (!kind.equals(metadata.inputKind())) {
      throw new BundleException(
          "model " + name() + " takes " + metadata.inputKind() + " inputs, not " + kind);
    }
  }

  /** Ensemble prediction for featurised sets, eV/atom. */
  EnergyPrediction[] predictSets(List<WeightedNodeSet> sets) {
    int k = memberWeights.size();
    int count = sets.size();
    double[][] means = new double[k][count];
    double[][] stds = new double[k][count];
    List<Integer> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    ExecutorService pool = inferencePool();
    // Smaller batches when parallel, so that the threads finish together.
    int batchSize = pool == null ? INFERENCE_BATCH : PARALLEL_INFERENCE_BATCH;
    List<NodeSetBatch> batches =
        NodeSetBatch.bucketed(sets, all, metadata.network().featureDim(), batchSize);
    if (pool == null || batches.size() == 1) {
      for (NodeSetBatch b : batches) {
        runBatch(b, means, stds);
      }
    } else {
      List<Future<?>> running = new ArrayList<>(batches.size());
      for (NodeSetBatch b : batches) {
        running.add(pool.submit(() -> runBatch(b, means, stds)));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running.forEach(r -> r.cancel(true));
          throw new IllegalStateException("inference interrupted", e);
        } catch (ExecutionException e) {
          running.forEach(r -> r.cancel(true));
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("inference failed: " + e.getCause(), e.getCause());
        }
      }
    }
    EnsembleMean rule = metadata.combination();
    EnergyPrediction[] result = new EnergyPrediction[count];
    double[] sigmas = new double[k];
    double[] memberMeans = new double[k];
    for (int i = 0; i < count; i++) {
      for (int m = 0; m < k; m++) {
        memberMeans[m] = means[m][i];
        sigmas[m] = stds[m][i];
      }
      // A mixture of the members' distributions: its mean (or median, by the rule), the spread of
      // the members' means about the mean (epistemic) and the members' own variance (aleatoric),
      // each with the mixture weights.
      double[] w = rule.weights(sigmas);
      double mean = 0;
      double aleatoricVar = 0;
      for (int m = 0; m < k; m++) {
        mean += w[m] * means[m][i];
        aleatoricVar += w[m] * stds[m][i] * stds[m][i];
      }
      double epistemicVar = 0;
      for (int m = 0; m < k; m++) {
        epistemicVar += w[m] * (means[m][i] - mean) * (means[m][i] - mean);
      }
      double epistemic = Math.sqrt(epistemicVar);
      double aleatoric = Math.sqrt(aleatoricVar);
      result[i] =
          new EnergyPrediction(
              rule.pointEstimate(memberMeans, sigmas, w, mean),
              Math.hypot(epistemic, aleatoric),
              epistemic,
              aleatoric);
    }
    return result;
  }

  /** Runs every member on one batch, on a copy of the graphs no other thread is using. */
  private void runBatch(NodeSetBatch b, double[][] means, double[][] stds) {
    List<SameDiff> graphs = idleGraphs.poll();
    if (graphs == null) {
      graphs = buildGraphs();
    }
    try {
      double mu0 = metadata.targetMean();
      double sd0 = metadata.targetStd();
      Map<String, INDArray> feed =
          Map.of(SetAttentionNetwork.NODES, b.nodes(), SetAttentionNetwork.WEIGHTS, b.weights());
      for (int m = 0; m < graphs.size(); m++) {
        Map<String, INDArray> out =
            graphs.get(m).output(feed, SetAttentionNetwork.MEAN, SetAttentionNetwork.LOG_STD);
        float[] mean = out.get(SetAttentionNetwork.MEAN).castTo(DataType.FLOAT).data().asFloat();
        float[] logStd =
            out.get(SetAttentionNetwork.LOG_STD).castTo(DataType.FLOAT).data().asFloat();
        for (int i = 0; i < b.size(); i++) {
          means[m][b.indices()[i]] = mean[i] * sd0 + mu0;
          stds[m][b.indices()[i]] = Math.exp(logStd[i]) * sd0;
        }
      }
    } finally {
      idleGraphs.add(graphs);
    }
  }

  /** Writes model.json into a bundle directory (weights files must already be there). */
  static void writeMetadata(Path dir, ModelMetadata meta) throws IOException {
    Path tmp = dir.resolve(MODEL_JSON + ".tmp");
    JSON.writeValue(tmp.toFile(), meta);
    Files.move(
        tmp,
        dir.resolve(MODEL_JSON),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
