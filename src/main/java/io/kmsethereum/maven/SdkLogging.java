package io.kmsethereum.maven;

/**
 * Keeps secrets out of {@code mvn -X} logs. Under {@code -X} Maven turns every SLF4J logger to
 * DEBUG, and at DEBUG the AWS SDK's request signer prints the canonical request, which contains
 * the {@code x-amz-security-token} header (the session token); OkHttp request logging in web3j
 * would print RPC URLs with their API keys. Maven's SLF4J binding (slf4j-simple) reads a
 * logger's level from the system property {@code org.slf4j.simpleLogger.log.<name>} when the
 * logger is created, so raising these namespaces to INFO before the first SDK or web3j class
 * is used keeps them quiet. A level the user set explicitly (same property) is respected, so
 * {@code -Dorg.slf4j.simpleLogger.log.software.amazon.awssdk=debug} still turns SDK debugging
 * on deliberately.
 */
final class SdkLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";
    private static final String[] NAMESPACES = {"software.amazon.awssdk", "org.web3j.protocol.http", "okhttp3"};

    private SdkLogging() {}

    /** Sets INFO for the namespaces above unless the user configured them. Idempotent. */
    static void quietSecretBearingLoggers() {
        for (String namespace : NAMESPACES) {
            String key = PREFIX + namespace;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "info");
            }
        }
    }
}
