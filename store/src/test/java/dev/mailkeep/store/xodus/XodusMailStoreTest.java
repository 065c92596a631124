// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailStoreContract;
import dev.mailkeep.store.StoreLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class XodusMailStoreTest extends MailStoreContract {
    @Override
    protected MailStore open(Path dataDir, Clock clock) {
        return XodusMailStore.open(dataDir, clock);
    }

    @Test
    void secondOpenOfTheSameFolderSaysItIsInUse() {
        StoreLockedException e = assertThrows(StoreLockedException.class, () -> XodusMailStore.open(dir));
        assertTrue(e.getMessage().contains("in use by another Mailkeep process"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void layoutIsStoreAndShardedBlobs() throws Exception {
        var bob = store.createAccount("bob@localhost", "pw".toCharArray());
        byte[] raw = "Subject: x\r\n\r\nhello\r\n".getBytes();
        var id = store.deliver(java.util.List.of(new dev.mailkeep.store.Delivery(bob.id(),
                dev.mailkeep.store.MailboxRole.INBOX, raw, java.util.Set.of()))).getFirst();
        String hex = store.emails(bob.id(), java.util.List.of(id)).get(id).blobId().value();
        assertTrue(Files.isRegularFile(dir.resolve("blobs").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4))
                .resolve(hex)));
        assertTrue(Files.isDirectory(dir.resolve("store")));
    }
}
