// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.server.config.ConfigLoader;
import dev.mailkeep.server.config.MailkeepConfig;
import dev.mailkeep.store.model.Credential;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the operator sees from {@code user app-password} and {@code user token}, on a real store. */
class LocalUserAdminCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void addListRevokeAppPasswordsAndTokens() throws Exception {
        MailkeepConfig config = ConfigLoader.load(null, dir);
        XodusMailStore store = XodusMailStore.open(dir);
        try (LocalUserAdmin admin = new LocalUserAdmin(config, store, true)) {
            admin.add("alice@localhost", "alice-password".toCharArray());

            List<String> added = admin.addCredential(Credential.Kind.APP_PASSWORD, "Alice@localhost", "phone");
            assertEquals(2, added.size());
            String id = store.credentials(store.findAccount("alice@localhost").orElseThrow().id(),
                    Credential.Kind.APP_PASSWORD).getFirst().id();
            assertEquals("created app password \"phone\" (id " + id + ") for alice@localhost; it is shown only this once:",
                    added.get(0));
            assertTrue(store.authenticate("alice@localhost", added.get(1).toCharArray()).isPresent());

            List<String> listed = admin.listCredentials(Credential.Kind.APP_PASSWORD, "alice@localhost");
            assertEquals(1, listed.size());
            assertTrue(listed.getFirst().matches(id + "\tphone\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), listed.getFirst());
            assertEquals(List.of(), admin.listCredentials(Credential.Kind.TOKEN, "alice@localhost"));

            AdminException taken = assertThrows(AdminException.class,
                    () -> admin.addCredential(Credential.Kind.APP_PASSWORD, "alice@localhost", "phone"));
            assertEquals("alice@localhost: the label \"phone\" is already taken", taken.getMessage());
            AdminException nobody = assertThrows(AdminException.class,
                    () -> admin.addCredential(Credential.Kind.TOKEN, "bob@localhost", "web"));
            assertEquals("no such user: bob@localhost", nobody.getMessage());

            String token = admin.addCredential(Credential.Kind.TOKEN, "alice@localhost", "web").get(1);
            assertTrue(store.authenticateBearer(token).isPresent());
            assertEquals(List.of("revoked app password \"phone\" (id " + id + ") of alice@localhost"),
                    admin.revokeCredential(Credential.Kind.APP_PASSWORD, "alice@localhost", id));
            assertTrue(store.authenticate("alice@localhost", added.get(1).toCharArray()).isEmpty());
            assertTrue(admin.revokeCredential(Credential.Kind.TOKEN, "alice@localhost", "web").getFirst().startsWith("revoked token \"web\""));
            assertTrue(store.authenticateBearer(token).isEmpty());
            AdminException none = assertThrows(AdminException.class,
                    () -> admin.revokeCredential(Credential.Kind.TOKEN, "alice@localhost", "web"));
            assertEquals("alice@localhost has no token with the id or label \"web\"", none.getMessage());
        }
    }
}
