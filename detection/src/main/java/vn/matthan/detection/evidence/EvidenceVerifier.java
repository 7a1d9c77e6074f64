package vn.matthan.detection.evidence;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks an evidence package: the signature of manifest.json by a trusted key, the SHA-256 of every listed file,
 * no file missing or added, and the folder name (content address) matching the manifest. Every problem names the
 * file it is about.
 */
public final class EvidenceVerifier {
    /** Outcome; {@code problems} is empty when the package is intact. */
    public record Result(Path dir, String keyId, List<String> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private final Map<String, PublicKey> trusted;

    /** @param trusted public keys by key id: the node's own, and those of other nodes whose packages are accepted */
    public EvidenceVerifier(Map<String, PublicKey> trusted) {
        this.trusted = Map.copyOf(trusted);
    }

    public static EvidenceVerifier trusting(NodeKeys keys) {
        return new EvidenceVerifier(Map.of(keys.keyId(), keys.publicKey()));
    }

    public Result verify(Path dir) {
        List<String> problems = new ArrayList<>();
        Path manifestFile = dir.resolve("manifest.json"), sigFile = dir.resolve("manifest.sig.json");
        byte[] manifest;
        JsonNode m, sig;
        try {
            manifest = Files.readAllBytes(manifestFile);
            m = EvidencePackager.JSON.readTree(manifest);
        } catch (IOException e) {
            return new Result(dir, null, List.of("manifest.json: missing or unreadable: " + e.getMessage()));
        }
        String keyId = null;
        try {
            sig = EvidencePackager.JSON.readTree(Files.readAllBytes(sigFile));
            keyId = sig.path("key_id").asText();
            PublicKey key = trusted.get(keyId);
            if (key == null) {
                problems.add("manifest.sig.json: signed by key " + keyId + ", which is not a trusted key");
            } else {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(manifest);
                if (!s.verify(Base64.getDecoder().decode(sig.path("signature").asText()))) {
                    problems.add("manifest.json: signature does not match (the manifest or its signature was changed)");
                }
            }
        } catch (IOException e) {
            problems.add("manifest.sig.json: missing or unreadable: " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add("manifest.sig.json: invalid signature: " + e.getMessage());
        }
        String address = EvidencePackager.sha256(manifest);
        if (!dir.getFileName().toString().equals(address) && dir.getFileName().toString().length() == 64) {
            problems.add("manifest.json: content address " + address + " differs from the folder name " + dir.getFileName());
        }
        Set<String> listed = new HashSet<>(Set.of("manifest.json", "manifest.sig.json"));
        for (JsonNode f : m.path("files")) {
            String name = f.path("name").asText();
            listed.add(name);
            Path p = dir.resolve(name).normalize();
            if (!p.getParent().equals(dir.normalize())) {
                problems.add(name + ": not a file of this package");
                continue;
            }
            try {
                if (!EvidencePackager.sha256(Files.readAllBytes(p)).equals(f.path("sha256").asText())) {
                    problems.add(name + ": SHA-256 differs from the manifest (file changed)");
                }
            } catch (IOException e) {
                problems.add(name + ": missing");
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !listed.contains(n)).sorted()
                    .forEach(n -> problems.add(n + ": not listed in the manifest (file added)"));
        } catch (IOException e) {
            problems.add(dir + ": unreadable: " + e.getMessage());
        }
        return new Result(dir, keyId, List.copyOf(problems));
    }

    /** {@code EvidenceVerifier <package-dir> <folder with node-ed25519.pub>…}: exit 0 when intact, 1 with one line per problem. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: verify <package-dir> <folder with node-ed25519.pub>...");
            System.exit(2);
        }
        Map<String, PublicKey> trusted = new java.util.HashMap<>();
        for (int i = 1; i < args.length; i++) {
            Map.Entry<String, PublicKey> k = NodeKeys.publicKeyIn(Path.of(args[i]));
            trusted.put(k.getKey(), k.getValue());
        }
        Result r = new EvidenceVerifier(trusted).verify(Path.of(args[0]).toAbsolutePath().normalize());
        if (r.intact()) {
            System.out.println("intact: " + r.dir() + " (signed by key " + r.keyId() + ")");
            return;
        }
        r.problems().forEach(p -> System.out.println("NOT INTACT: " + p));
        System.exit(1);
    }
}
