package dsgen.producer.gallery;

import dsgen.records.ObjectRef;

/** A dataset object as the gallery index keeps it: the fields of its {@link ObjectRef}. */
public record StoredObject(String uri, String sha256, long sizeBytes, String contentType) {

  static StoredObject of(ObjectRef ref) {
    return new StoredObject(
        ref.getUri(), ref.getSha256(), ref.getSizeBytes(), ref.getContentType());
  }

  ObjectRef toRef() {
    return ObjectRef.newBuilder()
        .setUri(uri)
        .setSha256(sha256)
        .setSizeBytes(sizeBytes)
        .setContentType(contentType)
        .build();
  }
}
