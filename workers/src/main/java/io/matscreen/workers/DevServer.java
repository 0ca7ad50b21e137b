package io.matscreen.workers;

import io.matscreen.workflows.campaign.CampaignSearchAttributes;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testserver.TestServer;
import java.io.Closeable;

/**
 * The embedded development server: Temporal's in-memory test server bound to a TCP port, with
 * matscreen's search attributes registered. State lives in memory only; the campaign store is what
 * makes campaigns resumable.
 */
public final class DevServer implements Closeable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private DevServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts the server on 127.0.0.1:{@code port} (0 picks a free port). */
  public static DevServer start(int port) {
    int bound = port == 0 ? freePort() : port;
    // Real time, never skipped: workers and DFT jobs run on wall-clock time.
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(bound, true);
    DevServer dev = new DevServer(server, bound);
    dev.registerSearchAttributes();
    return dev;
  }

  public int port() {
    return port;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  private void registerSearchAttributes() {
    TemporalConnection connection = TemporalConnection.local(target());
    WorkflowServiceStubs stubs = connection.serviceStubs();
    try {
      OperatorServiceStubs operator = connection.operatorStubs(stubs);
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(TemporalConnection.DEFAULT_NAMESPACE)
                  .putAllSearchAttributes(CampaignSearchAttributes.DEFINITIONS)
                  .build());
      operator.shutdown();
    } finally {
      stubs.shutdown();
    }
  }

  private static int freePort() {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no free TCP port on 127.0.0.1", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
