package vn.matthan.api;

import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.Function;

/**
 * Signs what police take away for a case file (route exports) with the API node's Ed25519 export key: a detached
 * signature for CSV files, and a CMS (PKCS #7) SignedData with a self-signed certificate of the same key for PDF
 * signatures. The private key stays with its owner: this class only gets a function that signs bytes.
 */
public final class ExportSigner {
    private final String keyId;
    private final PublicKey publicKey;
    private final Function<byte[], byte[]> sign;
    private final X509CertificateHolder certificate;

    /**
     * @param keyId     the key's id (first 16 hex digits of the SHA-256 of its public key)
     * @param sign      raw Ed25519 signature of the given bytes
     */
    public ExportSigner(String keyId, PublicKey publicKey, Function<byte[], byte[]> sign) {
        this.keyId = keyId;
        this.publicKey = publicKey;
        this.sign = sign;
        // The certificate names the key, so a PDF reader shows who signed; trust comes from the published key id.
        X500Name name = new X500Name("CN=Mat Than IOC export key " + keyId + ", O=Mat Than IOC");
        Instant now = Instant.now();
        try {
            this.certificate = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, publicKey)
                    .build(contentSigner());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("export key " + keyId + " cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    /** Raw Ed25519 signature of the bytes. */
    public byte[] sign(byte[] data) {
        return sign.apply(data);
    }

    /** A detached CMS SignedData over the bytes (SHA-512 digest, Ed25519 signature, the certificate included). */
    public byte[] cms(byte[] content) throws IOException {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(contentSigner(), certificate));
            gen.addCertificate(certificate);
            return gen.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (OperatorCreationException | CMSException e) {
            throw new IOException("the export could not be signed: " + e.getMessage(), e);
        }
    }

    private ContentSigner contentSigner() {
        return new ContentSigner() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                return sign.apply(buffer.toByteArray());
            }
        };
    }
}
