// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.MailboxSetResult;
import dev.mailkeep.store.MailboxSpec;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Mailbox/queryChanges (RFC 8620 section 5.6 over RFC 8621 section 2.3), table-driven as
 * {@link EmailQueryChangesTest}: from every earlier state, the answer applied to the results of
 * then gives the results of now.
 */
class MailboxQueryChangesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> QUERIES = List.of(
            "{}",
            "{\"sort\": [{\"property\": \"name\", \"isAscending\": false}]}",
            "{\"filter\": {\"hasAnyRole\": false}, \"sort\": [{\"property\": \"name\"}]}",
            "{\"filter\": {\"operator\": \"OR\", \"conditions\": [{\"name\": \"pro\"}, {\"isSubscribed\": false}]}}");

    private static Path dir;
    private static MailStore store;
    private static Account alice;
    private static final List<Map<String, List<String>>> RESULTS = new ArrayList<>();
    private static final List<String> STATES = new ArrayList<>();
    private static final Map<String, MailboxId> CREATED = new HashMap<>();

    @BeforeAll
    static void fill() throws Exception {
        dir = Files.createTempDirectory("mailkeep-mailbox-querychanges");
        store = XodusMailStore.open(dir);
        alice = store.createAccount("alice@localhost", "secret".toCharArray());
        snapshot();
        List<Runnable> steps = List.of(
                () -> create("projects", new MailboxSpec("Projects", null, null, 5, true)),
                () -> create("zeta", new MailboxSpec("Zeta", null, null, 0, false)),
                () -> update("projects", new MailboxSpec("Aardvark projects", null, null, 5, false)),
                () -> store.deliver(List.of(new Delivery(alice.id(), MailboxRole.INBOX,
                        "Subject: counts move\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8), Set.of()))),
                () -> create("alpha", new MailboxSpec("alpha", null, null, 0, true)),
                () -> assertTrue(store.setMailboxes(alice.id(), Map.of(), Map.of(), List.of(CREATED.get("zeta")), false)
                        .notDestroyed().isEmpty()));
        for (Runnable step : steps) {
            step.run();
            snapshot();
        }
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
        for (int k = 0; k < STATES.size(); k++) {
            for (String query : QUERIES) {
                ObjectNode args = (ObjectNode) MAPPER.readTree(query);
                args.put("sinceQueryState", STATES.get(k));
                args.put("calculateTotal", true);
                JsonNode changes = call(new MailboxQueryChanges(), args.toString());
                assertEquals(STATES.getLast(), changes.get("newQueryState").textValue());
                List<String> now = RESULTS.getLast().get(query);
                assertEquals(now, EmailQueryChangesTest.apply(RESULTS.get(k).get(query), changes),
                        "query " + query + " from state " + k);
                assertEquals(now.size(), changes.get("total").intValue());
            }
        }
    }

    @Test
    void treeQueriesAndTooManyChanges() {
        String first = STATES.getFirst();
        assertEquals("cannotCalculateChanges", error("{\"sortAsTree\": true, \"sinceQueryState\": \"" + first + "\"}"));
        assertEquals("cannotCalculateChanges", error("{\"filterAsTree\": true, \"sinceQueryState\": \"" + first + "\"}"));
        assertEquals("tooManyChanges", error("{\"maxChanges\": 2, \"sinceQueryState\": \"" + first + "\"}"));
    }

    private static String error(String arguments) {
        return assertThrows(MethodException.class, () -> call(new MailboxQueryChanges(), arguments)).error().type();
    }

    private static ObjectNode call(Method method, String arguments) throws Exception {
        ObjectNode args = (ObjectNode) MAPPER.readTree(arguments);
        args.put("accountId", alice.id().value());
        return method.call(new Args(args), new MethodContext(alice, store, JmapLimits.defaults(), new HashMap<>()));
    }

    private static void create(String key, MailboxSpec spec) {
        MailboxSetResult result = store.setMailboxes(alice.id(), Map.of(key, spec), Map.of(), List.of(), false);
        CREATED.put(key, result.created().get(key));
    }

    private static void update(String key, MailboxSpec spec) {
        assertTrue(store.setMailboxes(alice.id(), Map.of(), Map.of(CREATED.get(key), spec), List.of(), false)
                .notUpdated().isEmpty());
    }

    private static void snapshot() {
        try {
            Map<String, List<String>> results = new HashMap<>();
            String state = null;
            for (String query : QUERIES) {
                ObjectNode answer = call(new MailboxQuery(), query);
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
}
