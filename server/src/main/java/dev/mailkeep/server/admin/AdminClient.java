// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.store.model.Credential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link UserAdmin} through the running server's {@link AdminSocket}. */
public final class AdminClient implements UserAdmin {
    private final Path socket;
    private final ObjectMapper json = new ObjectMapper();

    public AdminClient(Path socket) {
        this.socket = socket;
    }

    @Override
    public List<String> add(String address, char[] password) throws AdminException {
        return call("add", address, password);
    }

    @Override
    public List<String> passwd(String address, char[] password) throws AdminException {
        return call("passwd", address, password);
    }

    @Override
    public List<String> list() throws AdminException {
        return call("list", null, null);
    }

    @Override
    public List<String> addCredential(Credential.Kind kind, String address, String label) throws AdminException {
        return call(credentialRequest("credential-add", kind, address).put("label", label));
    }

    @Override
    public List<String> listCredentials(Credential.Kind kind, String address) throws AdminException {
        return call(credentialRequest("credential-list", kind, address));
    }

    @Override
    public List<String> revokeCredential(Credential.Kind kind, String address, String labelOrId) throws AdminException {
        return call(credentialRequest("credential-revoke", kind, address).put("label", labelOrId));
    }

    private ObjectNode credentialRequest(String op, Credential.Kind kind, String address) {
        return json.createObjectNode().put("op", op).put("kind", kind.name()).put("address", address);
    }

    private List<String> call(String op, String address, char[] password) throws AdminException {
        ObjectNode request = json.createObjectNode().put("op", op);
        if (address != null) {
            request.put("address", address);
        }
        if (password != null) {
            request.put("password", new String(password));
        }
        return call(request);
    }

    private List<String> call(ObjectNode request) throws AdminException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            var out = Channels.newOutputStream(channel);
            out.write((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new AdminException("the running server closed the admin socket without an answer");
            }
            JsonNode reply = json.readTree(line);
            if (!reply.path("ok").asBoolean()) {
                throw new AdminException(reply.path("error").asText("the running server refused the request"));
            }
            List<String> lines = new ArrayList<>();
            reply.path("lines").forEach(node -> lines.add(node.asText()));
            return lines;
        } catch (IOException e) {
            throw new AdminException("cannot reach the running server through " + socket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {}
}
