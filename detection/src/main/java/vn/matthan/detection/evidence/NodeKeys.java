package vn.matthan.detection.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * This node's Ed25519 signing key (JDK built-in), created on first start and kept in the data folder
 * ({@code node-ed25519.key}, owner-only; the public half beside it). Its id is the first 16 hex digits of the
 * SHA-256 of the public key.
 */
public final class NodeKeys {
    private final KeyPair pair;
    private final String keyId;

    private NodeKeys(KeyPair pair) {
        this.pair = pair;
        this.keyId = keyIdOf(pair.getPublic().getEncoded());
    }

    public static NodeKeys loadOrCreate(Path dir) throws IOException {
        Path priv = dir.resolve("node-ed25519.key"), pub = dir.resolve("node-ed25519.pub");
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            if (Files.exists(priv) && Files.exists(pub)) {
                return new NodeKeys(new KeyPair(
                        kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(Files.readString(pub).trim()))),
                        kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readString(priv).trim())))));
            }
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(pub, Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()) + "\n");
            Files.writeString(priv, Base64.getEncoder().encodeToString(kp.getPrivate().getEncoded()) + "\n");
            try {
                Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own protection applies
            }
            return new NodeKeys(kp);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("signing key in " + dir + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Only the public half from {@code dir/node-ed25519.pub}, for checking packages, by key id. */
    public static java.util.Map.Entry<String, PublicKey> publicKeyIn(Path dir) throws IOException {
        Path pub = dir.resolve("node-ed25519.pub");
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(pub).trim());
            return java.util.Map.entry(keyIdOf(der), KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("no public key " + pub, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("public key " + pub + " is unreadable: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String keyIdOf(byte[] publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey publicKeyFrom(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
