package vn.matthan.node;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import vn.matthan.detection.evidence.FilePackageStore;
import vn.matthan.detection.evidence.PackageStore;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where a node keeps evidence packages, from the environment:
 * <ul>
 *   <li>{@code IOC_EVIDENCE_STORE} unset or {@code file}: the folder {@code <data>/evidence}; {@code file:/path}: that
 *       folder (e.g. one every node mounts);</li>
 *   <li>{@code s3} (bucket {@code IOC_EVIDENCE_S3_BUCKET}, key prefix {@code IOC_EVIDENCE_S3_PREFIX}) or
 *       {@code s3://bucket/prefix}: an S3-compatible object store; {@code IOC_EVIDENCE_S3_ENDPOINT} for MinIO and other
 *       non-AWS stores (path-style addressing then, unless {@code IOC_EVIDENCE_S3_PATH_STYLE=false}); region from
 *       {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}; {@code us-east-1} when an endpoint is given); credentials
 *       only from {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and optionally {@code AWS_SESSION_TOKEN}.</li>
 * </ul>
 * {@code work} is where the packager assembles a package before storing it; a bad setting is one line naming it.
 */
public record EvidenceStoreConfig(PackageStore store, Path work) {

    public static EvidenceStoreConfig fromEnvironment(Map<String, String> env, Path dataDir) {
        String spec = blankToNull(env.get("IOC_EVIDENCE_STORE"));
        if (spec == null || spec.equals("file")) return folder(dataDir.resolve("evidence"));
        if (spec.startsWith("file:")) {
            Path p;
            try {
                p = spec.startsWith("file://") ? Path.of(URI.create(spec)) : Path.of(spec.substring("file:".length()));
            } catch (RuntimeException e) {
                throw bad(spec);
            }
            if (!p.isAbsolute()) throw new IllegalArgumentException("IOC_EVIDENCE_STORE: the folder of '" + spec + "' must be an absolute path");
            return folder(p);
        }
        String bucket, prefix;
        if (spec.equals("s3")) {
            bucket = blankToNull(env.get("IOC_EVIDENCE_S3_BUCKET"));
            if (bucket == null) throw new IllegalArgumentException("IOC_EVIDENCE_S3_BUCKET is required with IOC_EVIDENCE_STORE=s3");
            prefix = env.getOrDefault("IOC_EVIDENCE_S3_PREFIX", "");
        } else if (spec.startsWith("s3://")) {
            String rest = spec.substring("s3://".length());
            int slash = rest.indexOf('/');
            bucket = slash < 0 ? rest : rest.substring(0, slash);
            prefix = slash < 0 ? "" : rest.substring(slash + 1);
        } else {
            throw bad(spec);
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("IOC_EVIDENCE_STORE: '" + bucket + "' is not an S3 bucket name (3-63 lower-case letters, digits, '.', '-')");
        }
        return s3(env, bucket, prefix.replaceAll("^/+|/+$", ""), dataDir);
    }

    private static EvidenceStoreConfig folder(Path root) {
        return new EvidenceStoreConfig(new FilePackageStore(root), root);
    }

    private static EvidenceStoreConfig s3(Map<String, String> env, String bucket, String prefix, Path dataDir) {
        String endpoint = blankToNull(env.get("IOC_EVIDENCE_S3_ENDPOINT"));
        URI endpointUri = null;
        if (endpoint != null) {
            try {
                endpointUri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                endpointUri = null;
            }
            if (endpointUri == null || endpointUri.getHost() == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
                throw new IllegalArgumentException("IOC_EVIDENCE_S3_ENDPOINT must be an http:// or https:// address, got '" + endpoint + "'");
            }
        }
        String pathStyle = blankToNull(env.get("IOC_EVIDENCE_S3_PATH_STYLE"));
        if (pathStyle != null && !pathStyle.equals("true") && !pathStyle.equals("false")) {
            throw new IllegalArgumentException("IOC_EVIDENCE_S3_PATH_STYLE must be true or false, got '" + pathStyle + "'");
        }
        boolean pathStyleAccess = pathStyle == null ? endpoint != null : Boolean.parseBoolean(pathStyle);
        String region = blankToNull(env.get("AWS_REGION"));
        if (region == null) region = blankToNull(env.get("AWS_DEFAULT_REGION"));
        if (region == null && endpoint != null) region = "us-east-1"; // MinIO's default; any name works there
        if (region == null) throw new IllegalArgumentException("AWS_REGION is required for the S3 evidence store on AWS");
        String id = blankToNull(env.get("AWS_ACCESS_KEY_ID")), secret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
        if (id == null || secret == null) {
            throw new IllegalArgumentException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are required for the S3 evidence store"
                    + " (its credentials come only from the environment)");
        }
        String token = blankToNull(env.get("AWS_SESSION_TOKEN"));
        AwsCredentials credentials = token == null ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token);
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)))
                // Plain signed payloads: no aws-chunked bodies nor trailing checksums, which not every S3-compatible
                // server decodes; the payload's SHA-256 is still signed.
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyleAccess).chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)));
        if (endpointUri != null) builder.endpointOverride(endpointUri);
        S3PackageStore store = new S3PackageStore(builder.build(), bucket, prefix, endpoint, dataDir.resolve("evidence-cache"));
        return new EvidenceStoreConfig(store, dataDir.resolve("evidence-work"));
    }

    private static IllegalArgumentException bad(String spec) {
        return new IllegalArgumentException("IOC_EVIDENCE_STORE must be file, file:/folder, s3 or s3://bucket/prefix, got '" + spec + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
