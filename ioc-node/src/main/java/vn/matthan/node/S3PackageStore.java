package vn.matthan.node;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import vn.matthan.detection.evidence.PackageStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Packages in an S3-compatible object store (AWS S3, MinIO, Ceph RGW…), one object per file under
 * {@code <prefix>/<sha[0..2]>/<sha>/<file>}: the folder layout as keys. Camera nodes put packages, API nodes read them.
 * <p>
 * Storing: the package's files are uploaded one by one, the signature {@code manifest.sig.json} last; {@link #put}
 * returns once all are stored, and only then does the violation event carrying the address go out, so no node
 * addresses a half-stored package. A package already stored (same address, hence same content) is kept as it is.
 * <p>
 * Reading for verification: {@link #localCopy} lists the package's objects (one request) and keeps a local copy under
 * {@code cache} in step with that listing: an object whose ETag or size changed is fetched again, an object gone is
 * removed, an object added appears. The unchanged {@link vn.matthan.detection.evidence.EvidenceVerifier} then hashes
 * every local file, so a changed, missing or added object is reported exactly as in a folder, and the bytes the API
 * serves are the bytes it verified (not a second read that could differ).
 */
public final class S3PackageStore implements PackageStore, AutoCloseable {
    private static final String SIGNATURE = "manifest.sig.json", MANIFEST = "manifest.json";
    private final S3Client s3;
    private final String bucket, prefix, where;
    private final Path cache;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Per local file: the ETag and size of the object it was fetched from, and the local file's size and time. */
    private final Map<Path, Fetched> fetched = new ConcurrentHashMap<>();

    private record Fetched(String etag, long size, long localSize, long localModified) {
    }

    /** @param prefix key prefix without leading or trailing '/', may be empty; @param cache where local copies live */
    public S3PackageStore(S3Client s3, String bucket, String prefix, String endpoint, Path cache) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        this.where = "s3://" + bucket + (this.prefix.isEmpty() ? "" : "/" + this.prefix) + (endpoint == null ? "" : " at " + endpoint);
        this.cache = cache.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return where;
    }

    private String key(String sha256) {
        return (prefix.isEmpty() ? "" : prefix + "/") + PackageStore.relative(sha256) + "/";
    }

    @Override
    public void put(String sha256, Path dir) throws IOException {
        String key = key(sha256);
        if (stored(key + SIGNATURE)) return; // the same address holds the same content: keep the first
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
        // Files first, the manifest after them, its signature last.
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString().equals(SIGNATURE) ? 2
                : p.getFileName().toString().equals(MANIFEST) ? 1 : 0).thenComparing(p -> p.getFileName().toString()));
        List<String> uploaded = new ArrayList<>();
        try {
            for (Path f : files) {
                String name = f.getFileName().toString();
                s3.putObject(b -> b.bucket(bucket).key(key + name).contentType(mediaType(name)), RequestBody.fromFile(f));
                uploaded.add(key + name);
            }
        } catch (SdkException e) {
            removeQuietly(uploaded);
            throw new IOException("evidence store " + where + ": package " + sha256 + " not stored: " + oneLine(e), e);
        }
    }

    private void removeQuietly(List<String> keys) {
        if (keys.isEmpty()) return;
        try {
            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList())));
        } catch (SdkException ignored) {
            // an incomplete package nobody addresses is harmless; the event goes out without it
        }
    }

    private static String mediaType(String name) {
        return name.endsWith(".mp4") ? "video/mp4" : name.endsWith(".json") ? "application/json" : name.endsWith(".jpg") ? "image/jpeg"
                : "application/octet-stream";
    }

    private boolean stored(String key) throws IOException {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) return false;
            throw new IOException("evidence store " + where + ": " + oneLine(e), e);
        } catch (SdkException e) {
            throw new IOException("evidence store " + where + " unreachable: " + oneLine(e), e);
        }
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        return PackageStore.isAddress(sha256) && stored(key(sha256) + MANIFEST);
    }

    /** The package's objects by name relative to the package (a name with '/' is a key below it). */
    private Map<String, S3Object> objects(String sha256) throws IOException {
        String key = key(sha256);
        Map<String, S3Object> out = new TreeMap<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(key)).contents()) {
                out.put(o.key().substring(key.length()), o);
            }
        } catch (SdkException e) {
            throw new IOException("evidence store " + where + " unreachable: " + oneLine(e), e);
        }
        return out;
    }

    @Override
    public List<String> files(String sha256) throws IOException {
        if (!PackageStore.isAddress(sha256)) return List.of();
        return List.copyOf(objects(sha256).keySet());
    }

    @Override
    public InputStream open(String sha256, String file, long offset, long length) throws IOException {
        if (file.contains("/") || file.equals("..")) throw new NoSuchFileException(file, null, "not a file of package " + sha256);
        String range = "bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1));
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key(sha256) + file)
                    .range(range).build());
            return in;
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(file, null, "not stored in package " + sha256);
        } catch (SdkException e) {
            throw new IOException("evidence store " + where + ": " + file + " of " + sha256 + " not read: " + oneLine(e), e);
        }
    }

    @Override
    public Optional<Path> localCopy(String sha256) throws IOException {
        if (!PackageStore.isAddress(sha256)) return Optional.empty();
        synchronized (locks.computeIfAbsent(sha256, k -> new Object())) {
            Map<String, S3Object> objects = objects(sha256);
            Path dir = cache.resolve(PackageStore.relative(sha256));
            if (objects.isEmpty()) {
                deleteTree(dir);
                return Optional.empty();
            }
            Files.createDirectories(dir);
            java.util.Set<String> below = new java.util.HashSet<>();
            for (String name : objects.keySet()) if (name.contains("/")) below.add(name.substring(0, name.indexOf('/')));
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (Files.isDirectory(p) ? !below.contains(name) : !objects.containsKey(name)) {
                        deleteTree(p);
                        fetched.remove(p);
                    }
                }
            }
            for (Map.Entry<String, S3Object> o : objects.entrySet()) {
                String name = o.getKey();
                if (name.contains("/")) {
                    // a key below the package: shown to the verifier as an added entry
                    Files.createDirectories(dir.resolve(name.substring(0, name.indexOf('/'))));
                    continue;
                }
                Path local = dir.resolve(name);
                Fetched f = fetched.get(local);
                if (f != null && f.etag().equals(etag(o.getValue().eTag())) && f.size() == o.getValue().size() && Files.isRegularFile(local)
                        && Files.size(local) == f.localSize() && Files.getLastModifiedTime(local).toMillis() == f.localModified()) continue;
                Path tmp = Files.createTempFile(dir.getParent(), ".fetch-", ".part");
                try {
                    // The ETag of what was fetched (the object may have changed since the listing: then the next
                    // listing differs from it and the object is fetched again).
                    GetObjectResponse got = s3.getObject(b -> b.bucket(bucket).key(key(sha256) + name),
                            software.amazon.awssdk.core.sync.ResponseTransformer.toFile(replaceable(tmp)));
                    Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    fetched.put(local, new Fetched(etag(got.eTag()), Files.size(local), Files.size(local),
                            Files.getLastModifiedTime(local).toMillis()));
                } catch (NoSuchKeyException e) {
                    Files.deleteIfExists(local); // removed since the listing
                    fetched.remove(local);
                } catch (SdkException e) {
                    throw new IOException("evidence store " + where + ": " + name + " of " + sha256 + " not read: " + oneLine(e), e);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return Optional.of(dir);
        }
    }

    private static String etag(String e) {
        return e == null ? "" : e.replace("\"", "");
    }

    /** ResponseTransformer.toFile refuses an existing file: hand it a fresh name next to the temp file. */
    private static Path replaceable(Path tmp) throws IOException {
        Files.delete(tmp);
        return tmp;
    }

    @Override
    public boolean forget(String sha256) {
        if (!PackageStore.isAddress(sha256)) return false;
        Path dir = cache.resolve(PackageStore.relative(sha256));
        synchronized (locks.computeIfAbsent(sha256, k -> new Object())) {
            return fetched.keySet().removeIf(p -> p.getParent().equals(dir));
        }
    }

    @Override
    public void probe() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (AwsServiceException e) {
            throw new IOException("evidence store " + where + ": bucket " + bucket + " not usable: " + oneLine(e), e);
        } catch (SdkException e) {
            throw new IOException("evidence store " + where + " unreachable: " + oneLine(e), e);
        }
    }

    static String oneLine(Throwable e) {
        String m = e instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.statusCode() + " " + a.awsErrorDetails().errorCode() + (a.awsErrorDetails().errorMessage() == null ? "" : ": " + a.awsErrorDetails().errorMessage())
                : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root != e && root.getMessage() != null && (m == null || !m.contains(root.getMessage()))) m = (m == null ? "" : m + " (") + root + (m == null ? "" : ")");
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ").strip();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
