package io.kmsethereum.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Running the tools the tests call (cast, solcjs, anvil) as processes, and ending them. */
public final class Processes {
    private Processes() {}

    /**
     * @param command a command line
     * @param env extra environment
     * @return standard output, trimmed
     * @throws IllegalStateException if the command exits non-zero (with its stderr) or takes
     *     more than 120 s
     */
    public static String run(List<String> command, Map<String, String> env) {
        return run(command, env, null);
    }

    /**
     * @param command a command line
     * @param env extra environment
     * @param stdin file to feed to standard input, or {@code null}
     * @return standard output, trimmed
     * @throws IllegalStateException if the command exits non-zero (with its stderr) or takes
     *     more than 120 s
     */
    public static String run(List<String> command, Map<String, String> env, File stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            if (stdin != null) {
                pb.redirectInput(stdin);
            }
            File err = File.createTempFile("it-cmd", ".err");
            pb.redirectError(err);
            // standard output into a file, not a pipe: Node.js tools (solcjs) write to a pipe
            // asynchronously and exit without flushing, so a large output (solcjs --standard-json
            // for all test contracts, > 64 KiB) arrived cut off now and then; to a file, Node
            // writes synchronously
            File out = File.createTempFile("it-cmd", ".out");
            pb.redirectOutput(out);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String stderr = Files.readString(err.toPath());
            String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            err.delete();
            out.delete();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + stderr);
            }
            return stdout.trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ends a process (SIGTERM, which {@code timeout} passes on) and waits up to 10 s for it,
     * then kills it.
     *
     * @param pid its pid as text (e.g. read from a file)
     */
    public static void stop(String pid) {
        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }
}
