// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mailbox/get, Email/query and Email/get (RFC 8621 sections 2.1, 4.2, 4.4) over HTTPS against a real store. */
class MailMethodsTest {
    private static TestJmap jmap;
    private static String account;
    private static EmailId dinner;
    private static EmailId greetings;
    private static EmailId bare;
    private static EmailId junk;
    private static EmailId bobsOwn;
    private static String inbox;
    private static String junkMailbox;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(JmapLimits.defaults());
        account = jmap.alice.id().value();
        dinner = jmap.deliver(jmap.alice, Messages.DINNER);
        greetings = jmap.deliver(jmap.alice, Messages.GREETINGS);
        bare = jmap.deliver(jmap.alice, Messages.BARE);
        junk = jmap.deliver(jmap.alice, MailboxRole.JUNK, Messages.BARE);
        bobsOwn = jmap.deliver(jmap.bob, Messages.GREETINGS);
        inbox = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.INBOX).orElseThrow().id().value();
        junkMailbox = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.JUNK).orElseThrow().id().value();
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    static ValidatableResponse call(String method, String arguments) {
        return jmap.alice()
                .body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": [[\""
                        + method + "\", " + arguments + ", \"c1\"]]}")
                .post("/jmap/api").then().statusCode(200).body("methodResponses[0][2]", equalTo("c1"));
    }

    static JsonPath result(String method, String arguments) {
        return call(method, arguments).body("methodResponses[0][0]", equalTo(method)).extract().jsonPath()
                .setRootPath("methodResponses[0][1]");
    }

    static void error(String method, String arguments, String type, String descriptionPart) {
        call(method, arguments)
                .body("methodResponses[0][0]", equalTo("error"))
                .body("methodResponses[0][1].type", equalTo(type))
                .body("methodResponses[0][1].description", containsString(descriptionPart));
    }

    // ---- Mailbox/get ----------------------------------------------------------------------------

    @Test
    void mailboxGetWithNullIdsReturnsEveryMailboxWithCountsAndRights() {
        JsonPath result = result("Mailbox/get", "{\"accountId\": \"" + account + "\", \"ids\": null}");
        assertEquals(account, result.getString("accountId"));
        assertEquals(jmap.store.state(jmap.alice.id(), DataType.MAILBOX).encode(), result.getString("state"));
        assertEquals(List.of(), result.getList("notFound"));
        assertEquals(List.of("archive", "drafts", "inbox", "junk", "sent", "trash"),
                result.<String>getList("list.role").stream().sorted().toList());
        Map<String, Object> in = result.getMap("list.find { it.role == 'inbox' }");
        assertEquals(inbox, in.get("id"));
        assertEquals("Inbox", in.get("name"));
        assertEquals(null, in.get("parentId"));
        assertEquals(3, in.get("totalEmails"));
        assertEquals(3, in.get("unreadEmails"));
        assertEquals(3, in.get("totalThreads"));
        assertEquals(3, in.get("unreadThreads"));
        assertTrue(in.containsKey("sortOrder"));
        assertTrue(in.containsKey("isSubscribed"));
        assertEquals(Map.of("mayReadItems", true, "mayAddItems", true, "mayRemoveItems", true, "maySetSeen", true,
                "maySetKeywords", true, "mayCreateChild", true, "mayRename", true, "mayDelete", false, "maySubmit", true),
                in.get("myRights"), "Mailbox/set refuses to destroy the inbox, and its rights say so");
        assertEquals(true, result.getBoolean("list.find { it.role == 'archive' }.myRights.mayDelete"));
        assertEquals(1, result.getInt("list.find { it.role == 'junk' }.totalEmails"));
        assertEquals(0, result.getInt("list.find { it.role == 'sent' }.totalEmails"));
    }

    @Test
    void largeResponsesAreCompressedWhenTheClientAsks() {
        jmap.alice().header("Accept-Encoding", "gzip")
                .body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": "
                        + "[[\"Mailbox/get\", {\"accountId\": \"" + account + "\"}, \"c1\"]]}")
                .post("/jmap/api").then()
                .statusCode(200)
                .header("Content-Encoding", "gzip")
                .body("methodResponses[0][1].list.size()", equalTo(6));
    }

    @Test
    void mailboxGetReturnsOnlyTheAskedPropertiesPlusIdAndReportsNotFound() {
        JsonPath result = result("Mailbox/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + inbox
                + "\", \"unknown1\", \"" + junkMailbox + "\"], \"properties\": [\"name\", \"totalEmails\"]}");
        assertEquals(List.of(Map.of("id", inbox, "name", "Inbox", "totalEmails", 3),
                Map.of("id", junkMailbox, "name", "Junk", "totalEmails", 1)), result.getList("list"));
        assertEquals(List.of("unknown1"), result.getList("notFound"));
    }

    @Test
    void mailboxGetRefusesUnknownProperties() {
        error("Mailbox/get", "{\"accountId\": \"" + account + "\", \"properties\": [\"name\", \"colour\"]}",
                "invalidArguments", "colour");
    }

    @Test
    void mailboxQueryOrdersTheStoresMailboxesAndFiltersByRole() {
        List<String> roles = new ArrayList<>();
        JsonPath all = result("Mailbox/query", "{\"accountId\": \"" + account + "\", \"calculateTotal\": true}");
        JsonPath get = result("Mailbox/get", "{\"accountId\": \"" + account + "\", \"properties\": [\"role\"]}");
        for (String id : all.<String>getList("ids")) {
            roles.add(get.getString("list.find { it.id == '" + id + "' }.role"));
        }
        assertEquals(List.of("inbox", "drafts", "sent", "archive", "junk", "trash"), roles);
        assertEquals(6, all.getInt("total"));
        assertEquals(jmap.store.state(jmap.alice.id(), DataType.MAILBOX).encode(), all.getString("queryState"));
        assertEquals(List.of(junkMailbox), result("Mailbox/query", "{\"accountId\": \"" + account
                + "\", \"filter\": {\"role\": \"junk\"}}").getList("ids"));
    }

    // ---- Email/query ----------------------------------------------------------------------------

    /** The inbox ids newest first, as the store orders receivedAt with id as tie-breaker. */
    private static List<String> inboxNewestFirst() {
        JsonPath get = result("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + dinner + "\", \""
                + greetings + "\", \"" + bare + "\"], \"properties\": [\"receivedAt\"]}");
        List<Map<String, String>> list = new ArrayList<>(get.getList("list"));
        list.sort(Comparator.<Map<String, String>, java.time.Instant>comparing(m -> java.time.Instant.parse(m.get("receivedAt")))
                .thenComparing(m -> m.get("id")).reversed());
        return list.stream().map(m -> m.get("id")).toList();
    }

    @Test
    void emailQueryFiltersByMailboxAndSortsByReceivedAt() {
        List<String> newestFirst = inboxNewestFirst();
        JsonPath result = result("Email/query", "{\"accountId\": \"" + account + "\", \"filter\": {\"inMailbox\": \""
                + inbox + "\"}, \"calculateTotal\": true}");
        assertEquals(newestFirst, result.getList("ids"));
        assertEquals(3, result.getInt("total"));
        assertEquals(0, result.getInt("position"));
        assertEquals(true, result.getBoolean("canCalculateChanges"), "Email/queryChanges answers for this query");
        assertEquals(jmap.store.state(jmap.alice.id(), DataType.EMAIL).encode(), result.getString("queryState"));
        assertEquals(1000, result.getInt("limit"), "the server's default limit is reported");

        List<String> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        assertEquals(oldestFirst, result("Email/query", "{\"accountId\": \"" + account + "\", \"filter\": {\"inMailbox\": \""
                + inbox + "\"}, \"sort\": [{\"property\": \"receivedAt\"}]}").getList("ids"));
        assertEquals(newestFirst, result("Email/query", "{\"accountId\": \"" + account + "\", \"filter\": {\"inMailbox\": \""
                + inbox + "\"}, \"sort\": [{\"property\": \"receivedAt\", \"isAscending\": false}]}").getList("ids"));
        assertEquals(List.of(junk.value()), result("Email/query", "{\"accountId\": \"" + account
                + "\", \"filter\": {\"inMailbox\": \"" + junkMailbox + "\"}}").getList("ids"));
        assertEquals(4, result("Email/query", "{\"accountId\": \"" + account + "\", \"calculateTotal\": true}").getInt("total"));
    }

    @Test
    void emailQueryPagesWithPositionLimitAndNegativePosition() {
        List<String> all = inboxNewestFirst();
        String filter = "\"filter\": {\"inMailbox\": \"" + inbox + "\"}";
        JsonPath page = result("Email/query", "{\"accountId\": \"" + account + "\", " + filter
                + ", \"position\": 1, \"limit\": 1}");
        assertEquals(List.of(all.get(1)), page.getList("ids"));
        assertEquals(1, page.getInt("position"));
        assertTrue(!page.getMap("").containsKey("total"), "total only when calculateTotal is true");
        assertTrue(!page.getMap("").containsKey("limit"), "limit only when the server changed it");

        JsonPath last = result("Email/query", "{\"accountId\": \"" + account + "\", " + filter + ", \"position\": -1}");
        assertEquals(List.of(all.get(2)), last.getList("ids"));
        assertEquals(2, last.getInt("position"));

        JsonPath clamped = result("Email/query", "{\"accountId\": \"" + account + "\", " + filter
                + ", \"position\": -10, \"limit\": 2}");
        assertEquals(all.subList(0, 2), clamped.getList("ids"));
        assertEquals(0, clamped.getInt("position"));

        JsonPath beyond = result("Email/query", "{\"accountId\": \"" + account + "\", " + filter + ", \"position\": 7}");
        assertEquals(List.of(), beyond.getList("ids"));

        JsonPath anchored = result("Email/query", "{\"accountId\": \"" + account + "\", " + filter
                + ", \"anchor\": \"" + all.get(2) + "\", \"anchorOffset\": -1, \"limit\": 5}");
        assertEquals(all.subList(1, 3), anchored.getList("ids"));
        assertEquals(1, anchored.getInt("position"));

        JsonPath capped = result("Email/query", "{\"accountId\": \"" + account + "\", " + filter + ", \"limit\": 5000}");
        assertEquals(1000, capped.getInt("limit"));
        assertEquals(all, capped.getList("ids"));
    }

    private static List<String> query(String filterAndSort) {
        return result("Email/query", "{\"accountId\": \"" + account + "\", " + filterAndSort + "}").getList("ids");
    }

    private static List<String> sorted(EmailId... ids) {
        return java.util.Arrays.stream(ids).map(EmailId::value).sorted().toList();
    }

    @Test
    void emailQueryFiltersOnEveryKindOfCondition() {
        assertEquals(List.of(dinner.value()), query("\"filter\": {\"from\": \"joe\"}"));
        assertEquals(List.of(dinner.value()), query("\"filter\": {\"subject\": \"thursday\"}"));
        assertEquals(List.of(greetings.value()), query("\"filter\": {\"text\": \"attached\"}"));
        assertEquals(List.of(greetings.value()), query("\"filter\": {\"hasAttachment\": true}"));
        assertEquals(List.of(dinner.value()), query("\"filter\": {\"cc\": \"carol@example.net\"}"));
        assertEquals(List.of(junk.value()), query("\"filter\": {\"inMailboxOtherThan\": [\"" + inbox + "\"]}"));
        assertEquals(List.of(junk.value()), query("\"filter\": {\"operator\": \"NOT\", \"conditions\": "
                + "[{\"inMailbox\": \"" + inbox + "\"}]}"));
        assertEquals(sorted(dinner, greetings), query("\"filter\": {\"operator\": \"OR\", \"conditions\": "
                + "[{\"from\": \"joe@example.com\"}, {\"from\": \"joerg@example.de\"}]}").stream().sorted().toList());
        assertEquals(sorted(dinner, greetings, bare, junk), query("\"filter\": {\"after\": \"2000-01-01T00:00:00Z\"}")
                .stream().sorted().toList());
        assertEquals(List.of(), query("\"filter\": {\"before\": \"2000-01-01T00:00:00Z\"}"));
        assertEquals(List.of(), query("\"filter\": {\"hasKeyword\": \"$seen\"}"));
        assertEquals(List.of(), query("\"filter\": {\"inMailbox\": \"no such id!\", \"from\": \"joe\"}"));
        int greetingsSize = Messages.GREETINGS.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(List.of(greetings.value()), query("\"filter\": {\"inMailbox\": \"" + inbox + "\", \"minSize\": "
                + greetingsSize + ", \"maxSize\": " + (greetingsSize + 1) + "}"));
    }

    @Test
    void emailQuerySortsBySizeAndSentAt() {
        List<EmailId> bySize = new ArrayList<>(List.of(dinner, greetings, bare));
        bySize.sort(Comparator.comparing(id -> (id == dinner ? Messages.DINNER : id == greetings ? Messages.GREETINGS
                : Messages.BARE).getBytes(StandardCharsets.UTF_8).length));
        assertEquals(bySize.stream().map(EmailId::value).toList(), query("\"filter\": {\"inMailbox\": \"" + inbox
                + "\"}, \"sort\": [{\"property\": \"size\"}]"));
        String twoSenders = "\"filter\": {\"operator\": \"OR\", \"conditions\": [{\"from\": \"joe@example.com\"}, "
                + "{\"from\": \"joerg@example.de\"}]}";
        assertEquals(List.of(dinner.value(), greetings.value()),
                query(twoSenders + ", \"sort\": [{\"property\": \"sentAt\", \"isAscending\": true}]"));
        assertEquals(List.of(greetings.value(), dinner.value()),
                query(twoSenders + ", \"sort\": [{\"property\": \"sentAt\", \"isAscending\": false}]"));
    }

    @Test
    void queryChangesOverThreadsOrTreesTellTheClientToQueryAgain() {
        String state = result("Email/query", "{\"accountId\": \"" + account + "\"}").getString("queryState");
        error("Email/queryChanges", "{\"accountId\": \"" + account + "\", \"sinceQueryState\": \"" + state
                + "\", \"collapseThreads\": true}", "cannotCalculateChanges", "query again");
        error("Mailbox/queryChanges", "{\"accountId\": \"" + account + "\", \"sinceQueryState\": \"0\", "
                + "\"sortAsTree\": true}", "cannotCalculateChanges", "query again");
        error("Email/queryChanges", "{\"accountId\": \"" + account + "\"}", "invalidArguments", "'sinceQueryState'");
    }

    @Test
    void emailQueryInAMailboxThatDoesNotExistIsEmpty() {
        JsonPath result = result("Email/query", "{\"accountId\": \"" + account
                + "\", \"filter\": {\"inMailbox\": \"no such id!\"}, \"calculateTotal\": true}");
        assertEquals(List.of(), result.getList("ids"));
        assertEquals(0, result.getInt("total"));
    }

    @Test
    void emailQueryRefusesWhatItCannotDo() {
        error("Email/query", "{\"accountId\": \"" + account + "\", \"filter\": {\"colour\": \"red\"}}",
                "unsupportedFilter", "colour");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"filter\": {\"operator\": \"XOR\", \"conditions\": []}}",
                "invalidArguments", "operator");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"filter\": {\"before\": \"yesterday\"}}",
                "invalidArguments", "before");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"filter\": {\"minSize\": -1}}",
                "invalidArguments", "minSize");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"sort\": [{\"property\": \"threadSize\"}]}",
                "unsupportedSort", "receivedAt, sentAt, size, from, to, subject, hasKeyword, allInThreadHaveKeyword, someInThreadHaveKeyword");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"sort\": [{\"property\": \"hasKeyword\"}]}",
                "invalidArguments", "needs a keyword");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"sort\": [{\"property\": \"size\", \"keyword\": \"$seen\"}]}",
                "invalidArguments", "takes no keyword");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"sort\": [{\"property\": \"someInThreadHaveKeyword\", \"keyword\": \"not(valid)\"}]}",
                "invalidArguments", "not(valid)");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"sort\": [{\"isAscending\": true}]}",
                "invalidArguments", "'sort'");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"anchor\": \"E999\"}",
                "anchorNotFound", "anchor");
        error("Email/query", "{\"accountId\": \"" + account + "\", \"position\": \"first\"}",
                "invalidArguments", "'position'");
    }

    // ---- Email/get ------------------------------------------------------------------------------

    private static final String ALL_SUPPORTED = "[\"id\", \"blobId\", \"threadId\", \"mailboxIds\", \"keywords\", \"size\","
            + " \"receivedAt\", \"messageId\", \"inReplyTo\", \"references\", \"sender\", \"from\", \"to\", \"cc\","
            + " \"bcc\", \"replyTo\", \"subject\", \"sentAt\", \"hasAttachment\", \"preview\"]";

    @Test
    void emailGetReturnsEveryListedPropertyWithItsExactValue() {
        JsonPath result = result("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + dinner
                + "\"], \"properties\": " + ALL_SUPPORTED + "}");
        assertEquals(jmap.store.state(jmap.alice.id(), DataType.EMAIL).encode(), result.getString("state"));
        Map<String, Object> email = result.getMap("list[0]");
        var record = jmap.store.emails(jmap.alice.id(), List.of(dinner)).get(dinner);
        assertEquals(dinner.value(), email.get("id"));
        assertEquals(record.blobId().value(), email.get("blobId"));
        assertEquals(record.threadId().value(), email.get("threadId"));
        assertEquals(Map.of(inbox, true), email.get("mailboxIds"));
        assertEquals(Map.of(), email.get("keywords"));
        assertEquals(Messages.DINNER.getBytes(StandardCharsets.UTF_8).length, email.get("size"));
        assertEquals(record.receivedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                java.time.Instant.parse((String) email.get("receivedAt")).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertTrue(((String) email.get("receivedAt")).endsWith("Z"));
        assertEquals(List.of("1234@local.machine.example"), email.get("messageId"));
        assertEquals(List.of("1233@local.machine.example"), email.get("inReplyTo"));
        assertEquals(List.of("1232@local.machine.example", "1233@local.machine.example"), email.get("references"));
        assertEquals(List.of(Map.of("name", "Secretary", "email", "sec@example.com")), email.get("sender"));
        assertEquals(List.of(Map.of("name", "Joe Bloggs", "email", "joe@example.com")), email.get("from"));
        assertEquals(List.of(Map.of("name", "Alice", "email", "alice@localhost"), address(null, "bob@example.org")),
                email.get("to"));
        assertEquals(List.of(Map.of("name", "Carol C.", "email", "carol@example.net")), email.get("cc"));
        assertEquals(List.of(address(null, "hidden@example.com")), email.get("bcc"));
        assertEquals(List.of(address(null, "replies@example.com")), email.get("replyTo"));
        assertEquals("Dinner on Thursday?", email.get("subject"));
        assertEquals("2014-10-30T14:12:00+08:00", email.get("sentAt"));
        assertEquals(false, email.get("hasAttachment"));
        assertEquals("Shall we meet at eight?", email.get("preview"));
        assertEquals(20, email.size());
    }

    @Test
    void emailGetDecodesEncodedWordsAndSeesAttachments() {
        Map<String, Object> email = result("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + greetings
                + "\"], \"properties\": [\"subject\", \"from\", \"sentAt\", \"hasAttachment\"]}").getMap("list[0]");
        assertEquals(Map.of("id", greetings.value(), "subject", "Grüße",
                "from", List.of(Map.of("name", "Jörg", "email", "joerg@example.de")),
                "sentAt", "2026-11-23T10:00:00Z", "hasAttachment", true), email);
    }

    private static final String PART_PROPERTIES =
            "[\"partId\", \"blobId\", \"size\", \"name\", \"type\", \"charset\", \"disposition\", \"cid\"]";

    @Test
    void emailGetReturnsTheBodyPartsAndTextValues() {
        JsonPath result = result("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + greetings
                + "\"], \"properties\": [\"bodyStructure\", \"textBody\", \"htmlBody\", \"attachments\", \"bodyValues\"],"
                + " \"bodyProperties\": " + PART_PROPERTIES + ", \"fetchTextBodyValues\": true}");
        assertEquals("multipart/mixed", result.getString("list[0].bodyStructure.type"));
        assertEquals(List.of("text/plain", "application/pdf"), result.getList("list[0].bodyStructure.subParts.type"));
        Map<String, Object> text = result.getMap("list[0].textBody[0]");
        assertEquals("text/plain", text.get("type"));
        assertEquals("utf-8", String.valueOf(text.get("charset")).toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> attachment = result.getMap("list[0].attachments[0]");
        assertEquals("a.pdf", attachment.get("name"));
        assertEquals("application/pdf", attachment.get("type"));
        assertEquals("attachment", attachment.get("disposition"));
        assertEquals(9, attachment.get("size"));
        assertEquals(Map.of("value", "See attached.", "isEncodingProblem", false, "isTruncated", false),
                result.getMap("list[0].bodyValues.'" + text.get("partId") + "'"));

        byte[] pdf = jmap.alice().get("/jmap/download/{a}/{b}/{n}", account, attachment.get("blobId"), "a.pdf")
                .then().statusCode(200).extract().asByteArray();
        assertEquals("%PDF-1.4\n", new String(pdf, StandardCharsets.US_ASCII));

        JsonPath cut = result("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + greetings
                + "\"], \"properties\": [\"bodyValues\"], \"fetchAllBodyValues\": true, \"maxBodyValueBytes\": 3}");
        assertEquals(List.of(Map.of("value", "See", "isEncodingProblem", false, "isTruncated", true)),
                List.copyOf(cut.getMap("list[0].bodyValues").values()));
    }

    @Test
    void absentHeadersAreNull() {
        Map<String, Object> email = result("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + bare
                + "\"], \"properties\": [\"subject\", \"sentAt\", \"messageId\", \"inReplyTo\", \"cc\", \"sender\"]}")
                .getMap("list[0]");
        Map<String, Object> expected = new java.util.HashMap<>();
        expected.put("id", bare.value());
        for (String property : List.of("subject", "sentAt", "messageId", "inReplyTo", "cc", "sender")) {
            expected.put(property, null);
        }
        assertEquals(expected, email);
    }

    @Test
    void emailGetReportsUnknownAndMalformedIdsAsNotFound() {
        JsonPath result = result("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"nosuchid\", \"not valid!\", \""
                + dinner + "\"], \"properties\": [\"subject\"]}");
        assertEquals(List.of(dinner.value()), result.getList("list.id"));
        assertEquals(List.of("nosuchid", "not valid!"), result.getList("notFound"));
    }

    @Test
    void emailGetWithDefaultPropertiesReturnsTheRfcListsAndPartsWithLanguageAndLocation() {
        Map<String, Object> email = result("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + dinner
                + "\"]}").getMap("list[0]");
        assertEquals(new java.util.TreeSet<>(List.of("id", "blobId", "threadId", "mailboxIds", "keywords", "size",
                "receivedAt", "messageId", "inReplyTo", "references", "sender", "from", "to", "cc", "bcc", "replyTo",
                "subject", "sentAt", "hasAttachment", "preview", "bodyValues", "textBody", "htmlBody", "attachments")),
                new java.util.TreeSet<>(email.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> text = ((List<Map<String, Object>>) email.get("textBody")).get(0);
        assertEquals(new java.util.TreeSet<>(List.of("partId", "blobId", "size", "name", "type", "charset",
                "disposition", "cid", "language", "location")), new java.util.TreeSet<>(text.keySet()));
        assertEquals("text/plain", text.get("type"));
        assertEquals(null, text.get("language"));
        assertEquals(Map.of(), email.get("bodyValues"));
    }

    @Test
    void emailGetReturnsRawHeadersAndHeaderFormsOfTheEmailAndOfItsParts() {
        JsonPath result = result("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + greetings
                + "\"], \"properties\": [\"headers\", \"header:Subject:asText\", \"header:subject\","
                + " \"header:From:asAddresses:all\", \"header:Date:asDate\", \"bodyStructure\"],"
                + " \"bodyProperties\": [\"partId\", \"headers\", \"header:Content-Disposition:asRaw\"]}");
        Map<String, Object> email = result.getMap("list[0]");
        List<Map<String, String>> headers = result.getList("list[0].headers");
        assertTrue(headers.contains(Map.of("name", "Subject", "value", " =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=")), headers.toString());
        assertEquals("Grüße", email.get("header:Subject:asText"));
        assertEquals(" =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=", email.get("header:subject"));
        assertEquals(List.of(List.of(Map.of("name", "Jörg", "email", "joerg@example.de"))),
                email.get("header:From:asAddresses:all"));
        assertEquals("2026-11-23T10:00:00Z", email.get("header:Date:asDate"));
        assertEquals(headers, result.getList("list[0].bodyStructure.headers"), "the root part's fields are the message's");
        assertEquals(List.of(Map.of("name", "Content-Type", "value", " application/pdf; name=\"a.pdf\""),
                        Map.of("name", "Content-Disposition", "value", " attachment; filename=\"a.pdf\""),
                        Map.of("name", "Content-Transfer-Encoding", "value", " base64")),
                result.getList("list[0].bodyStructure.subParts[1].headers"));
        assertEquals(" attachment; filename=\"a.pdf\"",
                result.getString("list[0].bodyStructure.subParts[1].'header:Content-Disposition:asRaw'"));
        assertEquals(null, result.getString("list[0].bodyStructure.subParts[0].'header:Content-Disposition:asRaw'"));
    }

    @Test
    void emailGetRefusesUnknownPropertiesAndHeaderFormsTheRfcDoesNotAllow() {
        error("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + dinner
                + "\"], \"properties\": [\"subject\", \"colour\"]}", "invalidArguments", "colour");
        error("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + dinner
                + "\"], \"properties\": [\"header:From:asDate\"]}", "invalidArguments", "header:From:asDate");
        error("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + dinner
                + "\"], \"properties\": [\"header:X-Spam:asColour\"]}", "invalidArguments", "header:X-Spam:asColour");
        error("Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + dinner
                + "\"], \"bodyProperties\": [\"header:Subject:asURLs\"]}", "invalidArguments", "header:Subject:asURLs");
        error("Email/get", "{\"accountId\": \"" + account + "\", \"properties\": [\"subject\"]}",
                "invalidArguments", "'ids'");
    }

    // ---- account isolation ----------------------------------------------------------------------

    /**
     * Ids are scoped to an account (RFC 8620 section 1.2): the same id string in bob's account
     * names bob's object or nothing, never alice's.
     */
    @Test
    void anotherUsersAccountIsNotFoundAndTheirIdsNeverReachTheirData() {
        String bobAccount = jmap.bob.id().value();
        String using = "{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": [";
        jmap.bob().body(using
                        + "[\"Mailbox/get\", {\"accountId\": \"" + account + "\"}, \"a\"],"
                        + "[\"Email/query\", {\"accountId\": \"" + account + "\"}, \"b\"],"
                        + "[\"Email/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"" + dinner + "\"]}, \"c\"],"
                        + "[\"Email/changes\", {\"accountId\": \"" + account + "\", \"sinceState\": \"0\"}, \"d\"]]}")
                .post("/jmap/api").then()
                .statusCode(200)
                .body("methodResponses.collect { it[0] }", equalTo(List.of("error", "error", "error", "error")))
                .body("methodResponses.collect { it[1].type }", equalTo(List.of("accountNotFound", "accountNotFound",
                        "accountNotFound", "accountNotFound")));

        jmap.bob().body(using
                        + "[\"Email/get\", {\"accountId\": \"" + bobAccount + "\", \"ids\": [\"" + dinner + "\", \""
                        + greetings + "\", \"" + bare + "\"], \"properties\": [\"subject\", \"blobId\"]}, \"d\"],"
                        + "[\"Mailbox/get\", {\"accountId\": \"" + bobAccount + "\", \"ids\": [\"" + inbox
                        + "\"], \"properties\": [\"totalEmails\"]}, \"e\"],"
                        + "[\"Email/query\", {\"accountId\": \"" + bobAccount + "\", \"filter\": {\"inMailbox\": \""
                        + inbox + "\"}, \"calculateTotal\": true}, \"f\"]]}")
                .post("/jmap/api").then()
                .statusCode(200)
                .body("methodResponses[0][1].list", equalTo(List.of(Map.of("id", bobsOwn.value(), "subject", "Grüße",
                        "blobId", jmap.store.emails(jmap.bob.id(), List.of(bobsOwn)).get(bobsOwn).blobId().value()))))
                .body("methodResponses[0][1].notFound", equalTo(
                        List.of(dinner.value(), greetings.value(), bare.value()).stream()
                                .filter(id -> !id.equals(bobsOwn.value())).toList()))
                .body("methodResponses[1][1].list", equalTo(List.of(Map.of("id", inbox, "totalEmails", 1))))
                .body("methodResponses[2][1].ids", equalTo(List.of(bobsOwn.value())))
                .body("methodResponses[2][1].total", equalTo(1));
    }

    private static Map<String, Object> address(String name, String email) {
        Map<String, Object> address = new java.util.HashMap<>();
        address.put("name", name);
        address.put("email", email);
        return address;
    }
}
