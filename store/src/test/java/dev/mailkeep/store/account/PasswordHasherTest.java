// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = PasswordHasher.standard();

    @Test
    void writesPhcStringWithRandomSalt() {
        String one = hasher.hash("pässword".toCharArray());
        String two = hasher.hash("pässword".toCharArray());
        assertTrue(one.matches("\\$argon2id\\$v=19\\$m=19456,t=4,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), one);
        assertNotEquals(one, two);
    }

    @Test
    void verifiesOnlyTheSamePassword() {
        String hash = hasher.hash("pässword".toCharArray());
        assertTrue(hasher.verify("pässword".toCharArray(), hash));
        assertFalse(hasher.verify("password".toCharArray(), hash));
        assertFalse(hasher.verify("pässword".toCharArray(), null));
        assertFalse(hasher.verify("pässword".toCharArray(), "$argon2id$garbage"));
    }
}
