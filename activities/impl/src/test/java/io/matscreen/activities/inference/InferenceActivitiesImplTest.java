package io.matscreen.activities.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.api.InferenceActivities;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.CampaignStores;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inference activity reports a model that cannot be loaded as a non-retryable failure. */
class InferenceActivitiesImplTest {
  @TempDir Path dir;

  @Test
  void aMissingModelIsANonRetryableInvalidModelFailure() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    CampaignStores stores = new CampaignStores();
    try {
      env.registerActivitiesImplementations(new InferenceActivitiesImpl(stores));
      InferenceActivities inference =
          env.newActivityStub(
              InferenceActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      CampaignSpec spec =
          CampaignSpec.newBuilder()
              .setName("bad-model")
              .setStore("jdbc:sqlite:" + dir.resolve("store.db"))
              .setModel(dir.resolve("missing-bundle").toString())
              .build();
      Throwable failure = catchThrowable(() -> inference.predictReferences(spec));
      assertThat(failure).isInstanceOf(ActivityFailure.class);
      assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
      ApplicationFailure cause = (ApplicationFailure) failure.getCause();
      assertThat(cause.getType()).isEqualTo(FailureTypes.INVALID_MODEL);
      assertThat(cause.isNonRetryable()).isTrue();
      assertThat(cause.getOriginalMessage())
          .contains("missing-bundle")
          .contains("cannot be loaded");
    } finally {
      env.close();
      stores.close();
    }
  }
}
