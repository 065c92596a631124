// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Credential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminSocketTest {
    @TempDir
    Path dir;

    /** Records what reaches it, refuses one address: the socket must carry both ways faithfully. */
    static final class RecordingAdmin implements UserAdmin {
        final List<String> calls = new ArrayList<>();

        @Override
        public List<String> add(String address, char[] password) throws AdminException {
            calls.add("add " + address + " " + new String(password));
            if (address.startsWith("taken")) {
                throw new AdminException("account already exists: " + address);
            }
            return List.of("created " + address);
        }

        @Override
        public List<String> passwd(String address, char[] password) {
            calls.add("passwd " + address + " " + new String(password));
            return List.of("password changed for " + address);
        }

        @Override
        public List<String> list() {
            return List.of("a@example.test", "b@example.test");
        }

        @Override
        public List<String> addCredential(Credential.Kind kind, String address, String label) {
            calls.add("add " + kind + " " + address + " " + label);
            return List.of("created", "secret-" + label);
        }

        @Override
        public List<String> listCredentials(Credential.Kind kind, String address) {
            calls.add("list " + kind + " " + address);
            return List.of("id1\tphone\t2026-11-23T19:00:00Z");
        }

        @Override
        public List<String> revokeCredential(Credential.Kind kind, String address, String labelOrId) throws AdminException {
            calls.add("revoke " + kind + " " + address + " " + labelOrId);
            throw new AdminException(address + " has no token with the id or label \"" + labelOrId + "\"");
        }

        @Override
        public void close() {}
    }

    @Test
    void credentialRequestsCrossTheSocket() throws Exception {
        Path path = dir.resolve("run/admin.sock");
        RecordingAdmin recording = new RecordingAdmin();
        try (AdminSocket socket = AdminSocket.start(path, recording)) {
            AdminClient client = new AdminClient(path);
            assertEquals(List.of("created", "secret-my phone"),
                    client.addCredential(Credential.Kind.APP_PASSWORD, "a@example.test", "my phone"));
            assertEquals(List.of("id1\tphone\t2026-11-23T19:00:00Z"), client.listCredentials(Credential.Kind.TOKEN, "a@example.test"));
            AdminException refused = assertThrows(AdminException.class,
                    () -> client.revokeCredential(Credential.Kind.TOKEN, "a@example.test", "web"));
            assertEquals("a@example.test has no token with the id or label \"web\"", refused.getMessage());
            assertEquals(List.of("add APP_PASSWORD a@example.test my phone", "list TOKEN a@example.test",
                    "revoke TOKEN a@example.test web"), recording.calls);
        }
    }

    @Test
    void requestsAndRefusalsCrossTheSocket() throws Exception {
        Path path = dir.resolve("run/admin.sock");
        RecordingAdmin recording = new RecordingAdmin();
        try (AdminSocket socket = AdminSocket.start(path, recording)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())));
            AdminClient client = new AdminClient(path);
            assertEquals(List.of("created new@example.test"), client.add("new@example.test", "pässword 1".toCharArray()));
            assertEquals(List.of("password changed for new@example.test"),
                    client.passwd("new@example.test", "second one".toCharArray()));
            assertEquals(List.of("a@example.test", "b@example.test"), client.list());
            AdminException refused = assertThrows(AdminException.class,
                    () -> client.add("taken@example.test", "whatever1".toCharArray()));
            assertEquals("account already exists: taken@example.test", refused.getMessage());
            assertEquals(List.of("add new@example.test pässword 1", "passwd new@example.test second one",
                    "add taken@example.test whatever1"), recording.calls);
        }
        assertFalse(Files.exists(path), "the socket file is removed when the server stops");
        AdminException gone = assertThrows(AdminException.class, () -> new AdminClient(path).list());
        assertTrue(gone.getMessage().startsWith("cannot reach the running server"), gone.getMessage());
    }
}
