package io.kmsethereum.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.kms.KeyProvisioner;
import io.kmsethereum.core.store.S3StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The GitHub Actions release of examples/release-pipeline, read with real parsers (YAML for the
 * workflow, JSON for the IAM policies, XML for the POM), holds together: the role's trust policy
 * admits the refs the workflow runs on, the job gets the role through OIDC, the workflow, the
 * POM's {@code ci} profile and the policies name one region, one state store and one repository,
 * the signing policy is what {@code kms-create-key} prints, and no step hides a failure. These are
 * the faults the guide's first version of this workflow had (it could not have run).
 */
class ReleaseWorkflowTest {
    private static final Path EXAMPLE = Path.of("examples/release-pipeline");
    private static final Path WORKFLOW = EXAMPLE.resolve(".github/workflows/release.yml");
    private static final Path TRUST_POLICY = EXAMPLE.resolve("aws/trust-policy.json");
    private static final Path SIGNING_POLICY = EXAMPLE.resolve("aws/signing-policy.json");
    private static final String OIDC_ISSUER = "token.actions.githubusercontent.com";
    private static final Pattern ARN_ACCOUNT = Pattern.compile("^arn:aws:[a-z0-9-]+:([a-z0-9-]*):(\\d{12}):");

    private static JsonNode workflow() throws IOException {
        return new YAMLMapper().readTree(WORKFLOW.toFile());
    }

    private static JsonNode json(Path file) throws IOException {
        return Json.MAPPER.readTree(file.toFile());
    }

    /** The one job of the workflow. */
    private static JsonNode job(JsonNode workflow) {
        JsonNode jobs = workflow.get("jobs");
        assertEquals(1, jobs.size(), "the example has one job");
        return jobs.elements().next();
    }

    private static List<JsonNode> steps(JsonNode workflow) {
        List<JsonNode> steps = new ArrayList<>();
        job(workflow).get("steps").forEach(steps::add);
        return steps;
    }

    private static JsonNode awsCredentialsStep(JsonNode workflow) {
        return steps(workflow).stream()
                .filter(s -> s.path("uses").asText().startsWith("aws-actions/configure-aws-credentials@"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no aws-actions/configure-aws-credentials step"));
    }

    /** The trust policy's one statement. */
    private static JsonNode trustStatement() throws IOException {
        JsonNode statements = json(TRUST_POLICY).get("Statement");
        assertEquals(1, statements.size());
        return statements.get(0);
    }

    /** The properties of the example POM's {@code ci} profile, parsed as XML. */
    private static Map<String, String> ciProfile() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        var pom = factory.newDocumentBuilder().parse(EXAMPLE.resolve("pom.xml").toFile());
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if (profile.getElementsByTagName("id").item(0).getTextContent().equals("ci")) {
                Map<String, String> properties = new LinkedHashMap<>();
                NodeList children =
                        profile.getElementsByTagName("properties").item(0).getChildNodes();
                for (int j = 0; j < children.getLength(); j++) {
                    if (children.item(j).getNodeType() == Node.ELEMENT_NODE) {
                        properties.put(
                                children.item(j).getNodeName(),
                                children.item(j).getTextContent().trim());
                    }
                }
                return properties;
            }
        }
        throw new AssertionError("the example POM has no ci profile");
    }

    /**
     * IAM's {@code StringLike}: {@code *} matches any run of characters (also {@code /}),
     * {@code ?} one character; the match is case-sensitive and whole.
     */
    private static boolean iamLike(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    /**
     * Whether the trust statement's conditions on {@code token.actions.githubusercontent.com:sub}
     * admit this sub claim. A pattern with a wildcard only works under {@code StringLike}.
     */
    private static boolean admits(JsonNode statement, String sub) {
        JsonNode condition = statement.get("Condition");
        String key = OIDC_ISSUER + ":sub";
        JsonNode equals = condition.path("StringEquals").get(key);
        JsonNode like = condition.path("StringLike").get(key);
        assertTrue(equals != null ^ like != null, "exactly one condition on " + key);
        JsonNode values = equals != null ? equals : like;
        List<String> patterns = new ArrayList<>();
        if (values.isArray()) {
            values.forEach(p -> patterns.add(p.asText()));
        } else {
            patterns.add(values.asText());
        }
        if (like != null) {
            return patterns.stream().anyMatch(p -> iamLike(p, sub));
        }
        patterns.forEach(p -> assertFalse(
                p.contains("*") || p.contains("?"),
                "'" + p + "' under StringEquals is compared literally: a wildcard needs StringLike"));
        return patterns.contains(sub);
    }

    /** owner/repo of the GitHub repository the example lives in, from its GitHub Packages URL. */
    private static String repository() throws Exception {
        Matcher m = Pattern.compile("^https://maven\\.pkg\\.github\\.com/([^/]+/[^/]+)$")
                .matcher(ciProfile().get("release.repository.url"));
        assertTrue(m.matches(), "the ci profile publishes to GitHub Packages");
        return m.group(1);
    }

    @Test
    void theTrustPolicyAdmitsTheRefsTheWorkflowRunsOnAndNothingElse() throws Exception {
        JsonNode workflow = workflow();
        // GitHub reads "on" as a string; a YAML 1.1 reader may turn the key into true
        JsonNode on = workflow.has("on") ? workflow.get("on") : workflow.get("true");
        assertNotNull(on, "the workflow has triggers");
        JsonNode trust = trustStatement();
        String repo = repository();
        List<String> refs = new ArrayList<>();
        on.fieldNames().forEachRemaining(event -> {
            if (!event.equals("push")) {
                fail("the workflow also runs on '" + event + "', whose OIDC sub claim is no release tag");
            }
        });
        JsonNode push = on.get("push");
        assertFalse(push.has("branches"), "a push to a branch is no release");
        push.get("tags").forEach(tag -> refs.add("refs/tags/" + tag.asText().replace("*", "1.2.3")));
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(admits(trust, "repo:" + repo + ":ref:" + ref), "the trust policy does not admit " + ref);
        }
        // and nothing but release tags of this repository
        for (String other : List.of(
                "repo:" + repo + ":ref:refs/heads/main",
                "repo:" + repo + ":pull_request",
                "repo:" + repo + ":environment:production",
                "repo:other-org/my-app:ref:" + refs.get(0))) {
            assertFalse(admits(trust, other), "the trust policy admits " + other);
        }
        assertFalse(
                job(workflow).has("environment"),
                "with an environment the OIDC sub claim is repo:<owner>/<repo>:environment:<name>, not the ref");
        assertEquals(
                "sts.amazonaws.com",
                trust.get("Condition")
                        .get("StringEquals")
                        .get(OIDC_ISSUER + ":aud")
                        .asText(),
                "the audience configure-aws-credentials asks for");
        assertEquals("sts:AssumeRoleWithWebIdentity", trust.get("Action").asText());
    }

    @Test
    void theJobAssumesTheRoleThroughOidcAndTheAccountsAgree() throws Exception {
        JsonNode workflow = workflow();
        JsonNode permissions =
                job(workflow).has("permissions") ? job(workflow).get("permissions") : workflow.get("permissions");
        assertEquals("write", permissions.path("id-token").asText(), "configure-aws-credentials needs the OIDC token");
        JsonNode with = awsCredentialsStep(workflow).get("with");
        assertFalse(with.has("aws-access-key-id") || with.has("aws-secret-access-key"), "no stored AWS key");
        String role = with.get("role-to-assume").asText();
        String principal = trustStatement().get("Principal").get("Federated").asText();
        assertEquals(
                "arn:aws:iam::" + account(role) + ":oidc-provider/" + OIDC_ISSUER,
                principal,
                "the role trusts GitHub's OIDC provider of its own account");
        for (JsonNode statement : json(SIGNING_POLICY).get("Statement")) {
            String resource = statement.get("Resource").asText();
            if (resource.startsWith("arn:aws:kms:")) {
                assertEquals(account(role), account(resource), "the key is in the role's account");
            }
        }
    }

    @Test
    void theWorkflowThePomAndTheKeyNameOneRegionAndAwsEndpoints() throws Exception {
        String region =
                awsCredentialsStep(workflow()).get("with").get("aws-region").asText();
        Map<String, String> ci = ciProfile();
        assertEquals(region, ci.get("kms.region"), "the workflow's aws-region is the ci profile's kms.region");
        Matcher key = ARN_ACCOUNT.matcher(keyArn());
        assertTrue(key.find());
        assertEquals(region, key.group(1), "the key is in that region");
        assertTrue(ci.containsKey("kms.endpoint"), "the ci profile replaces the LocalStack endpoint");
        assertEquals("", ci.get("kms.endpoint"), "against AWS the endpoint is empty (the SDK's own)");
        assertFalse(ci.containsKey("kms.stateStoreEndpoint"));
        assertTrue(ci.get("eth.rpcUrl").startsWith("https://"));
        assertTrue(ci.get("eth.rpcUrl").contains("{server:eth-node}"), "the node's API key from settings.xml");
    }

    @Test
    void reRunsShareTheS3StateStoreAndItsPolicyIsWhatKmsCreateKeyPrints() throws Exception {
        JsonNode workflow = workflow();
        String store = ciProfile().get("kms.stateStore");
        assertNotNull(store, "the ci profile sets kms.stateStore");
        assertEquals(store, workflow.get("env").get("STATE_STORE").asText(), "the ledger is read back from there");
        JsonNode printed = Json.MAPPER.readTree(Json.toBytes(KeyProvisioner.signingPolicy(
                keyArn(), S3StateStore.iamStatements(S3StateStore.Location.parse(store, "stateStore")))));
        assertEquals(printed, json(SIGNING_POLICY), "aws/signing-policy.json is what kms-create-key prints");
        boolean deploysWithCi = steps(workflow).stream()
                .map(s -> s.path("run").asText())
                .anyMatch(run -> run.matches("(?s).*\\bmvn\\b.*\\bdeploy\\b.*-P\\S*\\bci\\b.*"));
        assertTrue(deploysWithCi, "the release build runs with the ci profile (and so with its state store)");
    }

    @Test
    void noStepHidesAFailureOrCommitsBackAndTheLedgerIsReadBackAlways() throws Exception {
        JsonNode workflow = workflow();
        boolean readsLedger = false;
        for (JsonNode step : steps(workflow)) {
            String run = step.path("run").asText();
            String name = step.path("name").asText(step.path("uses").asText());
            assertFalse(run.matches("(?s).*\\|\\|\\s*(true|:)\\b.*"), name + ": '|| true' hides a failure");
            assertFalse(run.contains("set +e"), name + ": 'set +e' hides a failure");
            assertFalse(step.path("continue-on-error").asBoolean(false), name + ": continue-on-error");
            assertFalse(run.contains("git push") || run.contains("git commit"), name + ": the ledger lives in S3");
            if (run.contains("aws s3 cp") && run.contains("$STATE_STORE")) {
                readsLedger = true;
                assertEquals("always()", step.path("if").asText(), "also after a failed or timed-out deployment");
            }
        }
        assertTrue(readsLedger, "a step reads the ledger back from the state store");
    }

    @Test
    void theGuideIncludesTheFilesByPathInsteadOfCopies() throws IOException {
        String guide = Files.readString(Path.of("docs/guide.md"), StandardCharsets.UTF_8);
        for (Path file : List.of(WORKFLOW, TRUST_POLICY, SIGNING_POLICY)) {
            assertTrue(Files.isRegularFile(file), file + " exists");
            assertTrue(guide.contains("../" + file.toString().replace('\\', '/')), "the guide links " + file);
        }
        assertFalse(guide.contains("sts:AssumeRoleWithWebIdentity"), "no copy of the trust policy in the guide");
        assertFalse(guide.contains("git push"), "no ledger commit from a tag checkout");
    }

    private static String keyArn() throws IOException {
        return json(SIGNING_POLICY).get("Statement").get(0).get("Resource").asText();
    }

    private static String account(String arn) {
        Matcher m = ARN_ACCOUNT.matcher(arn);
        assertTrue(m.find(), arn + " is an ARN with an account");
        return m.group(2);
    }
}
