package io.kmsethereum.maven;

/**
 * Keeps secrets out of {@code mvn -X} logs. Under {@code -X} Maven turns every SLF4J logger to
 * DEBUG, and at DEBUG the AWS SDK's request signer prints the canonical request, which contains
 * the {@code x-amz-security-token} header (the session token); OkHttp request logging in web3j
 * would print RPC URLs with their API keys. Maven's SLF4J binding reads a logger's level from a
 * system property when the logger is created, so raising these namespaces to INFO before the
 * first SDK or web3j class is used keeps them quiet.
 *
 * <p>The property differs between Maven versions: Maven 3 (slf4j-simple) reads
 * {@code org.slf4j.simpleLogger.log.<name>}; Maven 4 (maven-logging) reads
 * {@code maven.logger.log.<name>} first and falls back to the Maven 3 name with a warning
 * ({@code Using deprecated property org.slf4j.simpleLogger.log...}) for every logger it creates.
 * Both are set: each Maven reads its own, Maven 4 finds its own first and never falls back, and
 * Maven 3 ignores the other one.
 *
 * <p>A level the user set explicitly (either property) is respected, so
 * {@code -Dorg.slf4j.simpleLogger.log.software.amazon.awssdk=debug} (Maven 3) or
 * {@code -Dmaven.logger.log.software.amazon.awssdk=debug} (Maven 4) still turns SDK debugging on
 * deliberately.
 */
final class SdkLogging {
    /** Maven 3's SLF4J binding (slf4j-simple). */
    static final String MAVEN3_PREFIX = "org.slf4j.simpleLogger.log.";
    /** Maven 4's SLF4J binding (maven-logging); it reads the Maven 3 name only as a deprecated fallback. */
    static final String MAVEN4_PREFIX = "maven.logger.log.";

    static final String[] NAMESPACES = {"software.amazon.awssdk", "org.web3j.protocol.http", "okhttp3"};

    private SdkLogging() {}

    /** Sets INFO for the namespaces above unless the user configured them. Idempotent. */
    static void quietSecretBearingLoggers() {
        for (String namespace : NAMESPACES) {
            String maven3 = MAVEN3_PREFIX + namespace;
            String maven4 = MAVEN4_PREFIX + namespace;
            if (System.getProperty(maven3) == null && System.getProperty(maven4) == null) {
                System.setProperty(maven4, "info");
                System.setProperty(maven3, "info");
            }
        }
    }
}
