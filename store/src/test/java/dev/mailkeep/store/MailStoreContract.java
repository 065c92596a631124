// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.crlf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.EmailSummary;
import dev.mailkeep.store.model.Mailbox;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link MailStore} implementation must show. An implementation's test
 * extends this class and says how to open a store on a folder with a clock.
 */
public abstract class MailStoreContract implements ThreadingContract, EmailUpdateContract, SearchContract, BlobContract,
        MailboxSetContract, SubmissionContract, IdentityContract,
        BodyContract, ParseContract, CopyContract, SnippetContract, StateListenerContract, ListingContract {
    protected static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    protected Path dir;
    protected final TestClock clock = new TestClock(T0);
    protected MailStore store;

    /** Opens (or reopens) the implementation on a folder; receivedAt and created come from the clock. */
    protected abstract MailStore open(Path dataDir, java.time.Clock clock);

    @BeforeEach
    void openStore() {
        store = open(dir, clock);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public MailStore store() {
        return store;
    }

    @Override
    public TestClock clock() {
        return clock;
    }

    protected Account account(String address) throws AccountExistsException {
        return store.createAccount(address, "secret".toCharArray());
    }

    protected EmailId deliver(Account account, byte[] message) {
        return store.deliver(List.of(new Delivery(account.id(), MailboxRole.INBOX, message, Set.of()))).getFirst();
    }

    protected Mailbox mailbox(Account account, MailboxRole role) {
        return store.mailboxByRole(account.id(), role).orElseThrow();
    }

    protected EmailRecord email(Account account, EmailId id) {
        return store.emails(account.id(), List.of(id)).get(id);
    }

    // ---- accounts ----------------------------------------------------------------------------

    @Test
    void createsAccountWithLowercasedAddressAndFindsItCaseInsensitively() throws Exception {
        Account created = store.createAccount("Bob@LocalHost", "pw".toCharArray());
        assertEquals("bob@localhost", created.address());
        assertEquals(T0, created.created());
        assertEquals(created, store.findAccount("BOB@localhost").orElseThrow());
        assertEquals(created, store.account(created.id()).orElseThrow());
        assertTrue(store.findAccount("nobody@localhost").isEmpty());
    }

    @Test
    void refusesDuplicateAddressInAnyCase() throws Exception {
        account("alice@localhost");
        assertThrows(AccountExistsException.class, () -> account("ALICE@localhost"));
        assertEquals(1, store.accounts().size());
    }

    @Test
    void refusesAddressesThatAreNotMailAddresses() {
        for (String bad : List.of("", "bob", "bob@", "@localhost", "bob smith@localhost", "a@b@c")) {
            assertThrows(IllegalArgumentException.class, () -> store.createAccount(bad, "pw".toCharArray()), bad);
        }
        assertEquals(List.of(), store.accounts());
    }

    @Test
    void listsAccountsByAddressWithDistinctIds() throws Exception {
        Account zed = account("zed@localhost");
        Account amy = account("amy@localhost");
        assertEquals(List.of(amy, zed), store.accounts());
        assertNotEquals(zed.id(), amy.id());
        assertTrue(store.account(new AccountId("A999")).isEmpty());
        assertTrue(store.account(new AccountId("nonsense")).isEmpty());
    }

    @Test
    void authenticatesOnlyTheRightPassword() throws Exception {
        Account bob = store.createAccount("bob@localhost", "correct horse".toCharArray());
        assertEquals(bob, store.authenticate("BOB@localhost", "correct horse".toCharArray()).orElseThrow());
        assertTrue(store.authenticate("bob@localhost", "correct horse ".toCharArray()).isEmpty());
        assertTrue(store.authenticate("bob@localhost", "".toCharArray()).isEmpty());
        assertTrue(store.authenticate("eve@localhost", "correct horse".toCharArray()).isEmpty());
    }

    @Test
    void setPasswordReplacesTheOldOne() throws Exception {
        account("bob@localhost");
        assertTrue(store.setPassword("Bob@localhost", "new one".toCharArray()));
        assertTrue(store.authenticate("bob@localhost", "secret".toCharArray()).isEmpty());
        assertTrue(store.authenticate("bob@localhost", "new one".toCharArray()).isPresent());
        assertFalse(store.setPassword("eve@localhost", "x".toCharArray()));
    }

    @Test
    void newAccountHasSixSubscribedEmptyMailboxesOnePerRole() throws Exception {
        Account bob = account("bob@localhost");
        List<Mailbox> boxes = store.mailboxes(bob.id());
        assertEquals(6, boxes.size());
        for (MailboxRole role : MailboxRole.values()) {
            Mailbox box = mailbox(bob, role);
            assertEquals(role.defaultName(), box.name());
            assertEquals(role, box.role());
            assertNull(box.parentId());
            assertTrue(box.isSubscribed());
            assertEquals(List.of(0L, 0L, 0L, 0L),
                    List.of(box.totalEmails(), box.unreadEmails(), box.totalThreads(), box.unreadThreads()));
            assertTrue(boxes.contains(box));
        }
        assertEquals(6, boxes.stream().map(Mailbox::id).distinct().count());
        assertTrue(mailbox(bob, MailboxRole.INBOX).sortOrder() < mailbox(bob, MailboxRole.TRASH).sortOrder());
    }

    // ---- delivery and parsing ----------------------------------------------------------------

    @Test
    void deliversMultipartWithAttachment() throws Exception {
        Account bob = account("bob@localhost");
        byte[] raw = crlf(TestMessages.MULTIPART);
        EmailRecord email = email(bob, deliver(bob, raw));
        EmailSummary s = email.summary();
        assertEquals(List.of("multi-1@example.org"), s.messageId());
        assertEquals(List.of(), s.inReplyTo());
        assertEquals(List.of(), s.references());
        assertEquals(List.of(new EmailAddress(null, "list-bounces@example.org")), s.sender());
        assertEquals(List.of(new EmailAddress("Alice Example", "alice@example.org")), s.from());
        assertEquals(List.of(new EmailAddress(null, "bob@localhost"), new EmailAddress("Carol C.", "carol@example.net")),
                s.to());
        assertEquals(List.of(new EmailAddress(null, "dave@example.com")), s.cc());
        assertEquals(List.of(), s.bcc());
        assertEquals(List.of(new EmailAddress(null, "replies@example.org")), s.replyTo());
        assertEquals("Quarterly report", s.subject());
        assertEquals(OffsetDateTime.of(2026, 11, 3, 9, 15, 30, 0, ZoneOffset.ofHours(1)), s.sentAt());
        assertEquals(ZoneOffset.ofHours(1), s.sentAt().getOffset());
        assertEquals("Hello Bob, please find the report attached. Alice", s.preview());
        assertTrue(s.hasAttachment());
        assertEquals(raw.length, email.size());
        assertEquals(T0, email.receivedAt());
        assertEquals(Set.of(mailbox(bob, MailboxRole.INBOX).id()), email.mailboxIds());
        assertEquals(Set.of(), email.keywords());
    }

    @Test
    void decodesQuotedPrintableAndEncodedWords() throws Exception {
        Account bob = account("bob@localhost");
        EmailSummary s = email(bob, deliver(bob, crlf(TestMessages.QUOTED_PRINTABLE))).summary();
        assertEquals("Grüße aus Köln", s.subject());
        assertEquals(List.of(new EmailAddress("Jürgen Müller", "juergen@example.de")), s.from());
        assertEquals(List.of(new EmailAddress("Björn", "bjorn@localhost")), s.to());
        assertEquals(List.of("qp-1@example.de"), s.messageId());
        assertEquals(List.of("multi-1@example.org"), s.inReplyTo());
        assertEquals(List.of("root-0@example.org", "multi-1@example.org"), s.references());
        assertEquals(OffsetDateTime.of(2026, 11, 4, 18, 0, 0, 0, ZoneOffset.ofHours(-5)), s.sentAt());
        assertEquals("Schöne Grüße aus Köln, das ist eine sehr lange Zeile die weich umbrochen wurde.", s.preview());
        assertFalse(s.hasAttachment());
    }

    @Test
    void decodesBase64LatinBodyAndLeavesMissingDateNull() throws Exception {
        Account bob = account("bob@localhost");
        EmailSummary s = email(bob, deliver(bob, crlf(TestMessages.BASE64_NO_DATE))).summary();
        assertEquals("Café", s.subject());
        assertEquals("Café crème brûlée", s.preview());
        assertNull(s.sentAt());
        assertEquals(List.of(new EmailAddress(null, "francois@example.fr")), s.from());
        assertFalse(s.hasAttachment());
    }

    @Test
    void readsRawUtf8HeadersAsUtf8() throws Exception {
        Account bob = account("bob@localhost");
        EmailSummary s = email(bob, deliver(bob, crlf(TestMessages.RAW_UTF8))).summary();
        assertEquals("会議の件 – Grüße", s.subject());
        assertEquals(List.of(new EmailAddress("山田 太郎", "taro@example.jp")), s.from());
        assertEquals("明日の会議は10時からです。", s.preview());
        assertEquals(OffsetDateTime.of(2026, 11, 5, 7, 0, 0, 0, ZoneOffset.ofHours(9)), s.sentAt());
    }

    @Test
    void previewsHtmlAsTextAndInlineImageIsNoAttachment() throws Exception {
        Account bob = account("bob@localhost");
        EmailSummary s = email(bob, deliver(bob, crlf(TestMessages.HTML_ONLY))).summary();
        assertEquals("Fish & chips tonight at 8", s.preview());
        assertFalse(s.hasAttachment());
        assertEquals("Re: [list] Fwd: Weekly news", s.subject());
        assertEquals(List.of(new EmailAddress("News", "news@example.com")), s.from());
        assertEquals(OffsetDateTime.of(2026, 11, 6, 12, 0, 0, 0, ZoneOffset.UTC), s.sentAt());
    }

    @Test
    void previewIsCutAt256Characters() throws Exception {
        Account bob = account("bob@localhost");
        String body = "word ".repeat(100);
        EmailSummary s = email(bob, deliver(bob, crlf("Subject: long\n\n" + body))).summary();
        assertEquals(body.substring(0, 256), s.preview());
        assertNull(s.sentAt());
        assertEquals(List.of(), s.from());
    }

    @Test
    void deliversToSeveralAccountsInOneCallInOrder() throws Exception {
        Account bob = account("bob@localhost");
        Account amy = account("amy@localhost");
        byte[] raw = crlf(TestMessages.MULTIPART);
        List<EmailId> ids = store.deliver(List.of(
                new Delivery(bob.id(), MailboxRole.INBOX, raw, Set.of()),
                new Delivery(amy.id(), MailboxRole.JUNK, raw, Set.of("$Seen"))));
        assertEquals(2, ids.size());
        assertEquals(Set.of(mailbox(bob, MailboxRole.INBOX).id()), email(bob, ids.get(0)).mailboxIds());
        EmailRecord amyCopy = email(amy, ids.get(1));
        assertEquals(Set.of(mailbox(amy, MailboxRole.JUNK).id()), amyCopy.mailboxIds());
        assertEquals(Set.of("$seen"), amyCopy.keywords());
        assertEquals(1, mailbox(amy, MailboxRole.JUNK).totalEmails());
        assertEquals(0, mailbox(amy, MailboxRole.JUNK).unreadEmails());
        assertEquals(0, mailbox(amy, MailboxRole.INBOX).totalEmails());
    }

    // ---- counts and queries ------------------------------------------------------------------

    @Test
    void keepsExactCounts() throws Exception {
        Account bob = account("bob@localhost");
        deliver(bob, TestMessages.simple("a@x", "one", null));
        deliver(bob, TestMessages.simple("b@x", "two", null));
        store.deliver(List.of(new Delivery(bob.id(), MailboxRole.INBOX, TestMessages.simple("c@x", "two", "b@x"),
                Set.of("$seen"))));
        Mailbox inbox = mailbox(bob, MailboxRole.INBOX);
        assertEquals(3, inbox.totalEmails());
        assertEquals(2, inbox.unreadEmails());
        assertEquals(2, inbox.totalThreads());
        assertEquals(2, inbox.unreadThreads());
        assertEquals(0, mailbox(bob, MailboxRole.ARCHIVE).totalEmails());
    }

    @Test
    void queriesByReceivedAtWithPositionLimitAndTotal() throws Exception {
        Account bob = account("bob@localhost");
        EmailId first = deliver(bob, TestMessages.simple("1@x", "s1", null));
        clock.advanceSeconds(60);
        EmailId second = deliver(bob, TestMessages.simple("2@x", "s2", null));
        EmailId third = deliver(bob, TestMessages.simple("3@x", "s3", null));
        clock.advanceSeconds(60);
        EmailId fourth = deliver(bob, TestMessages.simple("4@x", "s4", null));
        MailboxId inbox = mailbox(bob, MailboxRole.INBOX).id();

        QueryResult all = store.queryEmails(bob.id(), EmailQuery.inMailbox(inbox, 0, 10));
        assertEquals(List.of(fourth, third, second, first), all.ids());
        assertEquals(4, all.total());
        assertEquals(0, all.position());
        assertEquals(store.state(bob.id(), DataType.EMAIL), all.queryState());

        QueryResult page = store.queryEmails(bob.id(), EmailQuery.inMailbox(inbox, 1, 2));
        assertEquals(List.of(third, second), page.ids());
        assertEquals(1, page.position());
        assertEquals(4, page.total());

        QueryResult ascending = store.queryEmails(bob.id(), new EmailQuery(inbox, true, 1, 10));
        assertEquals(List.of(second, third, fourth), ascending.ids());

        QueryResult accountWide = store.queryEmails(bob.id(), new EmailQuery(null, false, 0, 3));
        assertEquals(List.of(fourth, third, second), accountWide.ids());
        assertEquals(4, accountWide.total());

        assertEquals(List.of(), store.queryEmails(bob.id(), EmailQuery.inMailbox(inbox, 9, 10)).ids());
        MailboxId trash = mailbox(bob, MailboxRole.TRASH).id();
        QueryResult empty = store.queryEmails(bob.id(), EmailQuery.inMailbox(trash, 0, 10));
        assertEquals(List.of(), empty.ids());
        assertEquals(0, empty.total());
    }

    // ---- isolation and blobs -----------------------------------------------------------------

    @Test
    void anotherAccountsIdsAreAbsent() throws Exception {
        Account bob = account("bob@localhost");
        Account eve = account("eve@localhost");
        EmailId bobs = deliver(bob, crlf(TestMessages.MULTIPART));
        EmailRecord record = email(bob, bobs);
        assertEquals(Map.of(), store.emails(eve.id(), List.of(bobs)));
        assertTrue(store.openBlob(eve.id(), record.blobId()).isEmpty());
        MailboxId bobInbox = mailbox(bob, MailboxRole.INBOX).id();
        QueryResult eveQuery = store.queryEmails(eve.id(), EmailQuery.inMailbox(bobInbox, 0, 10));
        assertTrue(eveQuery.ids().isEmpty(), "eve must not see bob's inbox");
        assertFalse(store.mailboxes(eve.id()).stream().anyMatch(m -> m.totalEmails() > 0));
        assertEquals(List.of(), store.mailboxes(new AccountId("A999")));
        assertEquals(Map.of(), store.emails(bob.id(), List.of(new EmailId("E999"), new EmailId("zz"))));
    }

    @Test
    void blobBytesRoundTripAndIdIsTheirSha256() throws Exception {
        Account bob = account("bob@localhost");
        byte[] raw = crlf(TestMessages.RAW_UTF8);
        EmailRecord record = email(bob, deliver(bob, raw));
        try (InputStream in = store.openBlob(bob.id(), record.blobId()).orElseThrow()) {
            assertArrayEquals(raw, in.readAllBytes());
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        assertTrue(record.blobId().value().contains(sha), record.blobId().value());
        assertTrue(store.openBlob(bob.id(), new BlobId("0".repeat(64))).isEmpty());
    }

    @Test
    void sameMessageTwiceIsTwoEmailsSharingOneBlob() throws Exception {
        Account bob = account("bob@localhost");
        byte[] raw = crlf(TestMessages.MULTIPART);
        EmailId one = deliver(bob, raw);
        EmailId two = deliver(bob, raw);
        assertNotEquals(one, two);
        assertEquals(email(bob, one).blobId(), email(bob, two).blobId());
        assertEquals(2, mailbox(bob, MailboxRole.INBOX).totalEmails());
    }

    // ---- state and changes -------------------------------------------------------------------

    @Test
    void deliveryAdvancesStatesAndLogsEmailMailboxAndThreadChanges() throws Exception {
        Account bob = account("bob@localhost");
        State email0 = store.state(bob.id(), DataType.EMAIL);
        State mailbox0 = store.state(bob.id(), DataType.MAILBOX);
        State thread0 = store.state(bob.id(), DataType.THREAD);
        EmailId id = deliver(bob, crlf(TestMessages.MULTIPART));
        EmailRecord record = email(bob, id);

        Changes emails = store.changes(bob.id(), DataType.EMAIL, email0, 100);
        assertEquals(List.of(id.value()), emails.created());
        assertEquals(List.of(), emails.updated());
        assertEquals(List.of(), emails.destroyed());
        assertEquals(store.state(bob.id(), DataType.EMAIL), emails.newState());
        assertTrue(emails.newState().compareTo(email0) > 0);
        assertFalse(emails.hasMoreChanges());

        Changes boxes = store.changes(bob.id(), DataType.MAILBOX, mailbox0, 100);
        assertEquals(List.of(mailbox(bob, MailboxRole.INBOX).id().value()), boxes.updated());
        assertEquals(List.of(), boxes.created());

        Changes threads = store.changes(bob.id(), DataType.THREAD, thread0, 100);
        assertEquals(List.of(record.threadId().value()), threads.created());
        assertEquals(List.of(), threads.updated());

        Changes none = store.changes(bob.id(), DataType.EMAIL, emails.newState(), 100);
        assertEquals(List.of(), none.created());
        assertEquals(emails.newState(), none.newState());
    }

    @Test
    void newAccountLogsItsMailboxesAsCreated() throws Exception {
        Account bob = account("bob@localhost");
        Changes changes = store.changes(bob.id(), DataType.MAILBOX, State.INITIAL, 100);
        assertEquals(store.mailboxes(bob.id()).stream().map(m -> m.id().value()).collect(Collectors.toSet()),
                Set.copyOf(changes.created()));
        assertEquals(6, changes.created().size());
    }

    @Test
    void mailboxChangesSayWhenOnlyCountsChanged() throws Exception {
        Account bob = account("bob@localhost");
        State afterCreate = store.state(bob.id(), DataType.MAILBOX);
        deliver(bob, crlf(TestMessages.MULTIPART));
        MailboxChanges countsOnly = store.mailboxChanges(bob.id(), afterCreate, 100);
        assertTrue(countsOnly.onlyCountsChanged());
        assertEquals(List.of(mailbox(bob, MailboxRole.INBOX).id().value()), countsOnly.changes().updated());
        MailboxChanges withCreation = store.mailboxChanges(bob.id(), State.INITIAL, 100);
        assertFalse(withCreation.onlyCountsChanged());
        assertEquals(6, withCreation.changes().created().size());
        assertFalse(store.mailboxChanges(bob.id(), store.state(bob.id(), DataType.MAILBOX), 100).onlyCountsChanged());
    }

    @Test
    void trimmedChangesCannotBeCalculatedButLaterOnesCan() throws Exception {
        Account bob = account("bob@localhost");
        State start = store.state(bob.id(), DataType.EMAIL);
        deliver(bob, TestMessages.simple("old@x", "old", null));
        State middle = store.state(bob.id(), DataType.EMAIL);
        clock.advanceSeconds(86_400);
        EmailId recent = deliver(bob, TestMessages.simple("new@x", "new", null));
        assertTrue(store.trimChanges(T0.plusSeconds(3600)) > 0);
        assertThrows(CannotCalculateChangesException.class, () -> store.changes(bob.id(), DataType.EMAIL, start, 100));
        assertEquals(List.of(recent.value()), store.changes(bob.id(), DataType.EMAIL, middle, 100).created());
        assertThrows(CannotCalculateChangesException.class,
                () -> store.changes(bob.id(), DataType.MAILBOX, State.INITIAL, 100));
        assertEquals(2, mailbox(bob, MailboxRole.INBOX).totalEmails());
    }

    @Test
    void stateAheadOfCurrentCannotBeCalculated() throws Exception {
        Account bob = account("bob@localhost");
        State current = store.state(bob.id(), DataType.EMAIL);
        assertThrows(CannotCalculateChangesException.class,
                () -> store.changes(bob.id(), DataType.EMAIL, new State(current.modseq() + 1), 10));
    }

    /**
     * Table-driven: each row delivers messages (one transaction per row); after all rows, the
     * changes since the state before every row must be exactly the emails delivered since, and
     * with maxChanges 2 the client must reach the current state in whole rows.
     */
    @Test
    void changesSinceEveryEarlierStateAreExact() throws Exception {
        Account bob = account("bob@localhost");
        int[] rows = {1, 2, 1, 3, 1};
        List<State> before = new java.util.ArrayList<>();
        List<List<String>> createdPerRow = new java.util.ArrayList<>();
        int n = 0;
        for (int count : rows) {
            before.add(store.state(bob.id(), DataType.EMAIL));
            List<Delivery> batch = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(new Delivery(bob.id(), MailboxRole.INBOX, TestMessages.simple("m" + n++ + "@x", "s" + n, null),
                        Set.of()));
            }
            createdPerRow.add(store.deliver(batch).stream().map(EmailId::value).toList());
        }
        State current = store.state(bob.id(), DataType.EMAIL);
        for (int r = 0; r < rows.length; r++) {
            List<String> expected = createdPerRow.subList(r, rows.length).stream().flatMap(List::stream).toList();
            Changes all = store.changes(bob.id(), DataType.EMAIL, before.get(r), 1000);
            assertEquals(Set.copyOf(expected), Set.copyOf(all.created()), "since row " + r);
            assertEquals(expected.size(), all.created().size());
            assertEquals(current, all.newState());

            Set<String> paged = new java.util.HashSet<>();
            State state = before.get(r);
            int calls = 0;
            boolean more = true;
            while (more && calls++ < 20) {
                Changes page = store.changes(bob.id(), DataType.EMAIL, state, 3);
                assertTrue(page.created().size() <= 3);
                paged.addAll(page.created());
                more = page.hasMoreChanges();
                state = page.newState();
            }
            assertEquals(Set.copyOf(expected), paged, "paged since row " + r);
            assertEquals(current, state);
        }
    }

    // ---- concurrency -------------------------------------------------------------------------

    @Test
    void concurrentDeliveriesGetDistinctIdsAndExactCounts() throws Exception {
        Account bob = account("bob@localhost");
        int threads = 8;
        int each = 10;
        List<java.util.concurrent.Future<List<EmailId>>> futures = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<EmailId> ids = new java.util.ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        Set<String> keywords = i % 2 == 0 ? Set.of("$seen") : Set.of();
                        ids.add(store.deliver(List.of(new Delivery(bob.id(), MailboxRole.INBOX,
                                TestMessages.simple(thread + "-" + i + "@x", "t" + thread, i == 0 ? null : thread + "-0@x"),
                                keywords))).getFirst());
                    }
                    return ids;
                }));
            }
        }
        Set<EmailId> all = new java.util.HashSet<>();
        for (var future : futures) {
            all.addAll(future.get());
        }
        assertEquals(threads * each, all.size());
        assertEquals(List.of((long) threads * each, (long) threads * each / 2, (long) threads, (long) threads),
                counts(bob, MailboxRole.INBOX));
        assertEquals(threads * each, store.emails(bob.id(), all).size());
        assertEquals(threads * each, store.changes(bob.id(), DataType.EMAIL, State.INITIAL, 1000).created().size());
    }

    // ---- durability --------------------------------------------------------------------------

    @Test
    void reopenedStoreKeepsEverything() throws Exception {
        Account bob = account("bob@localhost");
        EmailId id = deliver(bob, crlf(TestMessages.QUOTED_PRINTABLE));
        EmailRecord before = email(bob, id);
        List<Mailbox> boxes = store.mailboxes(bob.id());
        State state = store.state(bob.id(), DataType.EMAIL);
        store.close();
        store = open(dir, clock);
        assertEquals(before, email(bob, id));
        assertEquals(boxes, store.mailboxes(bob.id()));
        assertEquals(state, store.state(bob.id(), DataType.EMAIL));
        assertTrue(store.authenticate("bob@localhost", "secret".toCharArray()).isPresent());
        try (InputStream in = store.openBlob(bob.id(), before.blobId()).orElseThrow()) {
            assertArrayEquals(crlf(TestMessages.QUOTED_PRINTABLE), in.readAllBytes());
        }
        EmailId next = deliver(bob, crlf(TestMessages.MULTIPART));
        assertNotEquals(id, next);
    }
}
