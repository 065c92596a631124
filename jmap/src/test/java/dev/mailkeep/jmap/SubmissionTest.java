// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Identity/get and EmailSubmission/set, /get, /changes (RFC 8621 sections 6 and 7) against a real store. */
class SubmissionTest {
    private static final String USING = "{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\", "
            + "\"urn:ietf:params:jmap:submission\"], \"methodCalls\": [";
    private static TestJmap jmap;
    private static String account;
    private static String drafts;
    private static String sent;
    private static String identity;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(JmapLimits.defaults());
        account = jmap.alice.id().value();
        drafts = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.DRAFTS).orElseThrow().id().value();
        sent = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.SENT).orElseThrow().id().value();
        identity = calls("[\"Identity/get\", {\"accountId\": \"" + account + "\"}, \"i\"]")
                .getString("methodResponses[0][1].list[0].id");
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    private static JsonPath calls(String methodCalls) {
        return jmap.alice().body(USING + methodCalls + "]}").post("/jmap/api").then().statusCode(200).extract().jsonPath();
    }

    private static String draft(String from, String to) {
        String message = "From: " + from + "\r\n" + (to == null ? "" : "To: " + to + "\r\n")
                + "Subject: hello\r\nMessage-ID: <" + System.nanoTime() + "@localhost>\r\n\r\nhi\r\n";
        String blobId = jmap.alice().contentType("message/rfc822").body(message.getBytes(StandardCharsets.UTF_8))
                .post("/jmap/upload/" + account + "/").then().statusCode(201).extract().path("blobId");
        return calls("[\"Email/import\", {\"accountId\": \"" + account + "\", \"emails\": {\"d\": {\"blobId\": \"" + blobId
                + "\", \"mailboxIds\": {\"" + drafts + "\": true}, \"keywords\": {\"$draft\": true}}}}, \"m\"]")
                .getString("methodResponses[0][1].created.d.id");
    }

    @Test
    void theAccountHasItsOwnAddressAsIdentity() {
        JsonPath get = calls("[\"Identity/get\", {\"accountId\": \"" + account + "\"}, \"i\"]");
        Map<String, Object> own = get.getMap("methodResponses[0][1].list[0]");
        assertEquals(TestJmap.ALICE, own.get("email"));
        assertEquals(false, own.get("mayDelete"));
        assertEquals(1, get.getList("methodResponses[0][1].list").size());
    }

    @Test
    void identitiesMayBeAddedForTheOwnAddressOnly() {
        JsonPath set = calls("[\"Identity/set\", {\"accountId\": \"" + account + "\", \"create\": {"
                + "\"work\": {\"name\": \"Alice at work\", \"email\": \"alice@localhost\", \"textSignature\": \"-- A\","
                + " \"replyTo\": [{\"name\": null, \"email\": \"team@localhost\"}]},"
                + "\"spoof\": {\"email\": \"ceo@example.com\"}, \"noemail\": {\"name\": \"x\"}},"
                + " \"update\": {\"" + identity + "\": {\"email\": \"other@localhost\"}},"
                + " \"destroy\": [\"" + identity + "\"]}, \"s\"],"
                + "[\"Identity/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"#work\"]}, \"g\"]");
        String work = set.getString("methodResponses[0][1].created.work.id");
        assertEquals("forbiddenFrom", set.getString("methodResponses[0][1].notCreated.spoof.type"));
        assertEquals(List.of("email"), set.getList("methodResponses[0][1].notCreated.noemail.properties"));
        assertEquals(List.of("email"), set.getList("methodResponses[0][1].notUpdated." + identity + ".properties"));
        assertEquals("forbidden", set.getString("methodResponses[0][1].notDestroyed." + identity + ".type"));
        assertEquals(work, set.getString("methodResponses[1][1].list[0].id"));
        assertEquals("Alice at work", set.getString("methodResponses[1][1].list[0].name"));
        assertEquals("-- A", set.getString("methodResponses[1][1].list[0].textSignature"));
        assertEquals("team@localhost", set.getString("methodResponses[1][1].list[0].replyTo[0].email"));
        assertEquals(List.of(work), calls("[\"Identity/set\", {\"accountId\": \"" + account + "\", \"destroy\": [\""
                + work + "\"]}, \"d\"]").getList("methodResponses[0][1].destroyed"));
    }

    @Test
    void submittingADraftQueuesItAndMovesItToSent() {
        String email = draft("Alice <alice@localhost>", "Carol <carol@example.org>, dave@example.net");
        JsonPath response = calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"create\": {\"s\": {"
                + "\"identityId\": \"" + identity + "\", \"emailId\": \"" + email + "\"}},"
                + " \"onSuccessUpdateEmail\": {\"#s\": {\"mailboxIds/" + drafts + "\": null, \"mailboxIds/" + sent
                + "\": true, \"keywords/$draft\": null}}}, \"c1\"],"
                + "[\"EmailSubmission/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"#s\"]}, \"c2\"],"
                + "[\"Email/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"" + email
                + "\"], \"properties\": [\"mailboxIds\", \"keywords\"]}, \"c3\"]");
        assertEquals(List.of("EmailSubmission/set", "Email/set", "EmailSubmission/get", "Email/get"),
                response.getList("methodResponses.collect { it[0] }"));
        assertEquals(List.of("c1", "c1", "c2", "c3"), response.getList("methodResponses.collect { it[2] }"));
        String submission = response.getString("methodResponses[0][1].created.s.id");
        assertEquals("pending", response.getString("methodResponses[0][1].created.s.undoStatus"));
        // RFC 8620 section 5.3: created carries every property the server set or defaulted.
        assertEquals(Set.of("id", "threadId", "sendAt", "undoStatus", "deliveryStatus", "dsnBlobIds", "mdnBlobIds"),
                response.getMap("methodResponses[0][1].created.s").keySet());
        assertEquals("queued", response.getString("methodResponses[0][1].created.s.deliveryStatus.'dave@example.net'.delivered"));
        assertEquals(List.of(), response.getList("methodResponses[0][1].created.s.dsnBlobIds"));
        assertEquals(List.of(email), List.copyOf(response.getMap("methodResponses[1][1].updated").keySet()));

        Map<String, Object> got = response.getMap("methodResponses[2][1].list[0]");
        assertEquals(submission, got.get("id"));
        assertEquals(identity, got.get("identityId"));
        assertEquals(email, got.get("emailId"));
        assertEquals("alice@localhost", response.getString("methodResponses[2][1].list[0].envelope.mailFrom.email"));
        assertEquals(List.of("carol@example.org", "dave@example.net"),
                response.getList("methodResponses[2][1].list[0].envelope.rcptTo.email"));
        assertEquals("queued", response.getString("methodResponses[2][1].list[0].deliveryStatus.'carol@example.org'.delivered"));
        assertEquals(Map.of(sent, true), response.getMap("methodResponses[3][1].list[0].mailboxIds"));
        assertEquals(Map.of(), response.getMap("methodResponses[3][1].list[0].keywords"));
    }

    @Test
    void theSenderMustBeTheIdentity() {
        EmailId foreign = jmap.deliver(jmap.alice, Messages.DINNER);
        String noRecipients = draft("alice@localhost", null);
        String fine = draft("alice@localhost", "x@example.org");
        JsonPath result = calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"create\": {"
                + "\"a\": {\"identityId\": \"" + identity + "\", \"emailId\": \"" + foreign + "\"},"
                + "\"b\": {\"identityId\": \"" + identity + "\", \"emailId\": \"" + fine + "\", \"envelope\": "
                + "{\"mailFrom\": {\"email\": \"boss@example.com\"}, \"rcptTo\": [{\"email\": \"x@example.org\"}]}},"
                + "\"c\": {\"identityId\": \"" + identity + "\", \"emailId\": \"" + noRecipients + "\"},"
                + "\"d\": {\"identityId\": \"I999\", \"emailId\": \"" + fine + "\"},"
                + "\"e\": {\"identityId\": \"" + identity + "\", \"emailId\": \"" + fine + "\", \"envelope\": "
                + "{\"mailFrom\": {\"email\": \"alice@localhost\"}, \"rcptTo\": [{\"email\": \"not an address\"}]}}}},"
                + " \"s\"]").setRootPath("methodResponses[0][1]");
        assertEquals("forbiddenFrom", result.getString("notCreated.a.type"));
        assertEquals("forbiddenMailFrom", result.getString("notCreated.b.type"));
        assertEquals("noRecipients", result.getString("notCreated.c.type"));
        assertEquals(List.of("identityId"), result.getList("notCreated.d.properties"));
        assertEquals("invalidRecipients", result.getString("notCreated.e.type"));
        assertEquals((Object) null, result.get("created"));
    }

    @Test
    void submissionChangesListNewSubmissions() {
        String state = calls("[\"EmailSubmission/get\", {\"accountId\": \"" + account + "\", \"ids\": []}, \"g\"]")
                .getString("methodResponses[0][1].state");
        String email = draft("alice@localhost", "y@example.org");
        String id = calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"create\": {\"s\": {"
                + "\"identityId\": \"" + identity + "\", \"emailId\": \"" + email + "\"}}}, \"s\"]")
                .getString("methodResponses[0][1].created.s.id");
        JsonPath changes = calls("[\"EmailSubmission/changes\", {\"accountId\": \"" + account + "\", \"sinceState\": \""
                + state + "\"}, \"c\"]");
        assertEquals(List.of(id), changes.getList("methodResponses[0][1].created"));
    }

    @Test
    void submissionQueryFiltersByEmailAndStatus() {
        String first = draft("alice@localhost", "q1@example.org");
        String second = draft("alice@localhost", "q2@example.org");
        JsonPath created = calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"create\": {"
                + "\"a\": {\"identityId\": \"" + identity + "\", \"emailId\": \"" + first + "\"},"
                + "\"b\": {\"identityId\": \"" + identity + "\", \"emailId\": \"" + second + "\"}}}, \"s\"]");
        String a = created.getString("methodResponses[0][1].created.a.id");
        String b = created.getString("methodResponses[0][1].created.b.id");
        JsonPath query = calls("[\"EmailSubmission/query\", {\"accountId\": \"" + account + "\", \"filter\": "
                + "{\"emailIds\": [\"" + first + "\", \"" + second + "\"], \"undoStatus\": \"pending\"},"
                + " \"sort\": [{\"property\": \"emailId\"}], \"calculateTotal\": true}, \"q\"]");
        List<String> expected = first.compareTo(second) < 0 ? List.of(a, b) : List.of(b, a);
        assertEquals(expected, query.getList("methodResponses[0][1].ids"));
        assertEquals(2, query.getInt("methodResponses[0][1].total"));
        assertEquals(List.of(), calls("[\"EmailSubmission/query\", {\"accountId\": \"" + account + "\", \"filter\": "
                + "{\"emailIds\": [\"" + first + "\"], \"undoStatus\": \"final\"}}, \"q\"]")
                .getList("methodResponses[0][1].ids"));
    }

    @Test
    void submissionMethodsNeedTheSubmissionCapability() {
        JsonPath response = jmap.alice().body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"],"
                        + " \"methodCalls\": [[\"Identity/get\", {\"accountId\": \"" + account + "\"}, \"i\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath();
        assertEquals("unknownMethod", response.getString("methodResponses[0][1].type"));
    }

    private static String submitHeld(String email, String parameters) {
        return "[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"create\": {\"s\": {"
                + "\"identityId\": \"" + identity + "\", \"emailId\": \"" + email + "\", \"envelope\": {"
                + "\"mailFrom\": {\"email\": \"alice@localhost\", \"parameters\": " + parameters + "},"
                + " \"rcptTo\": [{\"email\": \"carol@example.org\"}]}}}}, \"c\"]";
    }

    @Test
    void aDelayedSubmissionIsPendingUntilCanceledAndThenNeverQueued() {
        String email = draft("Alice <alice@localhost>", "Carol <carol@example.org>");
        JsonPath created = calls(submitHeld(email, "{\"HOLDFOR\": \"3600\"}"));
        String id = created.getString("methodResponses[0][1].created.s.id");
        assertEquals("pending", created.getString("methodResponses[0][1].created.s.undoStatus"));
        java.time.Instant sendAt = java.time.Instant.parse(created.getString("methodResponses[0][1].created.s.sendAt"));
        org.junit.jupiter.api.Assertions.assertTrue(sendAt.isAfter(java.time.Instant.now().plusSeconds(3000)), sendAt::toString);

        JsonPath cancel = calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"update\": {\""
                + id + "\": {\"undoStatus\": \"canceled\"}},"
                + " \"onSuccessUpdateEmail\": {\"" + id + "\": {\"keywords/$draft\": true}}}, \"u\"],"
                + "[\"EmailSubmission/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"" + id + "\"]}, \"g\"]");
        assertEquals(java.util.Collections.singletonMap(id, null), cancel.getMap("methodResponses[0][1].updated"));
        assertEquals("Email/set", cancel.getString("methodResponses[1][0]"));
        assertEquals("canceled", cancel.getString("methodResponses[2][1].list[0].undoStatus"));
        assertEquals("no", cancel.getString("methodResponses[2][1].list[0].deliveryStatus.'carol@example.org'.delivered"));
        assertEquals(List.of(), jmap.store.dueSubmissions(java.time.Instant.now().plusSeconds(7200), 100).stream()
                .filter(x -> x.id().value().equals(id)).toList());

        JsonPath again = calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"update\": {\""
                + id + "\": {\"undoStatus\": \"canceled\"}, \"S999999\": {\"undoStatus\": \"canceled\"}}}, \"u\"]");
        assertEquals("cannotUnsend", again.getString("methodResponses[0][1].notUpdated." + id + ".type"));
        assertEquals("notFound", again.getString("methodResponses[0][1].notUpdated.S999999.type"));
    }

    @Test
    void aSubmissionSentNowIsFinalOnceReleasedAndCannotBeCanceled() {
        String email = draft("Alice <alice@localhost>", "Carol <carol@example.org>");
        JsonPath created = calls(submitHeld(email, "null"));
        String id = created.getString("methodResponses[0][1].created.s.id");
        JsonPath cancel = calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"update\": {\""
                + id + "\": {\"undoStatus\": \"canceled\"}}}, \"u\"]");
        assertEquals("cannotUnsend", cancel.getString("methodResponses[0][1].notUpdated." + id + ".type"));

        JsonPath other = calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"update\": {\""
                + id + "\": {\"undoStatus\": \"final\"}}}, \"u\"]");
        assertEquals("invalidProperties", other.getString("methodResponses[0][1].notUpdated." + id + ".type"));

        JsonPath tooFar = calls(submitHeld(email, "{\"HOLDUNTIL\": \"2999-01-01T00:00:00Z\"}"));
        assertEquals("invalidProperties", tooFar.getString("methodResponses[0][1].notCreated.s.type"));
    }

    @Test
    void onlyAFinishedOrCanceledSubmissionCanBeDestroyed() {
        String email = draft("Alice <alice@localhost>", "Carol <carol@example.org>");
        String queued = calls(submitHeld(email, "null")).getString("methodResponses[0][1].created.s.id");
        String held = calls(submitHeld(email, "{\"HOLDFOR\": \"3600\"}")).getString("methodResponses[0][1].created.s.id");
        calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"update\": {\""
                + held + "\": {\"undoStatus\": \"canceled\"}}}, \"u\"]");
        String before = calls("[\"EmailSubmission/get\", {\"accountId\": \"" + account + "\", \"ids\": []}, \"g\"]")
                .getString("methodResponses[0][1].state");

        JsonPath destroyed = calls("[\"EmailSubmission/set\", {\"accountId\": \"" + account + "\", \"destroy\": [\""
                + queued + "\", \"" + held + "\", \"S999999\"]}, \"d\"],"
                + "[\"EmailSubmission/changes\", {\"accountId\": \"" + account + "\", \"sinceState\": \"" + before
                + "\"}, \"c\"],"
                + "[\"EmailSubmission/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"" + queued + "\", \""
                + held + "\"]}, \"g\"]");
        assertEquals(List.of(held), destroyed.getList("methodResponses[0][1].destroyed"));
        assertEquals("forbidden", destroyed.getString("methodResponses[0][1].notDestroyed." + queued + ".type"),
                "carol@example.org is still queued");
        assertEquals("notFound", destroyed.getString("methodResponses[0][1].notDestroyed.S999999.type"));
        assertEquals(List.of(held), destroyed.getList("methodResponses[1][1].destroyed"));
        assertEquals(List.of(queued), destroyed.getList("methodResponses[2][1].list.id"));
        assertEquals(List.of(held), destroyed.getList("methodResponses[2][1].notFound"));

        JsonPath foreign = jmap.bob().body(USING + "[\"EmailSubmission/set\", {\"accountId\": \""
                + jmap.bob.id().value() + "\", \"destroy\": [\"" + queued + "\"]}, \"d\"]]}").post("/jmap/api").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("notFound", foreign.getString("methodResponses[0][1].notDestroyed." + queued + ".type"));
    }
}
