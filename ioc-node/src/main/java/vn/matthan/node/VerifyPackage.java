package vn.matthan.node;

import vn.matthan.detection.evidence.EvidencePackager;
import vn.matthan.detection.evidence.EvidenceVerifier;
import vn.matthan.detection.evidence.PackageStore;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code ./ioc verify PACKAGE [KEY_DIR…]}: PACKAGE is a package folder, or a package's address ({@code evidence:sha256:<hex>}
 * as a violation event carries it, or the bare hex) looked up in the store the environment configures
 * ({@code IOC_EVIDENCE_STORE}, see {@link EvidenceStoreConfig}); then {@link EvidenceVerifier} checks it, unchanged.
 */
public final class VerifyPackage {
    private VerifyPackage() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: verify <package-dir | evidence:sha256:<hex>> <folder with node-ed25519.pub>...");
            System.exit(2);
        }
        String address = args[0].startsWith(EvidencePackager.URI_PREFIX) ? args[0].substring(EvidencePackager.URI_PREFIX.length()) : args[0];
        if (PackageStore.isAddress(address)) {
            Path data = Path.of(System.getenv().getOrDefault("IOC_DATA_DIR", Path.of(System.getProperty("matthan.root", "."), "run").toString()));
            Optional<Path> dir;
            try {
                EvidenceStoreConfig store = EvidenceStoreConfig.fromEnvironment(System.getenv(), data);
                dir = store.store().localCopy(address);
                if (dir.isEmpty()) {
                    System.out.println("NOT FOUND: no package " + address + " in " + store.store().describe());
                    System.exit(1);
                }
            } catch (Exception e) {
                System.err.println("cannot read the evidence store: " + e.getMessage());
                System.exit(2);
                return;
            }
            String[] verify = args.clone();
            verify[0] = dir.get().toString();
            EvidenceVerifier.main(verify);
            return;
        }
        EvidenceVerifier.main(Arrays.copyOf(args, args.length));
    }
}
