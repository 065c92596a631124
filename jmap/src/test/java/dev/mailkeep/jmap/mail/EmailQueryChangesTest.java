// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailImport;
import dev.mailkeep.store.EmailUpdate;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Email/queryChanges (RFC 8621 section 4.5, RFC 8620 section 5.6), table-driven: for every query of
 * {@link #QUERIES} and every state a client could hold after each step of {@link #steps}, the
 * answer applied to the results the client had (remove every id of {@code removed}, then insert
 * {@code added} in index order) gives exactly what Email/query answers now; with {@code upToId}, the
 * same holds for the part of the results up to that id.
 */
class EmailQueryChangesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Queries whose results depend on each email alone, over mutable and immutable properties. */
    private static final List<String> QUERIES = new ArrayList<>();

    private static Path dir;
    private static MailStore store;
    private static Account alice;
    private static MailboxId inbox;
    private static MailboxId archive;
    /** For each state reached, the ids every query answered at it. */
    private static final List<Map<String, List<String>>> RESULTS = new ArrayList<>();
    private static final List<String> STATES = new ArrayList<>();
    private static final List<EmailId> EMAILS = new ArrayList<>();

    @BeforeAll
    static void fill() throws Exception {
        dir = Files.createTempDirectory("mailkeep-querychanges");
        store = XodusMailStore.open(dir);
        alice = store.createAccount("alice@localhost", "secret".toCharArray());
        inbox = store.mailboxByRole(alice.id(), MailboxRole.INBOX).orElseThrow().id();
        archive = store.mailboxByRole(alice.id(), MailboxRole.ARCHIVE).orElseThrow().id();
        QUERIES.add("{}");
        QUERIES.add("{\"filter\": {\"inMailbox\": \"" + inbox.value() + "\"}}");
        QUERIES.add("{\"filter\": {\"inMailbox\": \"" + inbox.value() + "\"}, \"sort\": [{\"property\": \"receivedAt\", \"isAscending\": true}]}");
        QUERIES.add("{\"filter\": {\"hasKeyword\": \"$flagged\"}}");
        QUERIES.add("{\"filter\": {\"notKeyword\": \"$seen\"}, \"sort\": [{\"property\": \"size\", \"isAscending\": false}]}");
        QUERIES.add("{\"filter\": {\"operator\": \"OR\", \"conditions\": [{\"inMailbox\": \"" + archive.value()
                + "\"}, {\"text\": \"invoice\"}]}}");
        QUERIES.add("{\"filter\": {\"text\": \"invoice\"}}");
        QUERIES.add("{\"filter\": {\"minSize\": 200}, \"sort\": [{\"property\": \"subject\"}, {\"property\": \"receivedAt\"}]}");
        QUERIES.add("{\"filter\": {\"after\": \"2026-01-01T00:00:05Z\"}, \"sort\": [{\"property\": \"receivedAt\", \"isAscending\": false}]}");
        QUERIES.add("{\"sort\": [{\"property\": \"receivedAt\", \"isAscending\": true}]}");
        QUERIES.add("{\"sort\": [{\"property\": \"hasKeyword\", \"keyword\": \"$flagged\", \"isAscending\": false},"
                + " {\"property\": \"receivedAt\"}]}");
        QUERIES.add("{\"filter\": {\"inMailbox\": \"" + inbox.value() + "\"}, \"sort\": [{\"property\": \"hasKeyword\","
                + " \"keyword\": \"$seen\"}, {\"property\": \"size\"}]}");

        for (int i = 0; i < 12; i++) {
            // Pairs share a receive time, so ties are broken by id as the index must be.
            EMAILS.add(add(inbox, T0.plusSeconds(i / 2 * 2), i % 3 == 0 ? "invoice " + i : "note " + i, i * 40, Set.of()));
        }
        snapshot();
        for (Runnable step : steps()) {
            step.run();
            snapshot();
        }
    }

    /** Each step is one committed change, as a mobile client's peers would make them. */
    private static List<Runnable> steps() {
        return List.of(
                () -> EMAILS.add(add(inbox, T0.plusSeconds(30), "invoice late", 10, Set.of())),
                () -> update(EMAILS.get(2), EmailUpdate.keyword("$flagged", true)),
                () -> update(EMAILS.get(3), EmailUpdate.mailboxes(Set.of(archive))),
                () -> destroy(EMAILS.get(0)),
                () -> {
                    EMAILS.add(add(archive, T0.plusSeconds(4), "invoice old", 300, Set.of("$seen")));
                    EMAILS.add(add(inbox, T0.plusSeconds(6), "zebra", 500, Set.of()));
                },
                () -> update(EMAILS.get(5), EmailUpdate.keyword("$seen", true)),
                () -> update(EMAILS.get(2), EmailUpdate.keyword("$flagged", false)),
                () -> update(EMAILS.get(3), EmailUpdate.mailboxes(Set.of(inbox))),
                () -> destroy(EMAILS.get(12)),
                () -> update(EMAILS.get(7), EmailUpdate.keyword("$seen", true)));
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void theChangesAppliedToEveryEarlierResultGiveTheCurrentResult() throws Exception {
        Map<String, List<String>> now = RESULTS.getLast();
        for (int k = 0; k < STATES.size(); k++) {
            for (String query : QUERIES) {
                JsonNode changes = queryChanges(query, STATES.get(k), null);
                assertEquals(STATES.get(k), changes.get("oldQueryState").textValue());
                assertEquals(STATES.getLast(), changes.get("newQueryState").textValue());
                assertEquals(now.get(query), apply(RESULTS.get(k).get(query), changes),
                        "query " + query + " from state " + k);
                assertEquals(now.get(query).size(), changes.get("total").intValue());
            }
        }
    }

    @Test
    void upToIdCoversThePartOfTheResultsTheClientHolds() throws Exception {
        Map<String, List<String>> now = RESULTS.getLast();
        for (int k = 0; k < STATES.size() - 1; k++) {
            for (String query : QUERIES) {
                List<String> old = RESULTS.get(k).get(query);
                for (int cut = 0; cut < old.size(); cut += 2) {
                    String upToId = old.get(cut);
                    JsonNode changes = queryChanges(query, STATES.get(k), upToId);
                    List<String> applied = apply(old.subList(0, cut + 1), changes);
                    List<String> expected = now.get(query);
                    String where = "query " + query + " from state " + k + " up to " + upToId;
                    // Whatever the query, the client's part of the results stays a beginning of the new results.
                    assertEquals(expected.subList(0, Math.min(applied.size(), expected.size())), applied, where);
                    JsonNode full = queryChanges(query, STATES.get(k), null);
                    boolean upToIdMoved = query.contains("\"property\": \"hasKeyword\"")
                            && full.get("removed").toString().contains("\"" + upToId + "\"");
                    if (expected.contains(upToId) && !upToIdMoved) {
                        // Exactly the results up to upToId, nothing after it (RFC 8620 erratum 6603).
                        assertEquals(expected.subList(0, expected.indexOf(upToId) + 1), applied, where);
                        changes.get("added").forEach(added -> assertTrue(
                                added.get("index").intValue() <= expected.indexOf(upToId), where));
                    } else {
                        // upToId gone from the results, or moved by a keyword sort: ignored, the full answer comes back.
                        assertEquals(full, changes, where);
                    }
                }
            }
        }
    }

    @Test
    void aClientAtTheCurrentStateGetsNothing() throws Exception {
        JsonNode changes = queryChanges("{}", STATES.getLast(), null);
        assertEquals(0, changes.get("removed").size());
        assertEquals(0, changes.get("added").size());
    }

    @Test
    void queryAnswersCanCalculateChangesOnlyWhereQueryChangesAnswers() throws Exception {
        for (String query : QUERIES) {
            assertTrue(call(new EmailQuery(), query).get("canCalculateChanges").booleanValue(), query);
        }
        assertFalse(call(new EmailQuery(), "{\"collapseThreads\": true}").get("canCalculateChanges").booleanValue());
        assertFalse(call(new EmailQuery(), "{\"filter\": {\"someInThreadHaveKeyword\": \"$flagged\"}}")
                .get("canCalculateChanges").booleanValue());
        assertFalse(call(new EmailQuery(), "{\"sort\": [{\"property\": \"allInThreadHaveKeyword\", \"keyword\": \"$seen\"}]}")
                .get("canCalculateChanges").booleanValue());
    }

    @Test
    void threadDependentQueriesAndUnknownStatesCannotCalculateChanges() {
        String old = STATES.getFirst();
        assertError("cannotCalculateChanges", "{\"collapseThreads\": true, \"sinceQueryState\": \"" + old + "\"}");
        assertError("cannotCalculateChanges", "{\"filter\": {\"operator\": \"NOT\", \"conditions\": "
                + "[{\"noneInThreadHaveKeyword\": \"$seen\"}]}, \"sinceQueryState\": \"" + old + "\"}");
        assertError("cannotCalculateChanges", "{\"sort\": [{\"property\": \"someInThreadHaveKeyword\", \"keyword\":"
                + " \"$flagged\"}], \"sinceQueryState\": \"" + old + "\"}");
        assertError("cannotCalculateChanges", "{\"sinceQueryState\": \"not a state!\"}");
        assertError("cannotCalculateChanges", "{\"sinceQueryState\": \"zzzzzz\"}");
        assertError("invalidArguments", "{\"sinceQueryState\": \"" + old + "\", \"maxChanges\": 0}");
        assertError("unsupportedSort", "{\"sinceQueryState\": \"" + old + "\", \"sort\": [{\"property\": \"threadSize\"}]}");
    }

    @Test
    void moreChangesThanMaxChangesIsTooManyChanges() throws Exception {
        String old = STATES.get(STATES.size() - 3);
        // Two emails changed in the last two steps: both in removed, and one also in added.
        assertError("tooManyChanges", "{\"sinceQueryState\": \"" + old + "\", \"maxChanges\": 1}");
        assertError("tooManyChanges", "{\"sinceQueryState\": \"" + old + "\", \"maxChanges\": 2}");
        JsonNode fits = call(new EmailQueryChanges(), "{\"sinceQueryState\": \"" + old + "\", \"maxChanges\": 3}");
        assertEquals(2, fits.get("removed").size());
        assertEquals(1, fits.get("added").size());
    }

    @Test
    void aStateOlderThanTheKeptChangeLogCannotCalculateChanges() throws Exception {
        Path other = Files.createTempDirectory("mailkeep-querychanges-trim");
        try (MailStore trimmed = XodusMailStore.open(other)) {
            Account bob = trimmed.createAccount("bob@localhost", "secret".toCharArray());
            String before = trimmed.state(bob.id(), dev.mailkeep.store.DataType.EMAIL).encode();
            trimmed.deliver(List.of(new dev.mailkeep.store.Delivery(bob.id(), MailboxRole.INBOX,
                    "Subject: one\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8), Set.of())));
            trimmed.trimChanges(Instant.now().plusSeconds(60));
            ObjectNode args = (ObjectNode) MAPPER.readTree("{\"sinceQueryState\": \"" + before + "\"}");
            args.put("accountId", bob.id().value());
            MethodException e = org.junit.jupiter.api.Assertions.assertThrows(MethodException.class,
                    () -> new EmailQueryChanges().call(new Args(args),
                            new MethodContext(bob, trimmed, JmapLimits.defaults(), new HashMap<>())));
            assertEquals("cannotCalculateChanges", e.error().type());
        } finally {
            try (Stream<Path> paths = Files.walk(other)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** The client's side of RFC 8620 section 5.6: remove every id in removed, then insert each added at its index. */
    static List<String> apply(List<String> old, JsonNode changes) {
        List<String> ids = new ArrayList<>(old);
        changes.get("removed").forEach(id -> ids.remove(id.textValue()));
        int previous = -1;
        for (JsonNode added : changes.get("added")) {
            int index = added.get("index").intValue();
            assertTrue(index > previous, "added is sorted by index");
            previous = index;
            if (index <= ids.size()) {
                ids.add(index, added.get("id").textValue());
            }
        }
        return ids;
    }

    private static void assertError(String type, String arguments) {
        MethodException e = org.junit.jupiter.api.Assertions.assertThrows(MethodException.class,
                () -> call(new EmailQueryChanges(), arguments));
        assertEquals(type, e.error().type(), arguments);
    }

    private static JsonNode queryChanges(String query, String since, String upToId) throws Exception {
        ObjectNode args = (ObjectNode) MAPPER.readTree(query);
        args.put("sinceQueryState", since);
        args.put("calculateTotal", true);
        if (upToId != null) {
            args.put("upToId", upToId);
        }
        return call(new EmailQueryChanges(), args.toString());
    }

    private static ObjectNode call(Method method, String arguments) throws Exception {
        ObjectNode args = (ObjectNode) MAPPER.readTree(arguments);
        args.put("accountId", alice.id().value());
        return method.call(new Args(args), new MethodContext(alice, store, JmapLimits.defaults(), new HashMap<>()));
    }

    private static void snapshot() {
        try {
            Map<String, List<String>> results = new HashMap<>();
            String state = null;
            for (String query : QUERIES) {
                ObjectNode answer = call(new EmailQuery(), query);
                List<String> ids = new ArrayList<>();
                answer.get("ids").forEach(id -> ids.add(id.textValue()));
                results.put(query, ids);
                state = answer.get("queryState").textValue();
            }
            RESULTS.add(results);
            STATES.add(state);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static EmailId add(MailboxId mailbox, Instant receivedAt, String subject, int padding, Set<String> keywords) {
        String message = "From: joe@example.com\r\nTo: alice@localhost\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '.') + "@example.com>\r\n\r\n" + "x".repeat(padding) + "\r\n";
        BlobId blob = store.uploadBlob(alice.id(), message.getBytes(StandardCharsets.UTF_8));
        return store.importEmails(alice.id(), Map.of("e", new EmailImport(blob, Set.of(mailbox), keywords, receivedAt)))
                .created().get("e");
    }

    private static void update(EmailId email, EmailUpdate update) {
        assertTrue(store.updateEmails(alice.id(), Map.of(email, update)).failed().isEmpty());
    }

    private static void destroy(EmailId email) {
        assertTrue(store.destroyEmails(alice.id(), List.of(email)).failed().isEmpty());
    }
}
