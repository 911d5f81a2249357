package io.kmsethereum.core.store;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException.Fault;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The shared {@link StateStore}: one S3 object per record under {@code s3://bucket/prefix/}, with
 * conditional writes (<a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html">S3
 * conditional writes</a>): {@link #create} is {@code PutObject} with {@code If-None-Match: *},
 * {@link #replace} is {@code PutObject} with {@code If-Match: <ETag>}; S3 answers 412
 * {@code PreconditionFailed} to the loser (409 {@code ConditionalRequestConflict} while another
 * conditional write of the key is in flight, which counts as lost too). The version of a record
 * is its ETag. Retries (throttling, 5xx, I/O) are the SDK's standard strategy.
 *
 * <p>Needs {@code s3:GetObject}, {@code s3:PutObject} on {@code bucket/prefix/*} and
 * {@code s3:ListBucket} on the bucket (without it S3 answers 403 instead of 404 for a record that
 * does not exist).
 */
public final class S3StateStore implements StateStore, AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /**
     * @param s3 the client (closed by {@link #close}); configure it as {@link #connect} does
     * @param bucket the bucket
     * @param prefix the key prefix without leading or trailing {@code /}, or empty
     */
    public S3StateStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * Parsed {@code s3://bucket[/prefix]}.
     *
     * @param bucket the bucket name
     * @param prefix the prefix without leading or trailing {@code /}, or empty
     */
    public record Location(String bucket, String prefix) {
        /**
         * @param uri {@code s3://bucket[/prefix]}
         * @param parameter the parameter it came from, for the message
         * @return the bucket and prefix
         * @throws InvalidInputException if it is not an {@code s3://} URI with a valid bucket name
         */
        public static Location parse(String uri, String parameter) {
            String text = uri.trim();
            if (!text.startsWith("s3://")) {
                throw new InvalidInputException(parameter, "'" + text + "' is not s3://bucket[/prefix]");
            }
            String rest = text.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", "");
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new InvalidInputException(
                        parameter,
                        "'" + bucket + "' is not an S3 bucket name (3 to 63 lower-case letters, digits, '.'"
                                + " and '-'); write s3://bucket or s3://bucket/prefix");
            }
            if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9._/-]+")) {
                throw new InvalidInputException(
                        parameter, "prefix '" + prefix + "' may hold only letters, digits, '.', '_', '-' and '/'");
            }
            return new Location(bucket, prefix);
        }
    }

    /**
     * The least-privilege IAM statements for a state store: {@code s3:GetObject} and
     * {@code s3:PutObject} on the records under the prefix, {@code s3:ListBucket} on the bucket
     * (restricted to the prefix), without which S3 answers 403 instead of 404 for a record that
     * does not exist yet (see
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html">GetObject,
     * Permissions</a>). No delete: the plugin never deletes a record.
     *
     * @param location the store's bucket and prefix
     * @return two statements as JSON-ready maps
     */
    public static java.util.List<java.util.Map<String, Object>> iamStatements(Location location) {
        String objects = "arn:aws:s3:::" + location.bucket() + "/"
                + (location.prefix().isEmpty() ? "" : location.prefix() + "/") + "*";
        java.util.Map<String, Object> records = new java.util.LinkedHashMap<>();
        records.put("Sid", "KmsEthereumStateStoreRecords");
        records.put("Effect", "Allow");
        records.put("Action", java.util.List.of("s3:GetObject", "s3:PutObject"));
        records.put("Resource", objects);
        java.util.Map<String, Object> list = new java.util.LinkedHashMap<>();
        list.put("Sid", "KmsEthereumStateStoreList");
        list.put("Effect", "Allow");
        list.put("Action", "s3:ListBucket");
        list.put("Resource", "arn:aws:s3:::" + location.bucket());
        if (!location.prefix().isEmpty()) {
            list.put(
                    "Condition",
                    java.util.Map.of("StringLike", java.util.Map.of("s3:prefix", location.prefix() + "/*")));
        }
        return java.util.List.of(records, list);
    }

    /**
     * Builds a client with the lightweight url-connection HTTP client; path-style addressing
     * when the endpoint is overridden (LocalStack, S3-compatible stores).
     *
     * @param location bucket and prefix
     * @param region the region, or {@code null} for the SDK's region chain
     * @param endpoint endpoint override, or {@code null}
     * @param credentials the credentials (the same as for KMS unless configured otherwise)
     * @param attemptTimeout time limit of one HTTP attempt
     * @param maxAttempts attempts per request (SDK standard retries)
     * @return the store; close it after the build
     */
    public static S3StateStore connect(
            Location location,
            String region,
            URI endpoint,
            AwsCredentialsProvider credentials,
            Duration attemptTimeout,
            int maxAttempts) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(attemptTimeout)
                        .socketTimeout(attemptTimeout))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(attemptTimeout)
                        .retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(maxAttempts))
                        // records are under a kilobyte: send them at once instead of waiting for
                        // "100 Continue", which a server answering a failed condition early skips
                        .addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                            @Override
                            public software.amazon.awssdk.http.SdkHttpRequest modifyHttpRequest(
                                    software.amazon.awssdk.core.interceptor.Context.ModifyHttpRequest context,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                                return context.httpRequest().toBuilder()
                                        .removeHeader("Expect")
                                        .build();
                            }
                        }))
                // The body in one piece with its Content-Length (no aws-chunked encoding, no
                // checksum trailer; integrity from Content-MD5, see put). A chunked body is sent
                // in several writes after the headers, and a server that answers a failed
                // condition from the headers alone and closes the connection (LocalStack does)
                // then fails the upload with "Error writing request body to server": a lost race
                // looked like an unreachable store (StateStoreIT, 32 racing creates).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build());
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return new S3StateStore(builder.build(), location.bucket(), location.prefix());
    }

    private String objectKey(String key) {
        StoreKeys.check(key);
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    @Override
    public Optional<StoredRecord> read(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes =
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(key)));
            return Optional.of(
                    new StoredRecord(bytes.asByteArray(), bytes.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public Optional<String> create(String key, byte[] content) {
        return put(key, content, null);
    }

    @Override
    public Optional<String> replace(String key, byte[] content, String expectedVersion) {
        return put(key, content, expectedVersion);
    }

    /**
     * @param expectedVersion the ETag to replace, or {@code null} to create only
     */
    private Optional<String> put(String key, byte[] content, String expectedVersion) {
        try {
            return putOnce(key, content, expectedVersion);
        } catch (StateStoreException e) {
            if (!(e.getCause() instanceof SdkClientException)) {
                throw e;
            }
            // The answer was lost (the connection broke after the request was sent): the write
            // may or may not have landed, and the SDK's retry of a write that did land is
            // refused by its own condition. Read what is there to decide.
            Optional<StoredRecord> now;
            try {
                now = read(key);
            } catch (StateStoreException unreadable) {
                throw e; // still unreachable: report the write that failed
            }
            if (now.isPresent() && java.util.Arrays.equals(now.get().content(), content)) {
                return Optional.of(now.get().version()); // ours landed
            }
            boolean untouched = expectedVersion == null
                    ? now.isEmpty()
                    : now.isPresent() && now.get().version().equals(expectedVersion);
            if (untouched) {
                return putOnce(key, content, expectedVersion); // it did not land: once more
            }
            return Optional.empty(); // another run wrote meanwhile: the condition lost
        }
    }

    private Optional<String> putOnce(String key, byte[] content, String expectedVersion) {
        PutObjectRequest.Builder condition = expectedVersion == null
                ? PutObjectRequest.builder().ifNoneMatch("*")
                : PutObjectRequest.builder().ifMatch(expectedVersion);
        try {
            PutObjectRequest request = condition
                    .bucket(bucket)
                    .key(objectKey(key))
                    .contentType("application/json")
                    .contentMD5(md5(content))
                    .build();
            return Optional.of(
                    s3.putObject(request, RequestBody.fromBytes(content)).eTag());
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409 || e instanceof NoSuchKeyException) {
                return Optional.empty(); // the condition did not hold: someone else wrote first
            }
            throw failure("write", key, e);
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private StateStoreException failure(String what, String key, SdkException e) {
        String where = location(key);
        if (e instanceof NoSuchBucketException) {
            return new StateStoreException(
                    Fault.USER,
                    "The state store bucket '" + bucket + "' does not exist (stateStore s3://" + bucket
                            + (prefix.isEmpty() ? "" : "/" + prefix)
                            + "). Create it (versioning on is a good idea) or fix stateStore; nothing was signed",
                    e);
        }
        if (e instanceof S3Exception s3e && s3e.statusCode() == 403) {
            return new StateStoreException(
                    Fault.USER,
                    "Access to the state store was denied (" + what + " " + where
                            + "). Grant s3:GetObject and s3:PutObject on arn:aws:s3:::" + bucket + "/"
                            + (prefix.isEmpty() ? "" : prefix + "/") + "* and s3:ListBucket on arn:aws:s3:::"
                            + bucket + " to the build's role (kms-create-key prints the statements); nothing was"
                            + " signed",
                    e);
        }
        if (e instanceof SdkClientException) {
            return new StateStoreException(
                    Fault.ENVIRONMENT,
                    "The state store could not be reached to " + what + " " + where + " (" + e.getMessage()
                            + "). Check stateStoreEndpoint / stateStoreRegion and the network; nothing was signed",
                    e);
        }
        return new StateStoreException(
                Fault.ENVIRONMENT,
                "The state store failed to " + what + " " + where + ": " + e.getMessage()
                        + ". Try again later; nothing was signed",
                e);
    }

    @Override
    public String location(String key) {
        return "s3://" + bucket + "/" + objectKey(key);
    }

    @Override
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void close() {
        s3.close();
    }
}
