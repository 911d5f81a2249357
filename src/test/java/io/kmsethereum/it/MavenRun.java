package io.kmsethereum.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Maven build of a scratch project, run as a separate process with the project's Maven Wrapper
 * and the ITs' local repository ({@code target/local-repo}, where invoker:install put the plugin),
 * so that a test can watch its log, kill it with SIGKILL, and run it again.
 */
final class MavenRun {
    private final Process process;
    private final Path log;

    private MavenRun(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param projectDir the project to build
     * @param log where the build's output goes
     * @param args goals and options
     * @return the running build
     */
    static MavenRun start(Path projectDir, Path log, String... args) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                root.resolve("mvnw").toString(),
                "-B",
                "-ntp",
                "-Dmaven.repo.local=" + root.resolve("target/local-repo")));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(projectDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_REGION", "us-east-1");
        return new MavenRun(pb.start(), log);
    }

    /** @return the build's output so far */
    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * @param condition on the output
     * @param seconds at most this long
     * @throws AssertionError if the build ends or the time passes first
     */
    void awaitOutput(Predicate<String> condition, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.test(output())) {
            if (!process.isAlive() && !condition.test(output())) {
                throw new AssertionError("the build ended before " + what + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + seconds + " s:\n" + output());
            }
            Thread.sleep(100);
        }
    }

    /** Kills the build at once (SIGKILL): no shutdown hooks, no finally blocks. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** @return the exit code, after waiting up to {@code seconds} */
    int waitFor(int seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the build did not finish in " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    /**
     * Writes a one-goal project that sends {@code value} to {@code to} through kms-sign.
     *
     * @return the project directory
     */
    static Path transferProject(File dir, String endpoint, String keyId, String rpcUrl, String to, String value)
            throws IOException {
        Files.createDirectories(dir.toPath());
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.kmsethereum.it</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.kmsethereum</groupId>
                        <artifactId>kms-ethereum-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <endpoint>%s</endpoint>
                          <region>us-east-1</region>
                          <keyId>%s</keyId>
                          <rpcUrl>%s</rpcUrl>
                          <to>%s</to>
                          <value>%s</value>
                          <broadcast>true</broadcast>
                          <receiptTimeout>180</receiptTimeout>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(
                        dir.getName(),
                        System.getProperty("kms.it.pluginVersion", "0.1.0-SNAPSHOT"),
                        endpoint,
                        keyId,
                        rpcUrl,
                        to,
                        value);
        Files.writeString(dir.toPath().resolve("pom.xml"), pom);
        return dir.toPath();
    }
}
