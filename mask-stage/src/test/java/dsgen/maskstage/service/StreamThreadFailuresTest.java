package dsgen.maskstage.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.store.ObjectStoreException;
import dsgen.store.ObjectStoreUnavailableException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailuresTest {

  @Test
  void aStoreOutageReplacesTheThreadAnythingElseStopsTheClient() {
    StreamThreadFailures handler = new StreamThreadFailures();
    assertEquals(
        StreamThreadExceptionResponse.REPLACE_THREAD,
        handler.handle(
            new StreamsException(
                "processing failed",
                new ObjectStoreUnavailableException("s3://dsgen/x", "connection refused", null))));
    assertEquals(
        StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
        handler.handle(
            new StreamsException(
                "processing failed",
                new ObjectStoreException("s3://dsgen/x", "access denied", null))));
    assertEquals(
        StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
        handler.handle(new IllegalStateException("bug")));
  }
}
