// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real server: {@code java -jar server/target/mailkeep.jar} in a child process on a temporary
 * data folder, every listener on an ephemeral loopback port, found through
 * {@code DATA/run/listeners.json}.
 */
public final class MailkeepProcess implements AutoCloseable {
    public static final String DOMAIN = "example.test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    public final Path dataDir;
    public final Path configFile;
    private final Path log;
    private Process server;
    private JsonNode listeners;

    public MailkeepProcess(Path workDir) throws IOException {
        this(workDir, "");
    }

    /** @param extraToml top-level keys added to the test configuration, e.g. {@code dns_resolvers} */
    public MailkeepProcess(Path workDir, String extraToml) throws IOException {
        this.dataDir = workDir.resolve("data");
        this.configFile = workDir.resolve("mailkeep.toml");
        this.log = workDir.resolve("server.log");
        Files.writeString(configFile, """
                hostname = "mx.example.test"
                domains = ["example.test"]
                max_message_size = 1048576
                %s
                [jmap]
                port = 0
                [smtp]
                port = 0
                [submission]
                port = 0
                [submissions]
                port = 0
                """.formatted(extraToml));
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("mailkeep.jar", "../server/target/mailkeep.jar"));
        assertTrue(Files.isRegularFile(jar), "the server jar must be built first (./mvnw verify): " + jar);
        return jar;
    }

    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Runs one CLI command against this data folder and returns its exit code and output. */
    public CliResult cli(String stdin, String... args) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(args));
        full.addAll(List.of("--config", configFile.toString(), "--data", dataDir.toString()));
        return CliResult.run(stdin, javaCommand(full.toArray(String[]::new)));
    }

    public void start() throws IOException, InterruptedException {
        Path listenersFile = dataDir.resolve("run/listeners.json");
        Files.deleteIfExists(listenersFile);
        server = new ProcessBuilder(javaCommand("serve", "--config", configFile.toString(), "--data", dataDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(listenersFile)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + ":\n" + log());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the server did not start within " + START_TIMEOUT + ":\n" + log());
            }
            Thread.sleep(50);
        }
        listeners = new ObjectMapper().readTree(listenersFile.toFile());
    }

    public int port(String listener) {
        JsonNode node = listeners.get(listener);
        if (node == null) {
            throw new IllegalStateException("no listener " + listener + " in listeners.json: " + listeners);
        }
        return node.get("port").asInt();
    }

    JsonNode listeners() {
        return listeners;
    }

    public String baseUrl() {
        return "https://127.0.0.1:" + port("jmap");
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server the way an init system does (SIGTERM) and waits for it. */
    int stop() throws InterruptedException {
        if (server == null) {
            return -1;
        }
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
        int code = server.exitValue();
        server = null;
        return code;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public record CliResult(int exitCode, String stdout, String stderr) {
        static CliResult run(String stdin, List<String> command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            var out = process.getInputStream().readAllBytes();
            var err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("command did not finish: " + command);
            }
            return new CliResult(process.exitValue(),
                    new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        }
    }
}
