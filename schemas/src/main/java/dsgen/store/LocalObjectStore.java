package dsgen.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.records.ObjectRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Objects as files under a root folder ({@code file:} URIs): for a single machine, tests and
 * offline runs. A key is a path under the root. Writes go to a temporary file that is then moved
 * into place, so a reader never sees half an object. Metadata (with content type and digest) is
 * kept beside the tree in {@code <root>/.dsgen-meta/<key>.json}, so dataset folders hold only the
 * dataset's files.
 */
public final class LocalObjectStore implements ObjectStore {

  static final String META_DIR = ".dsgen-meta";
  static final String TEMP_DIR = ".dsgen-tmp";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  public LocalObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root.resolve(TEMP_DIR));
    } catch (IOException e) {
      throw new ObjectStoreUnavailableException(
          this.root.toUri().toString(), "cannot create store folder " + this.root + ": " + e, e);
    }
  }

  /** The folder of a {@code file:/dir}, {@code file:///dir} or {@code file:relative/dir} URI. */
  static Path rootOf(String fileUri) {
    try {
      URI uri = URI.create(fileUri);
      return Path.of(uri.getSchemeSpecificPart());
    } catch (IllegalArgumentException e) {
      return Path.of(fileUri.substring("file:".length()));
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public ObjectRef put(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
    Path target = pathOf(ObjectKeys.requireValidKey(key));
    ObjectKeys.requireValidMetadata(metadata);
    ObjectRef ref = ObjectRefs.of(uriOf(key), bytes, contentType);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("contentType", contentType);
    meta.put("sizeBytes", bytes.length);
    meta.put(ObjectKeys.SHA256_METADATA_KEY, ref.getSha256());
    meta.put("metadata", metadata);
    try {
      writeAtomically(target, bytes);
      writeAtomically(metaPathOf(key), JSON.writeValueAsBytes(meta));
    } catch (IOException e) {
      throw new ObjectStoreUnavailableException(
          ref.getUri(), "cannot write " + target + ": " + e, e);
    }
    return ref;
  }

  @Override
  public byte[] get(ObjectRef ref) {
    Path path = pathOfUri(ref.getUri());
    try {
      return ObjectRefs.verify(ref, Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(ref.getUri(), "no file " + path, e);
    } catch (IOException e) {
      throw new ObjectStoreUnavailableException(ref.getUri(), "cannot read " + path + ": " + e, e);
    }
  }

  @Override
  public Optional<byte[]> read(String key) {
    Path path = pathOf(ObjectKeys.requireValidKey(key));
    Path meta = metaPathOf(key);
    byte[] bytes;
    String recorded;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ObjectStoreUnavailableException(uriOf(key), "cannot read " + path + ": " + e, e);
    }
    try {
      Object sha =
          JSON.readValue(Files.readAllBytes(meta), Map.class).get(ObjectKeys.SHA256_METADATA_KEY);
      recorded = sha == null ? null : sha.toString();
    } catch (NoSuchFileException e) {
      recorded = null;
    } catch (IOException e) {
      throw new ObjectStoreException(
          uriOf(key), "cannot read the metadata file " + meta + ": " + e, e);
    }
    return Optional.of(ObjectRefs.verifyRecorded(uriOf(key), bytes, recorded));
  }

  /** The metadata given to {@link #put} for a key (without the digest). */
  @SuppressWarnings("unchecked")
  public Map<String, String> metadata(String key) {
    Path meta = metaPathOf(ObjectKeys.requireValidKey(key));
    try {
      return (Map<String, String>)
          JSON.readValue(Files.readAllBytes(meta), Map.class).get("metadata");
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(uriOf(key), "no metadata file " + meta, e);
    } catch (IOException e) {
      throw new ObjectStoreUnavailableException(uriOf(key), "cannot read " + meta + ": " + e, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    // Walk only the folder the prefix pins down, e.g. datasets/d/r/ for datasets/d/r/JPEG.
    Path start =
        prefix.contains("/")
            ? inside(root.resolve(prefix.substring(0, prefix.lastIndexOf('/'))).normalize(), prefix)
            : root;
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              boolean reserved =
                  dir.getParent() != null
                      && dir.getParent().equals(root)
                      && dir.getFileName().toString().startsWith(".dsgen-");
              return reserved ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String key =
                  root.relativize(file)
                      .toString()
                      .replace(file.getFileSystem().getSeparator(), "/");
              if (attrs.isRegularFile() && key.startsWith(prefix)) {
                keys.add(key);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // removed while we listed
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new ObjectStoreUnavailableException(
          root.toUri().toString(), "cannot list " + start + ": " + e, e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public String uriOf(String key) {
    return pathOf(key).toUri().toString();
  }

  @Override
  public void close() {
    // Nothing is held open between calls.
  }

  @Override
  public String toString() {
    return "LocalObjectStore[" + root + "]";
  }

  private void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(root.resolve(TEMP_DIR), "put-", ".tmp");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private Path pathOf(String key) {
    return inside(root.resolve(key).normalize(), key);
  }

  private Path metaPathOf(String key) {
    return inside(root.resolve(META_DIR).resolve(key + ".json").normalize(), key);
  }

  private Path pathOfUri(String uri) {
    if (!uri.startsWith("file:")) {
      throw new ObjectStoreException(
          uri, "the local store under " + root + " cannot read " + uri + " (not a file: URI)");
    }
    Path path = Path.of(URI.create(uri)).normalize();
    if (!path.startsWith(root)) {
      throw new ObjectStoreException(uri, uri + " lies outside the local store " + root);
    }
    return path;
  }

  private Path inside(Path path, String key) {
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException(
          "object key '" + key + "' leaves the store folder " + root);
    }
    return path;
  }
}
