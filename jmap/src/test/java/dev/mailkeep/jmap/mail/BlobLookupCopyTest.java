// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob/lookup (RFC 9404 section 4.3) and Blob/copy (RFC 8620 section 6.3) over a real store: the
 * method's JSON in and out, called directly.
 */
class BlobLookupCopyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WITH_ATTACHMENT = String.join("\r\n",
            "From: joerg@example.de",
            "Subject: Greetings",
            "Message-ID: <att@example.de>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "See attached.",
            "--b1",
            "Content-Type: application/pdf; name=\"a.pdf\"",
            "Content-Disposition: attachment; filename=\"a.pdf\"",
            "Content-Transfer-Encoding: base64",
            "",
            "JVBERi0xLjQK",
            "--b1--",
            "");
    private static final String OTHER = "From: joe@example.com\r\nSubject: Lunch\r\nMessage-ID: <l@x>\r\n\r\nAt noon?\r\n";

    @TempDir
    Path dir;
    private XodusMailStore store;
    private Account bob;
    private Account carol;
    private MethodContext context;
    private EmailRecord inInbox;
    private EmailRecord inArchive;
    private EmailRecord unrelated;

    @BeforeEach
    void open() throws Exception {
        store = XodusMailStore.open(dir);
        bob = store.createAccount("bob@localhost", "pw".toCharArray());
        carol = store.createAccount("carol@localhost", "pw".toCharArray());
        // The same bytes twice: one content-addressed blob referenced by two emails in two mailboxes.
        inInbox = deliver(bob, MailboxRole.INBOX, WITH_ATTACHMENT);
        inArchive = deliver(bob, MailboxRole.ARCHIVE, WITH_ATTACHMENT);
        unrelated = deliver(bob, MailboxRole.INBOX, OTHER);
        context = new MethodContext(bob, store, new JmapLimits(2_000, 4, 10_000_000, 4, 16, 500, 500), new HashMap<>());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private EmailRecord deliver(Account account, MailboxRole role, String message) {
        EmailId id = store.deliver(List.of(new Delivery(account.id(), role, message.getBytes(StandardCharsets.UTF_8),
                Set.of()))).getFirst();
        return store.emails(account.id(), List.of(id)).get(id);
    }

    private ObjectNode lookup(String json) throws Exception {
        return new BlobLookup().call(new Args((ObjectNode) MAPPER.readTree(json)), context);
    }

    private static List<String> strings(JsonNode array) {
        return MAPPER.convertValue(array, MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private String mailbox(MailboxRole role) {
        return store.mailboxByRole(bob.id(), role).orElseThrow().id().value();
    }

    @Test
    void lookupFindsTheEmailsThreadsAndMailboxesReferencingABlob() throws Exception {
        assertEquals(inInbox.blobId(), inArchive.blobId(), "same bytes, same blob");
        String part = store.emailBody(bob.id(), inInbox.id()).orElseThrow().attachments().getFirst().blobId().value();
        String uploaded = store.uploadBlob(bob.id(), "nobody's".getBytes(StandardCharsets.UTF_8)).value();
        String carols = deliver(carol, MailboxRole.INBOX, "Subject: mine\r\n\r\ncarol only\r\n").blobId().value();

        ObjectNode response = lookup("""
                {"accountId": "%s", "typeNames": ["Mailbox", "Thread", "Email"],
                 "ids": ["%s", "%s", "%s", "%s", "#unresolved"]}"""
                .formatted(bob.id().value(), inInbox.blobId().value(), part, uploaded, carols));

        assertEquals(bob.id().value(), response.get("accountId").asText());
        JsonNode list = response.get("list");
        assertEquals(4, list.size());
        List<String> bothEmails = List.of(inInbox.id().value(), inArchive.id().value()).stream().sorted().toList();
        List<String> threads = List.of(inInbox.threadId().value(), inArchive.threadId().value()).stream()
                .distinct().sorted().toList();
        List<String> mailboxes = List.of(mailbox(MailboxRole.INBOX), mailbox(MailboxRole.ARCHIVE)).stream()
                .sorted().toList();
        for (int i : new int[] {0, 1}) {
            JsonNode matched = list.get(i).get("matchedIds");
            assertEquals(bothEmails, strings(matched.get("Email")), matched.toString());
            assertEquals(threads, strings(matched.get("Thread")), matched.toString());
            assertEquals(mailboxes, strings(matched.get("Mailbox")), matched.toString());
        }
        assertEquals(part, list.get(1).get("id").asText());
        assertTrue(!strings(list.get(0).get("matchedIds").get("Email")).contains(unrelated.id().value()));
        // Referenced by nothing, and not visible to bob at all: the same empty answer (RFC 9404 section 4.3).
        for (int i : new int[] {2, 3}) {
            assertEquals("{\"Mailbox\":[],\"Thread\":[],\"Email\":[]}", list.get(i).get("matchedIds").toString());
        }
        assertEquals(carols, list.get(3).get("id").asText());
        assertEquals(List.of("#unresolved"), strings(response.get("notFound")));
    }

    @Test
    void lookupAnswersOnlyTheTypesAskedForAndRefusesUnknownTypes() throws Exception {
        ObjectNode response = lookup("{\"accountId\": \"%s\", \"typeNames\": [\"Email\"], \"ids\": [\"%s\"]}"
                .formatted(bob.id().value(), unrelated.blobId().value()));
        assertEquals("{\"Email\":[\"" + unrelated.id().value() + "\"]}",
                response.get("list").get(0).get("matchedIds").toString());

        MethodException unknown = assertThrows(MethodException.class, () -> lookup(
                "{\"accountId\": \"%s\", \"typeNames\": [\"Email\", \"Calendar\"], \"ids\": []}".formatted(bob.id().value())));
        assertEquals("unknownDataType", unknown.error().type());
        MethodException otherAccount = assertThrows(MethodException.class, () -> lookup(
                "{\"accountId\": \"%s\", \"typeNames\": [\"Email\"], \"ids\": []}".formatted(carol.id().value())));
        assertEquals("accountNotFound", otherAccount.error().type());
    }

    @Test
    void copyMakesTheBlobsUsableInTheOtherAccount() throws Exception {
        String part = store.emailBody(bob.id(), inInbox.id()).orElseThrow().attachments().getFirst().blobId().value();
        String uploaded = store.uploadBlob(bob.id(), "draft bytes".getBytes(StandardCharsets.UTF_8)).value();
        String carols = deliver(carol, MailboxRole.INBOX, "Subject: mine\r\n\r\ncarol only\r\n").blobId().value();
        assertTrue(store.openBlob(carol.id(), inInbox.blobId()).isEmpty(), "carol cannot read bob's blob before");

        ObjectNode response = new BlobCopy().copy(bob.id(), carol.id(),
                List.of(inInbox.blobId().value(), part, uploaded, carols, "nosuch"), context);

        assertEquals(bob.id().value(), response.get("fromAccountId").asText());
        assertEquals(carol.id().value(), response.get("accountId").asText());
        Map<String, String> copied = MAPPER.convertValue(response.get("copied"),
                MAPPER.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        assertEquals(Set.of(inInbox.blobId().value(), part, uploaded), copied.keySet());
        assertArrayEquals(WITH_ATTACHMENT.getBytes(StandardCharsets.UTF_8), read(carol, copied.get(inInbox.blobId().value())));
        assertArrayEquals("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), read(carol, copied.get(part)));
        assertArrayEquals("draft bytes".getBytes(StandardCharsets.UTF_8), read(carol, copied.get(uploaded)));
        assertEquals("notFound", response.get("notCopied").get("nosuch").get("type").asText());
        assertEquals("notFound", response.get("notCopied").get(carols).get("type").asText(),
                "a blob of the target account is not in the source account");
    }

    @Test
    void copyFromAnAccountTheCallerCannotReachIsFromAccountNotFound() throws Exception {
        MethodException error = assertThrows(MethodException.class, () -> new BlobCopy().call(new Args((ObjectNode)
                MAPPER.readTree("{\"fromAccountId\": \"%s\", \"accountId\": \"%s\", \"blobIds\": [\"%s\"]}".formatted(
                        carol.id().value(), bob.id().value(), inInbox.blobId().value()))), context));
        assertEquals("fromAccountNotFound", error.error().type());

        ObjectNode sameAccount = new BlobCopy().call(new Args((ObjectNode) MAPPER.readTree(
                "{\"fromAccountId\": \"%s\", \"accountId\": \"%s\", \"blobIds\": [\"%s\", \"nosuch\"]}".formatted(
                        bob.id().value(), bob.id().value(), inInbox.blobId().value()))), context);
        assertEquals(inInbox.blobId().value(), sameAccount.get("copied").get(inInbox.blobId().value()).asText(),
                "content-addressed: the copy has the same id");
        assertEquals("notFound", sameAccount.get("notCopied").get("nosuch").get("type").asText());
    }

    private byte[] read(Account account, String blob) throws Exception {
        try (InputStream in = store.openBlob(account.id(), new BlobId(blob)).orElseThrow(
                () -> new AssertionError(account.address() + " cannot read " + blob))) {
            return in.readAllBytes();
        }
    }
}
