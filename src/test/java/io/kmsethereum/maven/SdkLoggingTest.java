package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secret-bearing loggers are raised to INFO for Maven 3 and Maven 4 alike: setting only the
 * Maven 3 property makes Maven 4 warn ({@code Using deprecated property org.slf4j.simpleLogger...})
 * once per logger it creates.
 */
class SdkLoggingTest {
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void clear() {
        for (String namespace : SdkLogging.NAMESPACES) {
            for (String prefix : new String[] {SdkLogging.MAVEN3_PREFIX, SdkLogging.MAVEN4_PREFIX}) {
                String key = prefix + namespace;
                saved.put(key, System.getProperty(key));
                System.clearProperty(key);
            }
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void setsTheLevelUnderBothMavenPropertyNames() {
        SdkLogging.quietSecretBearingLoggers();
        for (String namespace : SdkLogging.NAMESPACES) {
            assertEquals("info", System.getProperty("maven.logger.log." + namespace), namespace);
            assertEquals("info", System.getProperty("org.slf4j.simpleLogger.log." + namespace), namespace);
        }
    }

    @Test
    void leavesANamespaceTheUserConfiguredUnderEitherName() {
        System.setProperty("maven.logger.log.software.amazon.awssdk", "debug");
        System.setProperty("org.slf4j.simpleLogger.log.okhttp3", "trace");
        SdkLogging.quietSecretBearingLoggers();
        assertEquals("debug", System.getProperty("maven.logger.log.software.amazon.awssdk"));
        assertNull(System.getProperty("org.slf4j.simpleLogger.log.software.amazon.awssdk"));
        assertEquals("trace", System.getProperty("org.slf4j.simpleLogger.log.okhttp3"));
        assertNull(System.getProperty("maven.logger.log.okhttp3"));
        assertEquals("info", System.getProperty("maven.logger.log.org.web3j.protocol.http"));
    }
}
