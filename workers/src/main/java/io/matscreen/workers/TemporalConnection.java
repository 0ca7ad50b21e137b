package io.matscreen.workers;

import io.matscreen.activities.api.Payloads;
import io.temporal.authorization.AuthorizationGrpcMetadataProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** How a matscreen process reaches a Temporal frontend: address, namespace, TLS or API key. */
public record TemporalConnection(
    String target, String namespace, Path tlsCert, Path tlsKey, Path apiKeyFile) {

  public static final String DEFAULT_TARGET = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public static TemporalConnection local(String target) {
    return new TemporalConnection(target, DEFAULT_NAMESPACE, null, null, null);
  }

  /** Service stubs for this connection; fails with a clear message when nothing answers. */
  public WorkflowServiceStubs serviceStubs() {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    try {
      if (tlsCert != null || tlsKey != null) {
        if (tlsCert == null || tlsKey == null) {
          throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        try (InputStream cert = new FileInputStream(tlsCert.toFile());
            InputStream key = new FileInputStream(tlsKey.toFile())) {
          options.setSslContext(SimpleSslContextBuilder.forPKCS8(cert, key).build());
        }
      }
      if (apiKeyFile != null) {
        String apiKey = Files.readString(apiKeyFile, StandardCharsets.UTF_8).trim();
        options
            .setEnableHttps(true)
            .addGrpcMetadataProvider(
                new AuthorizationGrpcMetadataProvider(() -> "Bearer " + apiKey));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read TLS or API key file: " + e.getMessage(), e);
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    try {
      stubs.healthCheck();
    } catch (RuntimeException e) {
      stubs.shutdownNow();
      throw new IllegalStateException(
          "no Temporal frontend answers at "
              + target
              + " (start one with `matscreen dev`, or pass --temporal HOST:PORT): "
              + e.getMessage(),
          e);
    }
    return stubs;
  }

  public WorkflowClient client(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(namespace)
            .setDataConverter(Payloads.dataConverter())
            .build());
  }

  /** Operator stubs (search-attribute registration) over the same channel. */
  public OperatorServiceStubs operatorStubs(WorkflowServiceStubs stubs) {
    return OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder()
            .setChannel(stubs.getRawChannel())
            .setRpcTimeout(Duration.ofSeconds(10))
            .validateAndBuildWithDefaults());
  }
}
