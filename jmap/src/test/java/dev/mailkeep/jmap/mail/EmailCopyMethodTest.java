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
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.Invocation;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy of Email/copy (RFC 8621 section 4.7) between two accounts of a real store, which a
 * single user cannot reach over the API yet: the method's JSON in and out, called directly with
 * the caller's own account as fromAccountId.
 */
class EmailCopyMethodTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MESSAGE = "From: joe@example.com\r\nSubject: Lunch\r\nMessage-ID: <l@x>\r\n\r\nAt noon?\r\n";

    @TempDir
    Path dir;
    private XodusMailStore store;
    private Account bob;
    private Account carol;
    private EmailId original;
    private MethodContext context;

    @BeforeEach
    void open() throws Exception {
        store = XodusMailStore.open(dir);
        bob = store.createAccount("bob@localhost", "pw".toCharArray());
        carol = store.createAccount("carol@localhost", "pw".toCharArray());
        original = store.deliver(List.of(new Delivery(bob.id(), MailboxRole.INBOX,
                MESSAGE.getBytes(StandardCharsets.UTF_8), Set.of("$seen")))).getFirst();
        context = new MethodContext(bob, store, new JmapLimits(2_000, 4, 10_000_000, 4, 16, 500, 500), new HashMap<>());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ObjectNode copy(String json) throws Exception {
        return new EmailCopy().copy(bob.id(), carol.id(), new Args((ObjectNode) MAPPER.readTree(json)), context);
    }

    private String carolsArchive() {
        return store.mailboxByRole(carol.id(), MailboxRole.ARCHIVE).orElseThrow().id().value();
    }

    @Test
    void copiesIntoTheOtherAccountAndDestroysTheOriginalOnSuccess() throws Exception {
        String oldState = store.state(carol.id(), DataType.EMAIL).encode();
        ObjectNode response = copy("{\"onSuccessDestroyOriginal\": true, \"create\": {\"k1\": {\"id\": \""
                + original.value() + "\", \"mailboxIds\": {\"" + carolsArchive() + "\": true},"
                + " \"receivedAt\": \"2022-01-02T03:04:05Z\"}}}");

        assertEquals(bob.id().value(), response.get("fromAccountId").asText());
        assertEquals(oldState, response.get("oldState").asText());
        assertEquals(store.state(carol.id(), DataType.EMAIL).encode(), response.get("newState").asText());
        String id = response.at("/created/k1/id").asText();
        assertEquals(id, context.createdIds().get("k1"));
        EmailRecord copy = store.emails(carol.id(), List.of(new EmailId(id))).get(new EmailId(id));
        assertEquals("Lunch", copy.summary().subject());
        assertEquals(Set.of("$seen"), copy.keywords());
        assertEquals(Instant.parse("2022-01-02T03:04:05Z"), copy.receivedAt());
        assertEquals(copy.blobId().value(), response.at("/created/k1/blobId").asText());
        assertTrue(response.get("notCreated").isNull());

        Invocation implicit = context.implicitResponses().getFirst();
        assertEquals("Email/set", implicit.name());
        assertEquals(List.of(original.value()), List.of(implicit.arguments().at("/destroyed/0").asText()));
        assertTrue(store.emails(bob.id(), List.of(original)).isEmpty());
    }

    @Test
    void eachBadCopyIsRefusedOnItsOwnAndNothingIsDestroyedForIt() throws Exception {
        ObjectNode response = copy("{\"onSuccessDestroyOriginal\": true, \"create\": {"
                + "\"missing\": {\"id\": \"E99\", \"mailboxIds\": {\"" + carolsArchive() + "\": true}},"
                + "\"noBox\": {\"id\": \"" + original.value() + "\"},"
                + "\"unknownBox\": {\"id\": \"" + original.value() + "\", \"mailboxIds\": {\"M99\": true}},"
                + "\"subject\": {\"id\": \"" + original.value() + "\", \"mailboxIds\": {\"" + carolsArchive()
                + "\": true}, \"subject\": \"new\"}}}");

        JsonNode notCreated = response.get("notCreated");
        assertEquals("notFound", notCreated.at("/missing/type").asText());
        assertEquals("invalidProperties", notCreated.at("/noBox/type").asText());
        assertEquals("mailboxIds", notCreated.at("/noBox/properties/0").asText());
        assertEquals("invalidProperties", notCreated.at("/unknownBox/type").asText());
        assertEquals("subject", notCreated.at("/subject/properties/0").asText());
        assertTrue(response.get("created").isNull());
        assertTrue(context.implicitResponses().isEmpty());
        assertEquals(Set.of(original), store.emails(bob.id(), List.of(original)).keySet());
    }

    @Test
    void ifFromInStateAndIfInStateMustMatch() {
        String stale = "{\"ifFromInState\": \"s0\", \"create\": {}}";
        MethodException from = assertThrows(MethodException.class, () -> copy(stale));
        assertEquals("stateMismatch", from.error().type());
        assertTrue(from.error().description().contains("fromAccountId"));
        MethodException to = assertThrows(MethodException.class, () -> copy(
                "{\"ifFromInState\": \"" + store.state(bob.id(), DataType.EMAIL).encode()
                        + "\", \"ifInState\": \"s0\", \"create\": {}}"));
        assertEquals("stateMismatch", to.error().type());
    }
}
