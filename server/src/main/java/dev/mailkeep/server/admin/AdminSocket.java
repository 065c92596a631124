// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.store.model.Credential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server's admin socket, {@code DATA/run/admin.sock}: a Unix domain socket only the
 * data folder's owner can open (mode 0600), so that {@code mailkeep user ...} works while the
 * server holds the store. One request per connection, one JSON line each way:
 * {@code {"op": "add"|"passwd"|"list", "address": ..., "password": ...}} or
 * {@code {"op": "credential-add"|"credential-list"|"credential-revoke", "kind": "APP_PASSWORD"|"TOKEN",
 * "address": ..., "label": ...}} answered by
 * {@code {"ok": true, "lines": [...]}} or {@code {"ok": false, "error": "..."}}.
 */
public final class AdminSocket implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminSocket.class);
    private static final int MAX_REQUEST = 64 * 1024;

    private final Path path;
    private final ServerSocketChannel channel;
    private final UserAdmin admin;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread acceptor;

    private AdminSocket(Path path, ServerSocketChannel channel, UserAdmin admin) {
        this.path = path;
        this.channel = channel;
        this.admin = admin;
        this.acceptor = Thread.ofPlatform().daemon().name("mailkeep-admin").unstarted(this::acceptLoop);
    }

    public static AdminSocket start(Path path, UserAdmin admin) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.deleteIfExists(path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        AdminSocket socket = new AdminSocket(path, channel, admin);
        socket.acceptor.start();
        return socket;
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                Thread.ofVirtual().name("mailkeep-admin-request").start(() -> serve(client));
            } catch (IOException e) {
                if (channel.isOpen()) {
                    log.warn("admin socket accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                        StandardCharsets.UTF_8), MAX_REQUEST);
                OutputStream out = Channels.newOutputStream(client)) {
            String line = in.readLine();
            ObjectNode reply = json.createObjectNode();
            try {
                List<String> lines = handle(line == null ? null : json.readTree(line));
                reply.put("ok", true);
                lines.forEach(reply.putArray("lines")::add);
            } catch (AdminException | IOException e) {
                reply.put("ok", false);
                reply.put("error", e.getMessage());
            }
            out.write((json.writeValueAsString(reply) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.warn("admin request failed: {}", e.toString());
        }
    }

    private List<String> handle(JsonNode request) throws AdminException {
        if (request == null || !request.isObject()) {
            throw new AdminException("malformed admin request");
        }
        String op = request.path("op").asText();
        String address = request.path("address").asText("");
        char[] password = request.path("password").asText("").toCharArray();
        try {
            return switch (op) {
                case "add" -> admin.add(address, password);
                case "passwd" -> admin.passwd(address, password);
                case "list" -> admin.list();
                case "credential-add" -> admin.addCredential(kind(request), address, request.path("label").asText(""));
                case "credential-list" -> admin.listCredentials(kind(request), address);
                case "credential-revoke" -> admin.revokeCredential(kind(request), address, request.path("label").asText(""));
                default -> throw new AdminException("unknown admin operation: " + op);
            };
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Credential.Kind kind(JsonNode request) throws AdminException {
        try {
            return Credential.Kind.valueOf(request.path("kind").asText());
        } catch (IllegalArgumentException e) {
            throw new AdminException("unknown credential kind: " + request.path("kind").asText());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", path, e.toString());
        }
    }
}
