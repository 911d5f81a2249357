package io.kmsethereum.core.kms;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the KMS API calls a client makes, by operation name ({@code DescribeKey},
 * {@code GetPublicKey}, {@code Sign}, …), as an AWS SDK
 * <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/interceptors.html">execution
 * interceptor</a>. One call is one API operation as the caller sees it; the SDK's retries of
 * that call are counted separately as attempts. Thread-safe and cheap (one map lookup and one
 * {@link LongAdder} increment per call).
 *
 * <p>The plugin counts every call of a build ({@code KmsBuildContext}) and logs the totals at
 * debug level, so tests can assert that each signature is exactly one {@code Sign} and that a
 * key is described and read once per build.
 */
public final class KmsCallCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        increment(calls, executionAttributes);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        increment(attempts, executionAttributes);
    }

    private static void increment(Map<String, LongAdder> counts, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(operation == null ? "unknown" : operation, k -> new LongAdder())
                .increment();
    }

    /**
     * @param operation an API operation name, e.g. {@code Sign}
     * @return how many calls of it were started (retries not counted)
     */
    public long calls(String operation) {
        LongAdder count = calls.get(operation);
        return count == null ? 0 : count.sum();
    }

    /**
     * @return calls per operation name, sorted by name
     */
    public Map<String, Long> calls() {
        return snapshot(calls);
    }

    /**
     * @return HTTP attempts per operation name (calls plus retries), sorted by name
     */
    public Map<String, Long> attempts() {
        return snapshot(attempts);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * @return e.g. {@code DescribeKey=1, GetPublicKey=1, Sign=2 (attempts: DescribeKey=1,
     *     GetPublicKey=1, Sign=3)}; {@code none} before the first call
     */
    public String describe() {
        Map<String, Long> c = calls();
        if (c.isEmpty()) {
            return "none";
        }
        return format(c) + " (attempts: " + format(attempts()) + ")";
    }

    private static String format(Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
