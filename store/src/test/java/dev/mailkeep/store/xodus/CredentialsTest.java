// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.Credential;
import dev.mailkeep.store.model.IssuedCredential;
import dev.mailkeep.store.model.Login;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** App passwords and bearer tokens: issued once, accepted until revoked, kept across a reopen. */
class CredentialsTest {
    @TempDir Path dir;

    @Test
    void appPasswordLogsInBesideTheMainPasswordUntilRevoked() throws Exception {
        IssuedCredential phone;
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            Account alice = store.createAccount("alice@example.test", "main-password".toCharArray());
            phone = store.issueCredential(alice.id(), Credential.Kind.APP_PASSWORD, "phone");
            IssuedCredential laptop = store.issueCredential(alice.id(), Credential.Kind.APP_PASSWORD, "laptop");
            assertTrue(phone.secret().matches("[a-z2-9]{6}(-[a-z2-9]{6}){4}"), phone.secret());
            assertTrue(phone.secret().startsWith(phone.credential().id() + "-"));
            assertNotEquals(phone.secret(), laptop.secret());

            Login viaApp = store.login("Alice@Example.test", phone.secret().toCharArray()).orElseThrow();
            assertEquals(alice, viaApp.account());
            assertEquals(phone.credential(), viaApp.appPassword());
            assertNull(store.login("alice@example.test", "main-password".toCharArray()).orElseThrow().appPassword());
            assertEquals(alice, store.authenticate("alice@example.test", laptop.secret().toCharArray()).orElseThrow());
            assertEquals(List.of("phone", "laptop"),
                    store.credentials(alice.id(), Credential.Kind.APP_PASSWORD).stream().map(Credential::label).toList());
            assertEquals(List.of(), store.credentials(alice.id(), Credential.Kind.TOKEN));

            assertEquals("laptop", store.revokeCredential(alice.id(), Credential.Kind.APP_PASSWORD,
                    laptop.credential().id()).orElseThrow().label());
            assertTrue(store.authenticate("alice@example.test", laptop.secret().toCharArray()).isEmpty());
            assertTrue(store.revokeCredential(alice.id(), Credential.Kind.APP_PASSWORD, "laptop").isEmpty());
        }
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            Account alice = store.findAccount("alice@example.test").orElseThrow();
            assertTrue(store.authenticate("alice@example.test", phone.secret().toCharArray()).isPresent());
            assertTrue(store.revokeCredential(alice.id(), Credential.Kind.APP_PASSWORD, "phone").isPresent());
            assertTrue(store.authenticate("alice@example.test", phone.secret().toCharArray()).isEmpty());
            assertTrue(store.authenticate("alice@example.test", "main-password".toCharArray()).isPresent());
        }
    }

    @Test
    void anAppPasswordBelongsToItsAccountOnly() throws Exception {
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            Account alice = store.createAccount("alice@example.test", "alice-password".toCharArray());
            store.createAccount("bob@example.test", "bob-password".toCharArray());
            String secret = store.issueCredential(alice.id(), Credential.Kind.APP_PASSWORD, "mail").secret();
            assertTrue(store.authenticate("bob@example.test", secret.toCharArray()).isEmpty());
            assertTrue(store.authenticate("nobody@example.test", secret.toCharArray()).isEmpty());
        }
    }

    @Test
    void bearerTokenIdentifiesItsAccountUntilRevoked() throws Exception {
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            Account alice = store.createAccount("alice@example.test", "alice-password".toCharArray());
            IssuedCredential token = store.issueCredential(alice.id(), Credential.Kind.TOKEN, "web");
            assertTrue(token.secret().matches("mkt_[A-Za-z0-9_-]{43}"), token.secret());
            assertEquals(alice, store.authenticateBearer(token.secret()).orElseThrow());
            assertTrue(store.authenticateBearer(token.secret() + "x").isEmpty());
            assertTrue(store.authenticateBearer("").isEmpty());
            // A token is not a password, nor the other way round.
            assertTrue(store.authenticate("alice@example.test", token.secret().toCharArray()).isEmpty());
            assertTrue(store.authenticateBearer("alice-password").isEmpty());

            assertTrue(store.revokeCredential(alice.id(), Credential.Kind.TOKEN, "web").isPresent());
            assertTrue(store.authenticateBearer(token.secret()).isEmpty());
        }
    }

    @Test
    void labelsAreCheckedAndUniquePerKind() throws Exception {
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            Account alice = store.createAccount("alice@example.test", "alice-password".toCharArray());
            store.issueCredential(alice.id(), Credential.Kind.TOKEN, "phone");
            IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                    () -> store.issueCredential(alice.id(), Credential.Kind.TOKEN, " phone "));
            assertEquals("the label \"phone\" is already taken", taken.getMessage());
            store.issueCredential(alice.id(), Credential.Kind.APP_PASSWORD, "phone");
            assertThrows(IllegalArgumentException.class, () -> store.issueCredential(alice.id(), Credential.Kind.TOKEN, ""));
            assertThrows(IllegalArgumentException.class,
                    () -> store.issueCredential(alice.id(), Credential.Kind.TOKEN, "x".repeat(65)));
            assertThrows(java.util.NoSuchElementException.class, () -> store.issueCredential(
                    new dev.mailkeep.store.AccountId("A999"), Credential.Kind.TOKEN, "ghost"));
        }
    }
}
