package dsgen.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.records.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest {

  @TempDir Path dir;

  private ObjectStore open() {
    return ObjectStore.open(StoreConfig.localFolder(dir.toUri().toString()));
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putReturnsAVerifiableReferenceAndGetReturnsTheBytes() {
    try (ObjectStore store = open()) {
      ObjectRef ref =
          store.put(
              "generations/j/j-000001/g1/image.png",
              text("png bytes"),
              "image/png",
              Map.of("seed", "42"));
      assertEquals(ObjectRefs.sha256Hex(text("png bytes")), ref.getSha256());
      assertEquals(9, ref.getSizeBytes());
      assertEquals("image/png", ref.getContentType());
      assertEquals(
          dir.resolve("generations/j/j-000001/g1/image.png").toUri().toString(), ref.getUri());
      assertArrayEquals(text("png bytes"), store.get(ref));
      assertEquals(
          Map.of("seed", "42"),
          ((LocalObjectStore) store).metadata("generations/j/j-000001/g1/image.png"));
    }
  }

  @Test
  void readByKeyChecksTheRecordedDigest() throws Exception {
    try (ObjectStore store = open()) {
      assertTrue(store.read("markers/absent.avro").isEmpty());
      store.put("markers/m.avro", text("marker v1"), "application/octet-stream", Map.of());
      assertArrayEquals(text("marker v1"), store.read("markers/m.avro").orElseThrow());
      Files.write(dir.resolve("markers/m.avro"), text("marker v2"));
      ChecksumMismatchException e =
          assertThrows(ChecksumMismatchException.class, () -> store.read("markers/m.avro"));
      assertEquals(ObjectRefs.sha256Hex(text("marker v2")), e.found());
    }
  }

  @Test
  void listReturnsKeysUnderThePrefixSortedWithoutTheStoresOwnFiles() {
    try (ObjectStore store = open()) {
      store.put("datasets/d/r/JPEGImages/b.jpg", text("b"), "image/jpeg", Map.of());
      store.put("datasets/d/r/JPEGImages/a.jpg", text("a"), "image/jpeg", Map.of());
      store.put("datasets/d/r/labels.json", text("{}"), "application/json", Map.of());
      store.put("datasets/other/labels.json", text("{}"), "application/json", Map.of());
      assertEquals(
          List.of("datasets/d/r/JPEGImages/a.jpg", "datasets/d/r/JPEGImages/b.jpg"),
          store.list("datasets/d/r/JPEG"));
      assertEquals(4, store.list("").size());
      assertEquals(List.of("datasets/d/r/labels.json"), store.list("datasets/d/r/l"));
      assertEquals(List.of(), store.list("nothing/here"));
    }
  }

  @Test
  void rewritingAKeyReplacesTheObjectAndLeavesNoTemporaryFiles() throws Exception {
    try (ObjectStore store = open()) {
      store.put("k/x.bin", text("first"), "application/octet-stream", Map.of());
      ObjectRef second = store.put("k/x.bin", text("second"), "application/octet-stream", Map.of());
      assertArrayEquals(text("second"), store.get(second));
      try (Stream<Path> temp = Files.list(dir.resolve(LocalObjectStore.TEMP_DIR))) {
        assertEquals(0, temp.count());
      }
    }
  }

  @Test
  void aTamperedObjectIsReportedWithWhatDiffered() throws Exception {
    try (ObjectStore store = open()) {
      ObjectRef ref = store.put("a/b.bin", text("original"), "application/octet-stream", Map.of());
      Files.write(dir.resolve("a/b.bin"), text("0riginal"));
      ChecksumMismatchException digest =
          assertThrows(ChecksumMismatchException.class, () -> store.get(ref));
      assertEquals("sha256", digest.property());
      assertEquals(ref.getSha256(), digest.expected());
      assertEquals(ObjectRefs.sha256Hex(text("0riginal")), digest.found());
      assertTrue(digest.getMessage().contains(ref.getUri()), digest.getMessage());

      Files.write(dir.resolve("a/b.bin"), text("short"));
      ChecksumMismatchException size =
          assertThrows(ChecksumMismatchException.class, () -> store.get(ref));
      assertEquals("sizeBytes", size.property());
      assertEquals("8", size.expected());
      assertEquals("5", size.found());
    }
  }

  @Test
  void aMissingObjectIsReportedByUri() {
    try (ObjectStore store = open()) {
      ObjectRef ref = ObjectRefs.of(store.uriOf("no/such.png"), text("x"), "image/png");
      ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> store.get(ref));
      assertEquals(ref.getUri(), e.uri());
      assertTrue(e.getMessage().contains(ref.getUri()), e.getMessage());
    }
  }

  @Test
  void keysMayNotLeaveTheFolder() {
    try (ObjectStore store = open()) {
      for (String bad : List.of("../x", "/abs", "a//b", "a/./b", "", "a/", ".dsgen-meta/x")) {
        assertThrows(
            IllegalArgumentException.class,
            () -> store.put(bad, text("x"), "text/plain", Map.of()),
            bad);
      }
      ObjectRef outside =
          ObjectRefs.of(
              dir.getParent().resolve("elsewhere").toUri().toString(), text("x"), "text/plain");
      assertInstanceOf(
          ObjectStoreException.class,
          assertThrows(ObjectStoreException.class, () -> store.get(outside)));
    }
  }

  @Test
  void metadataFollowsTheS3Rules() {
    try (ObjectStore store = open()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> store.put("k", text("x"), "text/plain", Map.of("Seed", "1")));
      assertThrows(
          IllegalArgumentException.class,
          () -> store.put("k", text("x"), "text/plain", Map.of("prompt", "caf\u00e9")));
      assertThrows(
          IllegalArgumentException.class,
          () -> store.put("k", text("x"), "text/plain", Map.of("sha256", "x")));
      assertThrows(
          IllegalArgumentException.class,
          () -> store.put("k", text("x"), "text/plain", Map.of("big", "x".repeat(2048))));
    }
  }

  @Test
  void relativeAndTripleSlashFileUrisOpenTheSameFolder() {
    assertEquals(dir, LocalObjectStore.rootOf("file://" + dir));
    assertEquals(dir, LocalObjectStore.rootOf("file:" + dir));
    assertEquals(Path.of("data/objects"), LocalObjectStore.rootOf("file:data/objects"));
  }
}
