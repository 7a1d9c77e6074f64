package vn.matthan.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.api.EvidenceStore;
import vn.matthan.detection.evidence.EvidenceVerifier;
import vn.matthan.detection.evidence.FilePackageStore;
import vn.matthan.detection.evidence.PackageStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The evidence packages as the API sees them, in whichever {@link PackageStore} the node is configured with (its data
 * folder by default, a shared folder or an S3-compatible bucket): every use verifies the package anew with the
 * unchanged {@link EvidenceVerifier} on a local folder holding exactly what the store holds now.
 */
public final class PackageDirectory implements EvidenceStore {
    private static final Logger log = LoggerFactory.getLogger(PackageDirectory.class);
    private final PackageStore store;
    private final EvidenceVerifier verifier;

    /** Packages in the folder {@code root} ({@code <root>/<sha[0..2]>/<sha>}). */
    public PackageDirectory(Path root, EvidenceVerifier verifier) {
        this(new FilePackageStore(root), verifier);
    }

    public PackageDirectory(PackageStore store, EvidenceVerifier verifier) {
        this.store = store;
        this.verifier = verifier;
    }

    @Override
    public Path folder(String sha256) {
        if (!PackageStore.isAddress(sha256)) return null;
        try {
            return store.localCopy(sha256).orElse(null);
        } catch (IOException e) {
            log.error("evidence package {}: {}", sha256, e.getMessage());
            return null;
        }
    }

    @Override
    public Check check(String sha256) {
        return verified(sha256).check();
    }

    /** Fetches once and verifies what was fetched, so the folder served is the one that verified. */
    @Override
    public Optional<Path> verifiedPackage(String sha256) {
        Verified v = verified(sha256);
        return v.check().intact() ? Optional.of(v.dir()) : Optional.empty();
    }

    private record Verified(Path dir, Check check) {
    }

    private Verified verified(String sha256) {
        if (!PackageStore.isAddress(sha256)) return new Verified(null, new Check(false, null, List.of()));
        Optional<Path> dir;
        try {
            dir = store.localCopy(sha256);
        } catch (IOException e) {
            log.error("evidence package {}: {}", sha256, e.getMessage());
            return new Verified(null, new Check(false, null, List.of(e.getMessage())));
        }
        if (dir.isEmpty()) return new Verified(null, new Check(false, null, List.of()));
        EvidenceVerifier.Result r = verifier.verify(dir.get());
        if (!r.intact() && store.forget(sha256)) {
            // A remote store's local copy: confirm the verdict on a fresh copy of every object, so a damaged copy on
            // this node heals and only a package changed in the store itself stays refused.
            try {
                dir = store.localCopy(sha256);
            } catch (IOException e) {
                log.error("evidence package {}: {}", sha256, e.getMessage());
                return new Verified(null, new Check(false, null, List.of(e.getMessage())));
            }
            if (dir.isEmpty()) return new Verified(null, new Check(false, null, List.of()));
            r = verifier.verify(dir.get());
        }
        if (!r.intact()) log.error("evidence package {} in {} does not verify: {}", sha256, store.describe(), String.join("; ", r.problems()));
        return new Verified(dir.get(), new Check(true, r.keyId(), r.problems()));
    }
}
