package io.matscreen.cli;

import io.matscreen.workers.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Options that say how to reach Temporal; shared by every client and worker command. */
public final class ConnectionOptions {
  @Option(
      names = "--temporal",
      defaultValue = TemporalConnection.DEFAULT_TARGET,
      description = "Temporal frontend HOST:PORT (default ${DEFAULT-VALUE})")
  String target;

  @Option(
      names = "--namespace",
      defaultValue = TemporalConnection.DEFAULT_NAMESPACE,
      description = "Temporal namespace (default ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--tls-cert", description = "client certificate (PEM) for mTLS")
  Path tlsCert;

  @Option(names = "--tls-key", description = "client key (PKCS8 PEM) for mTLS")
  Path tlsKey;

  @Option(names = "--api-key-file", description = "file holding a Temporal Cloud API key")
  Path apiKeyFile;

  public TemporalConnection connection() {
    return new TemporalConnection(target, namespace, tlsCert, tlsKey, apiKeyFile);
  }

  /** Runs {@code body} with a client of this connection; its service stubs shut down after. */
  public <T> T withClient(Function<WorkflowClient, T> body) {
    TemporalConnection conn = connection();
    WorkflowServiceStubs stubs = conn.serviceStubs();
    try {
      return body.apply(conn.client(stubs));
    } finally {
      stubs.shutdown();
    }
  }

  /** {@link #withClient} for a body that returns nothing. */
  public void useClient(Consumer<WorkflowClient> body) {
    withClient(
        client -> {
          body.accept(client);
          return null;
        });
  }
}
