package io.kmsethereum.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.kms.KeyProvisioner;
import org.junit.jupiter.api.Test;

/** The IAM policy kms-create-key prints: the key's statements, and a state store's next to them. */
class StateStorePolicyTest {
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static JsonNode policy(String store) throws Exception {
        return Json.MAPPER.readTree(Json.toBytes(KeyProvisioner.signingPolicy(
                KEY, S3StateStore.iamStatements(S3StateStore.Location.parse(store, "stateStore")))));
    }

    @Test
    void theKeyIsReadAndSignsOnlyDigestsWithEcdsaSha256() throws Exception {
        JsonNode statements = policy("s3://ci-state").get("Statement");
        JsonNode read = statements.get(0);
        assertEquals(
                "[\"kms:DescribeKey\",\"kms:GetPublicKey\"]", read.get("Action").toString());
        assertEquals(KEY, read.get("Resource").asText());
        assertFalse(read.has("Condition"), "DescribeKey and GetPublicKey requests carry no signing condition key");
        JsonNode sign = statements.get(1);
        assertEquals("kms:Sign", sign.get("Action").asText());
        assertEquals(KEY, sign.get("Resource").asText());
        JsonNode condition = sign.get("Condition").get("StringEquals");
        assertEquals("ECDSA_SHA_256", condition.get("kms:SigningAlgorithm").asText());
        assertEquals("DIGEST", condition.get("kms:MessageType").asText());
        assertEquals(2, condition.size());
    }

    @Test
    void recordsUnderThePrefixAndTheListingLimitedToIt() throws Exception {
        JsonNode statements = policy("s3://ci-state/release/app").get("Statement");
        assertEquals(4, statements.size());
        JsonNode records = statements.get(2);
        assertEquals(
                "[\"s3:GetObject\",\"s3:PutObject\"]", records.get("Action").toString());
        assertEquals(
                "arn:aws:s3:::ci-state/release/app/*", records.get("Resource").asText());
        JsonNode list = statements.get(3);
        assertEquals("s3:ListBucket", list.get("Action").asText());
        assertEquals("arn:aws:s3:::ci-state", list.get("Resource").asText());
        assertEquals(
                "release/app/*",
                list.get("Condition").get("StringLike").get("s3:prefix").asText());
        assertFalse(statements.toString().contains("DeleteObject"), "the plugin never deletes a record");
    }

    @Test
    void aWholeBucketHasNoPrefixCondition() throws Exception {
        JsonNode statements = policy("s3://ci-state").get("Statement");
        assertEquals(
                "arn:aws:s3:::ci-state/*", statements.get(2).get("Resource").asText());
        assertFalse(statements.get(3).has("Condition"));
    }
}
