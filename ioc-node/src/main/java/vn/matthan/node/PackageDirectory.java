package vn.matthan.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.api.EvidenceStore;
import vn.matthan.detection.evidence.EvidenceVerifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The node's content-addressed evidence store as the API sees it: packages are verified each time they are used. */
public final class PackageDirectory implements EvidenceStore {
    private static final Logger log = LoggerFactory.getLogger(PackageDirectory.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path root;
    private final EvidenceVerifier verifier;

    public PackageDirectory(Path root, EvidenceVerifier verifier) {
        this.root = root;
        this.verifier = verifier;
    }

    @Override
    public Path folder(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) return null;
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    @Override
    public Check check(String sha256) {
        Path dir = folder(sha256);
        if (dir == null || !Files.isDirectory(dir)) return new Check(false, null, List.of());
        EvidenceVerifier.Result r = verifier.verify(dir);
        if (!r.intact()) log.error("evidence package {} does not verify: {}", sha256, String.join("; ", r.problems()));
        return new Check(true, r.keyId(), r.problems());
    }
}
