package io.matscreen.dft.slurm;

import io.matscreen.dft.DftExecutor;
import io.matscreen.dft.DftExecutorContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/** SlurmExecutor passes the executor contract on the real single-node test cluster. */
@ExtendWith(SlurmClusterExtension.class)
class SlurmExecutorContractTest extends DftExecutorContract {
  @Override
  protected DftExecutor executor(Path stateDir) {
    return new SlurmExecutor(stateDir, SlurmClusterExtension.slurmConf(), Map.of());
  }
}
