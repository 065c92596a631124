// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Mailbox;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a delivering store process with SIGKILL, reopens the folder and checks that every
 * acknowledged message is there with its bytes, and that every mailbox count equals a recount.
 */
class CrashTest {
    private static final int ACKS_BEFORE_KILL = 40;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedDeliverySurvivesSigkillWithExactCounts() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String[]> acks = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && acks.size() < ACKS_BEFORE_KILL) {
                if (line.startsWith("ack ")) {
                    acks.add(line.split(" "));
                }
            }
            // SIGKILL while the child is inside its next deliver(); acks not yet read are not checked
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(ACKS_BEFORE_KILL, acks.size(), "the child did not deliver");

        try (MailStore store = XodusMailStore.open(dir)) {
            Account bob = store.findAccount("bob@localhost").orElseThrow();
            Account amy = store.findAccount("amy@localhost").orElseThrow();
            for (String[] ack : acks) {
                byte[] expected = CrashChild.message(Integer.parseInt(ack[1]));
                assertStored(store, bob, new EmailId(ack[2]), expected);
                assertStored(store, amy, new EmailId(ack[3]), expected);
            }
            assertCountsMatchRecount(store, bob);
            assertCountsMatchRecount(store, amy);
            assertSearchAgrees(store, bob);
            assertSearchAgrees(store, amy);

            EmailId next = store.deliver(List.of(new dev.mailkeep.store.Delivery(bob.id(),
                    dev.mailkeep.store.MailboxRole.INBOX, CrashChild.message(10_000), Set.of()))).getFirst();
            assertTrue(acks.stream().noneMatch(ack -> ack[2].equals(next.value())), "id reused: " + next);
            assertCountsMatchRecount(store, bob);
        }
    }

    private static void assertStored(MailStore store, Account account, EmailId id, byte[] expected) throws Exception {
        EmailRecord record = store.emails(account.id(), List.of(id)).get(id);
        assertTrue(record != null, "acknowledged " + id + " of " + account.address() + " is missing");
        try (InputStream in = store.openBlob(account.id(), record.blobId()).orElseThrow()) {
            assertArrayEquals(expected, in.readAllBytes());
        }
    }

    /** Every email the store holds is found by a word each body has, and nothing else is. */
    private static void assertSearchAgrees(MailStore store, Account account) {
        List<EmailId> all = store.queryEmails(account.id(), new EmailQuery(null, false, 0, Integer.MAX_VALUE)).ids();
        var hits = store.searchEmails(account.id(), new dev.mailkeep.store.EmailSearch(
                dev.mailkeep.store.EmailFilter.Condition.any().withText("body"), List.of(), 0, Integer.MAX_VALUE));
        assertEquals(all, hits.ids(), account.address() + ": search and store disagree");
        assertEquals(all.size(), hits.total());
    }

    /** Recounts every mailbox from the emails themselves and compares with the stored counts. */
    static void assertCountsMatchRecount(MailStore store, Account account) {
        List<EmailId> all = store.queryEmails(account.id(), new EmailQuery(null, false, 0, Integer.MAX_VALUE)).ids();
        Map<EmailId, EmailRecord> emails = store.emails(account.id(), all);
        assertEquals(all.size(), emails.size());
        for (Mailbox mailbox : store.mailboxes(account.id())) {
            long total = 0;
            long unread = 0;
            Set<Object> threads = new HashSet<>();
            Set<Object> unreadThreads = new HashSet<>();
            Map<Object, Integer> seen = new HashMap<>();
            for (EmailRecord e : emails.values()) {
                if (!e.mailboxIds().contains(mailbox.id())) {
                    continue;
                }
                total++;
                threads.add(e.threadId());
                if (!e.keywords().contains("$seen")) {
                    unread++;
                    unreadThreads.add(e.threadId());
                }
                seen.merge(e.threadId(), 1, Integer::sum);
            }
            String name = account.address() + " " + mailbox.name();
            assertEquals(total, mailbox.totalEmails(), name + " totalEmails");
            assertEquals(unread, mailbox.unreadEmails(), name + " unreadEmails");
            assertEquals(threads.size(), mailbox.totalThreads(), name + " totalThreads");
            assertEquals(unreadThreads.size(), mailbox.unreadThreads(), name + " unreadThreads");
            assertEquals(total, store.queryEmails(account.id(), EmailQuery.inMailbox(mailbox.id(), 0, Integer.MAX_VALUE))
                    .ids().size(), name + " index rows");
        }
    }
}
