package io.matscreen.activities.api;

import io.temporal.common.converter.ByteArrayPayloadConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.common.converter.NullPayloadConverter;
import io.temporal.common.converter.ProtobufJsonPayloadConverter;
import io.temporal.common.converter.ProtobufPayloadConverter;

/** The data converter every matscreen client and worker uses: binary protobuf payloads first. */
public final class Payloads {
  private Payloads() {}

  /**
   * Proto messages travel as binary/protobuf (small, schema-checked); plain values such as an int
   * budget fall through to JSON.
   */
  public static DataConverter dataConverter() {
    return new DefaultDataConverter(
        new NullPayloadConverter(),
        new ByteArrayPayloadConverter(),
        new ProtobufPayloadConverter(),
        new ProtobufJsonPayloadConverter(),
        new JacksonJsonPayloadConverter());
  }
}
