package io.matscreen.model;

import com.fasterxml.jackson.core.type.TypeReference;
import io.matscreen.features.CompositionFeaturiser;
import io.matscreen.features.ProtostructureLabel;
import io.matscreen.features.SetFeaturiser;
import io.matscreen.features.WeightedNodeSet;
import io.matscreen.features.WyckoffFeaturiser;
import io.matscreen.structure.Composition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Trains a deep ensemble of set-attention networks and writes a bundle.
 *
 * <p>The data are split by composition (a hash of the reduced formula and the seed) into train,
 * validation and held-out test parts; the test part is never trained or validated on, and its
 * metrics go into model.json. Each member trains with Adam on a cosine-decayed learning rate, keeps
 * the weights of its best validation epoch (early stopping) and writes a checkpoint after every
 * epoch, so an interrupted run resumes at the last finished epoch (Adam's moment estimates restart
 * on resume).
 */
public final class Trainer {
  /** Credit required by the Materials Project's CC-BY 4.0 licence. */
  public static final String MP_CREDIT =
      "Materials Project (Jain et al., APL Materials 1, 011002 (2013)); data licensed CC-BY 4.0";

  private static final String CHECKPOINTS = "checkpoints";
  private static final String RUN_JSON = "run.json";

  private final TrainingOptions o;
  private final PrintStream log;
  private final int parallelMembers;

  public Trainer(TrainingOptions options, PrintStream progress) {
    this(options, progress, 1);
  }

  /**
   * A trainer that trains up to {@code parallelMembers} ensemble members at once, one thread each.
   * Members are independent and every ND4J op stays on its thread's member, so the weights are the
   * same as in a one-at-a-time run; with ND4J limited to one thread per op ({@link
   * ComputeThreads#limit}(1)), this is how a small CPU machine uses all its cores.
   */
  public Trainer(TrainingOptions options, PrintStream progress, int parallelMembers) {
    if (parallelMembers < 1) {
      throw new IllegalArgumentException("parallel members must be >= 1: " + parallelMembers);
    }
    this.o = options;
    this.log = progress;
    this.parallelMembers = parallelMembers;
  }

  /** The featuriser for an input kind, with the chosen element features for compositions. */
  @SuppressWarnings("unchecked")
  static SetFeaturiser<String> featuriserFor(String inputKind, String featuriserId) {
    return switch (inputKind) {
      case InputKinds.COMPOSITION -> {
        CompositionFeaturiser f = new CompositionFeaturiser(featuriserId);
        yield new SetFeaturiser<>() {
          @Override
          public int featureDim() {
            return f.featureDim();
          }

          @Override
          public WeightedNodeSet featurise(String formula) {
            return f.featurise(Composition.parse(formula));
          }
        };
      }
      case InputKinds.PROTOSTRUCTURE -> new WyckoffFeaturiser();
      default ->
          throw new IllegalArgumentException(
              "input kind '" + inputKind + "' is not composition or protostructure");
    };
  }

  /** The featuriser id this run's bundle records. */
  private String featuriserId() {
    return InputKinds.COMPOSITION.equals(modelInputKind())
        ? CompositionFeaturiser.idFor(o.elementFeatures())
        : WyckoffFeaturiser.ID;
  }

  /** Runs the training and writes the bundle; returns its metadata. */
  public ModelMetadata train() throws IOException {
    long started = System.nanoTime();
    check();
    SetFeaturiser<String> featuriser = featuriserFor(modelInputKind(), featuriserId());
    LabelledDataset ds = LabelledDataset.read(o.data(), o.inputColumn(), o.target());
    if (InputKinds.STRUCTURE.equals(o.inputKind())) {
      log.printf("matscreen train: reading %d structure files...%n", ds.size());
      ds = StructureInputs.toModelKeys(ds, o.inputColumn(), modelInputKind());
    }
    String dataSha = WeightsFile.sha256(o.data());
    List<WeightedNodeSet> sets = new ArrayList<>(ds.size());
    List<String> groups = new ArrayList<>(ds.size());
    TreeSet<String> elementsSeen = new TreeSet<>();
    for (int i = 0; i < ds.size(); i++) {
      String key = ds.keys().get(i);
      try {
        sets.add(featuriser.featurise(key));
        Composition c = compositionOf(key);
        groups.add(c.reducedFormula());
        elementsSeen.addAll(c.elements());
      } catch (RuntimeException e) {
        throw new DatasetException(
            o.data()
                + ":"
                + ds.lines()[i]
                + ": "
                + o.inputColumn()
                + " '"
                + key
                + "': "
                + e.getMessage());
      }
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> val = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int i = 0; i < ds.size(); i++) {
      double u = unitHash(groups.get(i), o.seed());
      (u < o.testFraction() ? test : u < o.testFraction() + o.valFraction() ? val : train).add(i);
    }
    if (val.isEmpty() && train.size() > 1) {
      val.add(train.remove(train.size() - 1));
    }
    if (train.isEmpty() || val.isEmpty()) {
      throw new DatasetException(
          o.data() + ": too few rows (" + ds.size() + ") for a train and a validation split");
    }
    // A refit trains on the validation rows too; they still get evaluated, but only as a check.
    List<Integer> fit = train;
    if (o.refit()) {
      fit = new ArrayList<>(train);
      fit.addAll(val);
    }
    double mean = 0;
    for (int i : fit) {
      mean += ds.targets()[i];
    }
    mean /= fit.size();
    double var = 0;
    for (int i : fit) {
      var += (ds.targets()[i] - mean) * (ds.targets()[i] - mean);
    }
    double std = Math.max(Math.sqrt(var / fit.size()), 1e-6);

    NetworkShape s = o.shape();
    NetworkShape shape =
        new NetworkShape(
            featuriser.featureDim(),
            s.embedDim(),
            s.pairHidden(),
            s.heads(),
            s.layers(),
            s.outputHidden());
    Path ckpt = o.out().resolve(CHECKPOINTS);
    double elapsedBefore = prepareOutput(ckpt, dataSha, ds.size());
    log.printf(
        "matscreen train: %d rows from %s (%d train, %d validation%s, %d held-out test), %d"
            + " members, up to %d epochs each%n",
        ds.size(),
        o.data(),
        train.size(),
        val.size(),
        o.refit() ? " trained on too (refit)" : "",
        test.size(),
        o.ensemble(),
        o.epochs());

    ModelMetadata base =
        metadata(shape, List.copyOf(elementsSeen), mean, std, List.of(), Map.of(), Map.of());
    MemberRun[] runs =
        trainMembers(shape, base, sets, ds.targets(), fit, val, ckpt, started, elapsedBefore);
    List<Map<String, INDArray>> memberWeights = new ArrayList<>();
    List<ModelMetadata.Member> members = new ArrayList<>();
    for (int m = 0; m < o.ensemble(); m++) {
      MemberRun run = runs[m];
      Path file = o.out().resolve("member-" + m + ".weights");
      Files.copy(run.bestFile, file, StandardCopyOption.REPLACE_EXISTING);
      members.add(
          new ModelMetadata.Member(
              file.getFileName().toString(),
              WeightsFile.sha256(file),
              run.seed,
              run.progress.epoch(),
              run.progress.bestEpoch(),
              o.refit() ? null : run.progress.bestValMae(),
              run.progress.keptAverage() ? run.progress.averaged() : null));
      memberWeights.add(WeightsFile.read(Files.readAllBytes(file), file.toString()));
    }

    // The combination rule is chosen like a member's best epoch: by validation MAE, unless given.
    Map<String, Double> maeByRule = new LinkedHashMap<>();
    EnsembleMean rule = o.ensembleMean() != null ? o.ensembleMean() : EnsembleMean.EQUAL;
    if (o.ensembleMean() == null) {
      for (EnsembleMean r : EnsembleMean.values()) {
        double mae =
            evaluate(
                    new ModelBundle(base.withEnsembleMean(r), memberWeights),
                    sets,
                    ds.targets(),
                    val)
                .mae();
        maeByRule.put(r.id(), mae);
        if (mae < maeByRule.get(rule.id())) {
          rule = r;
        }
      }
    }
    ModelBundle ensemble = new ModelBundle(base.withEnsembleMean(rule), memberWeights);
    Map<String, Object> metrics = new LinkedHashMap<>();
    // After a refit the validation rows are training rows: their figures would flatter the model.
    if (!o.refit()) {
      metrics.put("validation", evaluate(ensemble, sets, ds.targets(), val));
    }
    if (!maeByRule.isEmpty()) {
      metrics.put("validationMaeByEnsembleMean", maeByRule);
    }
    if (!test.isEmpty()) {
      metrics.put("heldOutTest", evaluate(ensemble, sets, ds.targets(), test));
    }
    double wall = elapsedBefore + (System.nanoTime() - started) / 1e9;
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("command", o.command());
    training.put("dataFile", o.data().getFileName().toString());
    training.put("dataSha256", dataSha);
    training.put("dataRows", ds.size());
    training.put("inputColumn", o.inputColumn());
    if (InputKinds.STRUCTURE.equals(o.inputKind())) {
      // dataSha256 covers the CSV only, not the structure files it names.
      training.put(
          "inputSource",
          "structure files named in column '"
              + o.inputColumn()
              + "', read as "
              + (InputKinds.COMPOSITION.equals(modelInputKind())
                  ? "their compositions"
                  : "protostructure labels (spglib, 0.1 Å, 5°)"));
    }
    training.put(
        "split",
        Map.of(
            "method",
            "by reduced formula: hash(formula, seed) in [0,1) < test → test, < test+val →"
                + " validation, else train",
            "testFraction",
            o.testFraction(),
            "valFraction",
            o.valFraction(),
            "trainRows",
            train.size(),
            "validationRows",
            val.size(),
            "testRows",
            test.size()));
    if (o.refit()) {
      training.put(
          "refit",
          "members trained on the train and validation rows together ("
              + fit.size()
              + " rows) and kept at their last epoch; ensemble mean given ("
              + rule.id()
              + "), not chosen; the held-out test rows were not trained on");
    }
    training.put("seed", o.seed());
    training.put("epochsMax", o.epochs());
    training.put("batchSize", o.batchSize());
    training.put("learningRate", o.learningRate());
    training.put("patience", o.patience());
    if (o.averageLast() > 0) {
      training.put(
          "weightAveraging",
          "each member's weights averaged over the epochs in the last "
              + o.averageLast()
              + " of its planned work; the average kept where it validated better");
    }
    training.put(
        "loss",
        o.lossBeta() == 0
            ? "robust Laplace NLL: sqrt(2)|y-mu|exp(-log_sigma) + log_sigma"
            : "beta-weighted robust Laplace NLL: (sqrt(2)|y-mu|exp(-log_sigma) + log_sigma)"
                + " * stopgrad(sigma^beta), beta = "
                + o.lossBeta());
    training.put(
        "optimizer",
        (o.weightDecay() == 0
                ? "Adam, cosine decay to 1/20 of the initial rate"
                : "Adam with decoupled weight decay "
                    + o.weightDecay()
                    + " (times the rate), cosine decay to 1/20 of the initial rate")
            + (o.dropout() == 0
                ? ""
                : ", dropout " + o.dropout() + " on the output network's hidden units"));
    training.put("wallTimeSeconds", Math.round(wall));
    training.put("finishedAt", Instant.now().toString());
    training.put("backend", Nd4j.getBackend().getClass().getSimpleName());
    training.put("javaVersion", System.getProperty("java.version"));
    ModelMetadata meta =
        metadata(shape, List.copyOf(elementsSeen), mean, std, members, training, metrics)
            .withEnsembleMean(rule);
    ModelBundle.JSON.writeValue(o.out().resolve("metrics.json").toFile(), metrics);
    ModelBundle.writeMetadata(o.out(), meta);
    deleteCheckpoints(ckpt);
    log.printf("matscreen train: wrote %s in %.0f s%n", o.out(), wall);
    return meta;
  }

  private ModelMetadata metadata(
      NetworkShape shape,
      List<String> elements,
      double mean,
      double std,
      List<ModelMetadata.Member> members,
      Map<String, Object> training,
      Map<String, Object> metrics) {
    boolean mp = o.data().getFileName().toString().startsWith("mp-");
    return new ModelMetadata(
        ModelMetadata.FORMAT,
        ModelMetadata.FORMAT_VERSION,
        o.out().toAbsolutePath().normalize().getFileName().toString(),
        o.modelType(),
        modelInputKind(),
        featuriserId(),
        shape,
        elements,
        o.target(),
        "eV/atom",
        mean,
        std,
        members,
        null,
        training,
        metrics,
        mp ? MP_CREDIT : null);
  }

  /**
   * Seconds for a member that starts now: the time left divided by the rounds its thread still has
   * to run, i.e. by the members not yet started (itself included) spread over the parallel threads.
   * Members already running do not count: they end on their own share, and a member that replaces
   * one that stopped early may use the time that one left.
   */
  static double budgetShare(double secondsLeft, int notStarted, int parallel) {
    int rounds = (notStarted + parallel - 1) / parallel;
    return Math.max(0, secondsLeft) / Math.max(1, rounds);
  }

  /**
   * Trains every member, up to {@link #parallelMembers} at a time. A member that starts gets a
   * {@link #budgetShare} of the time left, so the last round ends near the budget whether members
   * run one by one or side by side.
   */
  private MemberRun[] trainMembers(
      NetworkShape shape,
      ModelMetadata base,
      List<WeightedNodeSet> sets,
      double[] targets,
      List<Integer> train,
      List<Integer> val,
      Path ckpt,
      long started,
      double elapsedBefore)
      throws IOException {
    int k = o.ensemble();
    int parallel = Math.min(parallelMembers, k);
    AtomicInteger startedMembers = new AtomicInteger();
    MemberTask task =
        index -> {
          double spent = elapsedBefore + (System.nanoTime() - started) / 1e9;
          int notStarted = k - startedMembers.getAndIncrement();
          double share =
              o.timeBudgetSeconds() > 0
                  ? budgetShare(o.timeBudgetSeconds() - spent, notStarted, parallel)
                  : Double.POSITIVE_INFINITY;
          MemberRun run = new MemberRun(index, shape, base, sets, targets, train, val, ckpt, share);
          run.showBar = parallel == 1;
          run.train();
          return run;
        };
    MemberRun[] runs = new MemberRun[k];
    if (parallel == 1) {
      for (int m = 0; m < k; m++) {
        runs[m] = task.train(m);
      }
      return runs;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      // Results in the order members finish, so that the first failure is seen at once.
      ExecutorCompletionService<MemberRun> done = new ExecutorCompletionService<>(pool);
      for (int m = 0; m < k; m++) {
        int index = m;
        done.submit(() -> task.train(index));
      }
      for (int m = 0; m < k; m++) {
        MemberRun run = done.take().get();
        runs[run.index] = run;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("training interrupted", e);
    } catch (ExecutionException e) {
      // The other members stop after their current epoch; their checkpoints allow --resume.
      abandoned = true;
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("member training failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
      awaitMembers(pool);
    }
    return runs;
  }

  /**
   * Waits for members still running after another failed (they stop after their current epoch), so
   * that no checkpoint is still being written when the failure reaches the caller.
   */
  private static void awaitMembers(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
        // an epoch can take minutes on real data
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Trains one member. */
  private interface MemberTask {
    MemberRun train(int index) throws IOException;
  }

  /** Set when a member failed: the others stop at their next epoch. */
  private volatile boolean abandoned;

  /** What the network reads: the input kind, or for structure files what they become. */
  private String modelInputKind() {
    return InputKinds.STRUCTURE.equals(o.inputKind())
        ? StructureInputs.kindForModelType(o.modelType())
        : o.inputKind();
  }

  private void check() {
    boolean structures =
        InputKinds.STRUCTURE.equals(o.inputKind())
            && ("roost".equals(o.modelType()) || "wren".equals(o.modelType()));
    if (!structures
        && !("roost".equals(o.modelType()) && InputKinds.COMPOSITION.equals(o.inputKind()))
        && !("wren".equals(o.modelType()) && InputKinds.PROTOSTRUCTURE.equals(o.inputKind()))) {
      throw new IllegalArgumentException(
          "model '"
              + o.modelType()
              + "' with input '"
              + o.inputKind()
              + "': use roost with composition, wren with protostructure, or either with"
              + " structure");
    }
    if (o.ensemble() < 1 || o.epochs() < 1 || o.batchSize() < 1 || o.patience() < 1) {
      throw new IllegalArgumentException("ensemble, epochs, batch size and patience must be ≥ 1");
    }
    CompositionFeaturiser.idFor(o.elementFeatures()); // throws, naming the accepted values
    if (!CompositionFeaturiser.BASIC.equals(o.elementFeatures())
        && !InputKinds.COMPOSITION.equals(modelInputKind())) {
      throw new IllegalArgumentException(
          "element features '"
              + o.elementFeatures()
              + "' are for composition models; a "
              + o.modelType()
              + " model takes "
              + CompositionFeaturiser.BASIC);
    }
    if (!(o.weightDecay() >= 0)) {
      throw new IllegalArgumentException("weight-decay must be ≥ 0, not " + o.weightDecay());
    }
    if (!(o.dropout() >= 0 && o.dropout() < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), not " + o.dropout());
    }
    if (o.refit() && o.ensembleMean() == null) {
      throw new IllegalArgumentException(
          "--refit trains on the validation rows, so they cannot choose the ensemble mean: give"
              + " --ensemble-mean (equal, inverse-sigma or mixture-median)");
    }
    if (o.refit() && o.averageLast() != 0) {
      throw new IllegalArgumentException(
          "--refit keeps each member's last epoch; --average-last needs validation rows to decide");
    }
    if (o.valFraction() <= 0 || o.testFraction() < 0 || o.valFraction() + o.testFraction() >= 0.9) {
      throw new IllegalArgumentException(
          "need 0 < val-fraction and 0 ≤ test-fraction with val + test < 0.9; got "
              + o.valFraction()
              + " and "
              + o.testFraction());
    }
  }

  /** Creates or checks the output directory; returns seconds spent by earlier runs. */
  private double prepareOutput(Path ckpt, String dataSha, int rows) throws IOException {
    Path runJson = ckpt.resolve(RUN_JSON);
    Map<String, Object> identity = new TreeMap<>();
    identity.put("dataSha256", dataSha);
    identity.put("rows", rows);
    identity.put("seed", o.seed());
    identity.put("ensemble", o.ensemble());
    identity.put("shape", o.shape().toString());
    identity.put("inputKind", o.inputKind());
    identity.put("target", o.target());
    // Only when set, so checkpoints from before these options still resume.
    if (!CompositionFeaturiser.BASIC.equals(o.elementFeatures())) {
      identity.put("elementFeatures", o.elementFeatures());
    }
    if (o.lossBeta() != 0) {
      identity.put("lossBeta", o.lossBeta());
    }
    if (o.weightDecay() != 0) {
      identity.put("weightDecay", o.weightDecay());
    }
    if (o.dropout() != 0) {
      identity.put("dropout", o.dropout());
    }
    if (o.averageLast() != 0) {
      identity.put("averageLast", o.averageLast());
    }
    if (o.refit()) {
      identity.put("refit", true);
    }
    if (Files.exists(runJson)) {
      if (!o.resume()) {
        throw new BundleException(
            o.out() + " holds checkpoints of an unfinished run; pass --resume to continue it");
      }
      Map<String, Object> before =
          ModelBundle.JSON.readValue(runJson.toFile(), new TypeReference<Map<String, Object>>() {});
      Object elapsed = before.remove("elapsedSeconds");
      Map<String, Object> was = new TreeMap<>(before);
      if (!String.valueOf(was).equals(String.valueOf(identity))) {
        throw new BundleException(
            "cannot resume "
                + o.out()
                + ": the checkpoints were made with "
                + was
                + ", this run has "
                + identity);
      }
      log.printf("matscreen train: resuming from checkpoints in %s%n", ckpt);
      return elapsed instanceof Number n ? n.doubleValue() : 0;
    }
    if (Files.exists(o.out().resolve(ModelBundle.MODEL_JSON))) {
      throw new BundleException(o.out() + " already holds a bundle; choose another --out");
    }
    Files.createDirectories(ckpt);
    identity.put("elapsedSeconds", 0.0);
    writeJsonAtomically(runJson, identity);
    return 0;
  }

  private void recordElapsed(Path ckpt, double seconds) throws IOException {
    Path runJson = ckpt.resolve(RUN_JSON);
    Map<String, Object> m =
        ModelBundle.JSON.readValue(runJson.toFile(), new TypeReference<Map<String, Object>>() {});
    m.put("elapsedSeconds", seconds);
    writeJsonAtomically(runJson, m);
  }

  /** Writes checkpoint state through a temporary file, so a reader never sees half of it. */
  private static void writeJsonAtomically(Path file, Object value) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    ModelBundle.JSON.writeValue(tmp.toFile(), value);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteCheckpoints(Path ckpt) throws IOException {
    if (!Files.isDirectory(ckpt)) {
      return;
    }
    try (var files = Files.list(ckpt)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(ckpt);
  }

  private static RegressionMetrics evaluate(
      ModelBundle model, List<WeightedNodeSet> sets, double[] targets, List<Integer> part) {
    List<WeightedNodeSet> subset = new ArrayList<>(part.size());
    double[] y = new double[part.size()];
    for (int k = 0; k < part.size(); k++) {
      subset.add(sets.get(part.get(k)));
      y[k] = targets[part.get(k)];
    }
    return RegressionMetrics.of(y, model.predictSets(subset));
  }

  /** The composition an input stands for (the formula, or the label's prototype formula). */
  static Composition compositionOf(String key) {
    if (key.indexOf(':') >= 0 && key.indexOf('_') >= 0) {
      ProtostructureLabel p = ProtostructureLabel.parse(key);
      Map<String, Integer> amounts = new LinkedHashMap<>();
      for (int e = 0; e < p.elements().size(); e++) {
        amounts.merge(p.elements().get(e), p.stoichiometry()[e], Integer::sum);
      }
      return Composition.of(amounts);
    }
    return Composition.parse(key);
  }

  /** A stable value in [0, 1) for a key and seed (SplitMix64 finaliser over String.hashCode). */
  static double unitHash(String key, long seed) {
    long z = key.hashCode() * 0x9E3779B97F4A7C15L + seed;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  /**
   * Per-epoch state of one member, saved after each epoch.
   *
   * @param epoch last finished epoch
   * @param bestEpoch epoch of the best validation MAE
   * @param bestValMae best validation MAE, eV/atom
   * @param sinceBest epochs since the best
   * @param done whether the member has finished
   * @param averaged epochs averaged so far into the member's weight average
   * @param keptAverage whether the best weights are the average
   * @param seconds the member's training seconds so far, over every run that resumed it
   * @param timeShare the member's share of the time budget, seconds, fixed when it first started so
   *     that a resumed member continues its learning-rate schedule; 0 when there is no budget
   */
  record MemberProgress(
      int epoch,
      int bestEpoch,
      double bestValMae,
      int sinceBest,
      boolean done,
      int averaged,
      boolean keptAverage,
      double seconds,
      double timeShare) {
    MemberProgress finished() {
      return new MemberProgress(
          epoch, bestEpoch, bestValMae, sinceBest, true, averaged, keptAverage, seconds, timeShare);
    }
  }

  /** Learning rate set by the trainer once per epoch (Adam reads it at every step). */
  private static final class EpochLearningRate implements ISchedule {
    private volatile double value;

    @Override
    public double valueAt(int iteration, int epoch) {
      return value;
    }

    @Override
    public ISchedule clone() {
      return this; // shared on purpose: the trainer changes the rate of the live updater
    }
  }

  private final class MemberRun {
    final int index;
    final long seed;
    final NetworkShape shape;
    final ModelMetadata base;
    final List<WeightedNodeSet> sets;
    final double[] targets;
    final List<Integer> train;
    final List<Integer> val;
    final Path currentFile;
    final Path bestFile;
    final Path progressFile;
    final Path averageFile;
    final Path ckpt;
    double budgetSeconds;
    MemberProgress progress;
    private double secondsBeforeThisRun;
    boolean showBar = true;

    MemberRun(
        int index,
        NetworkShape shape,
        ModelMetadata base,
        List<WeightedNodeSet> sets,
        double[] targets,
        List<Integer> train,
        List<Integer> val,
        Path ckpt,
        double budgetSeconds) {
      this.index = index;
      this.seed = o.seed() * 1_000_003L + index;
      this.shape = shape;
      this.base = base;
      this.sets = sets;
      this.targets = targets;
      this.train = train;
      this.val = val;
      this.ckpt = ckpt;
      this.currentFile = ckpt.resolve("member-" + index + ".current.weights");
      this.bestFile = ckpt.resolve("member-" + index + ".best.weights");
      this.progressFile = ckpt.resolve("member-" + index + ".progress.json");
      this.averageFile = ckpt.resolve("member-" + index + ".average.weights");
      this.budgetSeconds = budgetSeconds;
      this.progress =
          new MemberProgress(
              0,
              0,
              Double.POSITIVE_INFINITY,
              0,
              false,
              0,
              false,
              0,
              Double.isFinite(budgetSeconds) ? budgetSeconds : 0);
    }

    void train() throws IOException {
      Map<String, INDArray> weights;
      if (Files.exists(progressFile)) {
        progress = ModelBundle.JSON.readValue(progressFile.toFile(), MemberProgress.class);
        if (progress.done()) {
          log.printf("member %d/%d: already trained (checkpoint)%n", index + 1, o.ensemble());
          return;
        }
        weights = WeightsFile.read(Files.readAllBytes(currentFile), currentFile.toString());
        if (progress.timeShare() > 0) {
          budgetSeconds = progress.timeShare();
        }
        secondsBeforeThisRun = progress.seconds();
        log.printf(
            "member %d/%d: resuming after epoch %d%n", index + 1, o.ensemble(), progress.epoch());
      } else {
        weights = SetAttentionNetwork.initialWeights(shape, seed);
      }
      EpochLearningRate rate = new EpochLearningRate();
      SetAttentionOptimiser optimiser =
          new SetAttentionOptimiser(
              shape, weights, rate, o.weightDecay(), o.lossBeta(), o.dropout());
      long started = System.nanoTime();
      double mean = base.targetMean();
      double std = base.targetStd();
      while (progress.epoch() < o.epochs()) {
        if (abandoned) {
          throw new IllegalStateException(
              "member " + (index + 1) + ": stopped because another member failed");
        }
        int epoch = progress.epoch() + 1;
        long t0 = System.nanoTime();
        // Cosine decay over the member's planned work: epochs, or its share of the time budget if
        // that runs out first, so a run cut short by the budget still ends at a low rate.
        double done = workDone(epoch - 1, secondsSoFar(started));
        rate.value = o.learningRate() * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * done)));
        Random rng = new Random(seed * 31 + epoch);
        optimiser.seedDropout(seed * 131 + epoch);
        List<Integer> order = new ArrayList<>(train);
        Collections.shuffle(order, rng);
        List<NodeSetBatch> batches =
            NodeSetBatch.bucketed(sets, order, shape.featureDim(), o.batchSize());
        Collections.shuffle(batches, rng);
        int step = 0;
        boolean bar = showBar && System.console() != null;
        for (NodeSetBatch b : batches) {
          float[] y = new float[b.size()];
          for (int i = 0; i < b.size(); i++) {
            y[i] = (float) ((targets[b.indices()[i]] - mean) / std);
          }
          optimiser.step(b.nodes(), b.weights(), Nd4j.create(y, new long[] {b.size(), 1}, 'c'));
          step++;
          if (bar && (step % 20 == 0 || step == batches.size())) {
            int filled = 30 * step / batches.size();
            log.printf(
                "\rmember %d/%d epoch %d [%s%s] %d/%d",
                index + 1,
                o.ensemble(),
                epoch,
                "#".repeat(filled),
                " ".repeat(30 - filled),
                step,
                batches.size());
          }
        }
        if (bar) {
          log.print("\r");
        }
        Map<String, INDArray> now = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : weights.entrySet()) {
          now.put(e.getKey(), e.getValue().dup());
        }
        ModelBundle single = new ModelBundle(base, List.of(now));
        RegressionMetrics vm = evaluate(single, sets, targets, val);
        // A refit has no held-apart rows to pick an epoch by: the last epoch is kept.
        boolean better = o.refit() || vm.mae() < progress.bestValMae() - 1e-9;
        if (better) {
          WeightsFile.write(bestFile, now);
        }
        WeightsFile.write(currentFile, now);
        double seconds = secondsSoFar(started);
        int averaged = progress.averaged();
        if (o.averageLast() > 0 && workDone(epoch, seconds) >= 1 - o.averageLast()) {
          addToAverage(now, averaged);
          averaged++;
        }
        progress =
            new MemberProgress(
                epoch,
                better ? epoch : progress.bestEpoch(),
                better ? vm.mae() : progress.bestValMae(),
                better ? 0 : progress.sinceBest() + 1,
                false,
                averaged,
                false,
                seconds,
                progress.timeShare());
        writeJsonAtomically(progressFile, progress);
        recordElapsedFromStart();
        log.printf(
            "member %d/%d epoch %d/%d  lr %.2e  val%s MAE %.4f eV/atom  RMSE %.4f  (best MAE %.4f"
                + " at %d)  %.1f s%n",
            index + 1,
            o.ensemble(),
            epoch,
            o.epochs(),
            rate.value,
            o.refit() ? " (trained on)" : "",
            vm.mae(),
            vm.rmse(),
            progress.bestValMae(),
            progress.bestEpoch(),
            (System.nanoTime() - t0) / 1e9);
        if (progress.sinceBest() >= o.patience()) {
          log.printf(
              "member %d: early stop, no improvement for %d epochs%n", index + 1, o.patience());
          break;
        }
        if (seconds > budgetSeconds) {
          log.printf("member %d: time budget of %.0f s used, stopping%n", index + 1, budgetSeconds);
          break;
        }
      }
      keepAverageIfBetter();
      progress = progress.finished();
      writeJsonAtomically(progressFile, progress);
    }

    /** Folds one epoch's weights into the running average (the n-th epoch gets weight 1/n). */
    private void addToAverage(Map<String, INDArray> now, int before) throws IOException {
      Map<String, INDArray> avg =
          before == 0
              ? new LinkedHashMap<>()
              : WeightsFile.read(Files.readAllBytes(averageFile), averageFile.toString());
      for (Map.Entry<String, INDArray> e : now.entrySet()) {
        INDArray a = avg.get(e.getKey());
        avg.put(
            e.getKey(),
            a == null ? e.getValue().dup() : a.add(e.getValue().sub(a).div(before + 1)));
      }
      WeightsFile.write(averageFile, avg);
    }

    /** Makes the weight average the member's weights if it validates better than its best epoch. */
    private void keepAverageIfBetter() throws IOException {
      if (progress.averaged() < 2) {
        return;
      }
      Map<String, INDArray> avg =
          WeightsFile.read(Files.readAllBytes(averageFile), averageFile.toString());
      double mae = evaluate(new ModelBundle(base, List.of(avg)), sets, targets, val).mae();
      boolean better = mae < progress.bestValMae() - 1e-9;
      log.printf(
          "member %d/%d: average of the last %d epochs: val MAE %.4f eV/atom (best epoch %.4f)%s%n",
          index + 1,
          o.ensemble(),
          progress.averaged(),
          mae,
          progress.bestValMae(),
          better ? ", kept" : ", not kept");
      if (better) {
        Files.copy(averageFile, bestFile, StandardCopyOption.REPLACE_EXISTING);
        progress =
            new MemberProgress(
                progress.epoch(),
                progress.epoch(),
                mae,
                progress.sinceBest(),
                false,
                progress.averaged(),
                true,
                progress.seconds(),
                progress.timeShare());
      }
    }

    /** Fraction of the member's planned work done: of its epochs, or of its time share. */
    private double workDone(int epochsFinished, double seconds) {
      return Math.max((double) epochsFinished / o.epochs(), Math.min(1.0, seconds / budgetSeconds));
    }

    /**
     * The member's training seconds: those of earlier runs plus this run's since {@code started}.
     */
    private double secondsSoFar(long started) {
      return secondsBeforeThisRun + (System.nanoTime() - started) / 1e9;
    }

    private void recordElapsedFromStart() throws IOException {
      elapsedTotal.update(ckpt);
    }
  }

  private final ElapsedClock elapsedTotal = new ElapsedClock();

  /** Keeps run.json's elapsed seconds current so a resumed run reports its total wall time. */
  private final class ElapsedClock {
    private final long started = System.nanoTime();
    private Double before;

    synchronized void update(Path ckpt) throws IOException {
      if (before == null) {
        Map<String, Object> m =
            ModelBundle.JSON.readValue(
                ckpt.resolve(RUN_JSON).toFile(), new TypeReference<Map<String, Object>>() {});
        before = m.get("elapsedSeconds") instanceof Number n ? n.doubleValue() : 0.0;
      }
      recordElapsed(ckpt, before + (System.nanoTime() - started) / 1e9);
    }
  }
}
