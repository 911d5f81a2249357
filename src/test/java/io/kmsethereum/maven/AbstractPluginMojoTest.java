package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AbstractPluginMojoTest {
    @ParameterizedTest // the properties declared on the goals' skip parameters
    @CsvSource({"kms-address, kms.address.skip", "kms-sign, kms.sign.skip", "kms-create-key, kms.createKey.skip"})
    void goalSkipPropertyFollowsTheNamingRule(String goal, String property) {
        assertEquals(property, AbstractPluginMojo.goalSkipProperty(goal));
    }
}
