package io.matscreen.dft.local;

import io.matscreen.dft.DftExecutor;
import io.matscreen.dft.DftExecutorContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** LocalExecutor passes the executor contract (two jobs at a time). */
class LocalExecutorContractTest extends DftExecutorContract {
  private final List<LocalExecutor> made = new ArrayList<>();

  @Override
  protected DftExecutor executor(Path stateDir) {
    LocalExecutor ex = new LocalExecutor(stateDir, 2);
    made.add(ex);
    return ex;
  }

  @AfterEach
  void close() {
    made.forEach(LocalExecutor::close);
  }
}
