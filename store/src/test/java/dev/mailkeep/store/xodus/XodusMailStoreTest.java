// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailSearch;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.MailStoreContract;
import dev.mailkeep.store.StoreLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jetbrains.exodus.env.Environment;
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
    void lostSearchIndexIsRebuiltFromTheStoreOnOpen() throws Exception {
        var bob = store.createAccount("bob@localhost", "pw".toCharArray());
        var id = store.deliver(java.util.List.of(new dev.mailkeep.store.Delivery(bob.id(),
                dev.mailkeep.store.MailboxRole.INBOX, "Subject: zebra\r\n\r\nstripes\r\n".getBytes(),
                java.util.Set.of()))).getFirst();
        store.close();
        try (var files = Files.walk(dir.resolve("index"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        store = XodusMailStore.open(dir, clock);
        var search = new dev.mailkeep.store.EmailSearch(
                dev.mailkeep.store.EmailFilter.Condition.any().withText("zebra stripes"), java.util.List.of(), 0, 10);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(id), store.searchEmails(bob.id(), search).ids());
        org.junit.jupiter.api.Assertions.assertEquals(1, store.rebuildSearchIndex());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(id), store.searchEmails(bob.id(), search).ids());
    }

    @Test
    void searchIndexBehindTheStoreReplaysTheChangeLog() throws Exception {
        var bob = store.createAccount("bob@localhost", "pw".toCharArray());
        EmailId first = deliverText(bob, "Subject: aardvark\r\n\r\nfirst\r\n");
        store.close();
        Path backup = dir.resolveSibling(dir.getFileName() + "-index-backup");
        copyTree(dir.resolve("index"), backup);
        store = XodusMailStore.open(dir, clock);
        EmailId second = deliverText(bob, "Subject: buffalo\r\n\r\nsecond\r\n");
        store.destroyEmails(bob.id(), List.of(first));
        store.close();
        deleteTree(dir.resolve("index"));
        copyTree(backup, dir.resolve("index"));
        deleteTree(backup);

        store = XodusMailStore.open(dir, clock);
        assertEquals(List.of(), searchText(bob, "aardvark"), "destroyed while the index lagged");
        assertEquals(List.of(second), searchText(bob, "buffalo"), "delivered while the index lagged");
    }

    @Test
    void searchIndexOfAnotherSchemaIsRebuiltOnOpen() throws Exception {
        var bob = store.createAccount("bob@localhost", "pw".toCharArray());
        EmailId id = deliverText(bob, "Subject: capybara\r\n\r\nrodent\r\n");
        store.close();
        // as an index written by an earlier version: same positions, older schema, a stray document
        try (var directory = org.apache.lucene.store.FSDirectory.open(dir.resolve("index"));
                var writer = new org.apache.lucene.index.IndexWriter(directory,
                        new org.apache.lucene.index.IndexWriterConfig())) {
            Map<String, String> data = new HashMap<>();
            writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
            data.put("mailkeep.schema", "1");
            String account = Long.toString(Ids.decode(Ids.ACCOUNT, bob.id().value()));
            var stray = new org.apache.lucene.document.Document();
            stray.add(new org.apache.lucene.document.StringField("account", account,
                    org.apache.lucene.document.Field.Store.NO));
            var text = new org.apache.lucene.document.FieldType(org.apache.lucene.document.TextField.TYPE_NOT_STORED);
            text.setOmitNorms(true);
            stray.add(new org.apache.lucene.document.Field("body", "ghost", text));
            stray.add(new org.apache.lucene.document.StoredField("num", 999L));
            stray.add(new org.apache.lucene.document.NumericDocValuesField("num", 999L));
            stray.add(new org.apache.lucene.document.NumericDocValuesField("received", 0L));
            writer.addDocument(stray);
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
        store = XodusMailStore.open(dir, clock);
        assertEquals(List.of(id), searchText(bob, "capybara rodent"));
        assertEquals(List.of(), searchText(bob, "ghost"), "a document of the discarded index");
    }

    @Test
    void listingCountsAreBuiltForAStoreWrittenWithoutThem() throws Exception {
        var bob = store.createAccount("bob@localhost", "pw".toCharArray());
        var inbox = store.mailboxByRole(bob.id(), dev.mailkeep.store.MailboxRole.INBOX).orElseThrow().id();
        List<EmailId> ids = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 120; i++) {
            clock.set(java.time.Instant.parse("2020-01-01T00:00:00Z").plusMillis((long) random.nextInt(1 << 30) * 64));
            ids.add(deliverText(bob, "Subject: m" + i + "\r\n\r\nhello\r\n"));
        }
        store.close();
        // as an earlier version left it: no counts, no version mark, and a stale count that must go
        Environment env = StoreEnvironment.open(dir);
        try {
            Tables tables = Tables.open(env);
            Counters counters = new Counters(tables.counters);
            env.executeInExclusiveTransaction(txn -> {
                counters.set(txn, Counters.GLOBAL, Counters.LISTING_COUNTS, 0);
                try (var cursor = tables.listingCounts.openCursor(txn)) {
                    while (cursor.getNext()) {
                        cursor.deleteCurrent();
                    }
                }
                tables.listingCounts.put(txn, new ListingCounts.Span(1, 1, 4, 0).key(),
                        jetbrains.exodus.bindings.LongBinding.longToCompressedEntry(1_000));
            });
        } finally {
            env.close();
        }
        store = XodusMailStore.open(dir, clock);
        List<EmailId> listing = store.queryEmails(bob.id(), dev.mailkeep.store.EmailQuery.inMailbox(inbox, 0, 1000)).ids();
        Map<EmailId, Long> expected = new HashMap<>();
        for (int i = 0; i < listing.size(); i++) {
            expected.put(listing.get(i), (long) i);
        }
        assertEquals(120, expected.size());
        assertEquals(expected, store.listingPositions(bob.id(), inbox, false, ids).positions());
    }

    @Test
    void theBlobIndexIsBuiltForAStoreWrittenWithoutIt() throws Exception {
        var bob = store.createAccount("bob@localhost", "pw".toCharArray());
        EmailId one = deliverText(bob, "Subject: one\r\n\r\nsame\r\n");
        EmailId two = deliverText(bob, "Subject: one\r\n\r\nsame\r\n");
        EmailId three = deliverText(bob, "Subject: three\r\n\r\nother\r\n");
        var blob = store.emails(bob.id(), List.of(one)).get(one).blobId();
        var other = store.emails(bob.id(), List.of(three)).get(three).blobId();
        store.close();
        Environment env = StoreEnvironment.open(dir);
        try {
            Tables tables = Tables.open(env);
            Counters counters = new Counters(tables.counters);
            env.executeInExclusiveTransaction(txn -> {
                counters.set(txn, Counters.GLOBAL, Counters.BLOB_EMAILS, 0);
                try (var cursor = tables.blobEmails.openCursor(txn)) {
                    while (cursor.getNext()) {
                        cursor.deleteCurrent();
                    }
                }
            });
        } finally {
            env.close();
        }
        store = XodusMailStore.open(dir, clock);
        assertEquals(Map.of(blob, List.of(one, two), other, List.of(three)),
                store.emailsOfBlobs(bob.id(), List.of(blob, other)));
    }

    private EmailId deliverText(dev.mailkeep.store.model.Account account, String message) {
        return store.deliver(List.of(new Delivery(account.id(), MailboxRole.INBOX, message.getBytes(), Set.of())))
                .getFirst();
    }

    private List<EmailId> searchText(dev.mailkeep.store.model.Account account, String text) {
        return store.searchEmails(account.id(), new EmailSearch(EmailFilter.Condition.any().withText(text), List.of(),
                0, 10)).ids();
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
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
