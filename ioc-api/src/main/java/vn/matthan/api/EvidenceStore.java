package vn.matthan.api;

import java.nio.file.Path;
import java.util.Optional;

/** Where the API finds evidence packages; only packages that verify (signature and every file hash) are served. */
public interface EvidenceStore {
    /** The package folder for this manifest SHA-256 when it exists and is intact. */
    Optional<Path> verifiedPackage(String sha256);

    EvidenceStore NONE = sha -> Optional.empty();
}
