// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.jmap.push.VapidKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VapidKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeOnceAndReadBackTheSame() throws Exception {
        Path file = dir.resolve("vapid-key.pem");
        KeyPair made = VapidKeyFile.loadOrCreate(file, VapidKey::generateKeyPair);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        KeyPair read = VapidKeyFile.loadOrCreate(file, () -> {
            throw new AssertionError("an existing key is never replaced");
        });
        assertArrayEquals(made.getPrivate().getEncoded(), read.getPrivate().getEncoded());
        assertArrayEquals(made.getPublic().getEncoded(), read.getPublic().getEncoded());
        assertEquals(new VapidKey(made, "mailto:a@b").applicationServerKey(),
                new VapidKey(read, "mailto:a@b").applicationServerKey());
    }

    @Test
    void aDamagedFileIsAnErrorThatSaysWhatToDo() throws Exception {
        Path file = dir.resolve("vapid-key.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        IOException e = assertThrows(IOException.class, () -> VapidKeyFile.loadOrCreate(file, VapidKey::generateKeyPair));
        assertTrue(e.getMessage().contains("delete it to make a new key"), e.getMessage());
    }
}
