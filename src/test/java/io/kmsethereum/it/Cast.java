package io.kmsethereum.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Foundry's {@code cast}, an implementation independent of ours: decodes signed transactions,
 * derives addresses, and talks to the node.
 */
public final class Cast {
    private final String executable;

    /** @param executable the path of {@code cast} */
    public Cast(String executable) {
        this.executable = executable;
    }

    /**
     * @param args the arguments after {@code cast}
     * @return standard output, trimmed
     * @throws IllegalStateException if cast exits non-zero (with its stderr)
     */
    public String run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * @param env extra environment (e.g. {@code AWS_KMS_KEY_ID})
     * @param args the arguments after {@code cast}
     * @return standard output, trimmed
     * @throws IllegalStateException if cast exits non-zero (with its stderr)
     */
    public String run(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        return Processes.run(command, env);
    }

    /**
     * Decodes a signed raw transaction with {@code cast decode-tx}.
     *
     * @param rawHex the raw transaction
     * @return the decoded fields; {@code signer} is the recovered sender
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> decodeTx(String rawHex) {
        String out = run("decode-tx", rawHex);
        try {
            ObjectMapper mapper = new ObjectMapper();
            Object value = mapper.readValue(out, Object.class);
            if (value instanceof String s) {
                value = mapper.readValue(s, Object.class);
            }
            return (Map<String, Object>) value;
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse cast decode-tx output: " + out, e);
        }
    }

    /**
     * @param privateKeyHex a secret scalar
     * @return its address per {@code cast wallet address}
     */
    public String addressOf(String privateKeyHex) {
        return run(
                "wallet",
                "address",
                "--private-key",
                privateKeyHex.startsWith("0x") ? privateKeyHex : "0x" + privateKeyHex);
    }
}
