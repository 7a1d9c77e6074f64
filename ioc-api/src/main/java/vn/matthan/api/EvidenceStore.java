package vn.matthan.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the API finds evidence packages; only packages that verify (signature and every file hash) are served. */
public interface EvidenceStore {
    /** The outcome of checking one package: whether it exists, and every problem found (naming the file). */
    record Check(boolean found, String signedBy, List<String> problems) {
        public boolean intact() {
            return found && problems.isEmpty();
        }
    }

    /** Verifies the package with this manifest SHA-256. */
    Check check(String sha256);

    /** The package folder for this manifest SHA-256 when it exists and is intact. */
    default Optional<Path> verifiedPackage(String sha256) {
        return check(sha256).intact() ? Optional.ofNullable(folder(sha256)) : Optional.empty();
    }

    /** Where the package would be; null when this store has no folders. */
    Path folder(String sha256);

    EvidenceStore NONE = new EvidenceStore() {
        @Override
        public Check check(String sha256) {
            return new Check(false, null, List.of());
        }

        @Override
        public Path folder(String sha256) {
            return null;
        }
    };
}
