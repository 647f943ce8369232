/**
 * Claim-check object storage: records carry a {@link dsgen.records.ObjectRef} (uri, sha256, size,
 * content type) and the bytes live in an {@link dsgen.store.ObjectStore}, opened from a {@link
 * dsgen.store.StoreConfig} ({@code dsgen.store.*} keys): {@link dsgen.store.S3ObjectStore} for
 * {@code s3://bucket[/prefix]} (AWS S3, MinIO, S3Proxy) or {@link dsgen.store.LocalObjectStore} for
 * {@code file:/dir}. Every {@code get} checks size and SHA-256. Failures are typed: {@link
 * dsgen.store.ObjectNotFoundException} and {@link dsgen.store.ChecksumMismatchException} are
 * permanent, {@link dsgen.store.ObjectStoreUnavailableException} is transient (retry later).
 */
package dsgen.store;
