// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.State;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Email/changes and Mailbox/changes (RFC 8620 section 5.2, RFC 8621 sections 2.2 and 4.3),
 * table-driven: for every state a client could hold, the changes that bring it up to date.
 */
class ChangesTest {
    private static TestJmap jmap;
    private static String account;
    /** Email states: before anything, after A, after B, after C. */
    private static final List<String> EMAIL_STATES = new ArrayList<>();
    private static String mailboxStateBefore;
    private static EmailId a;
    private static EmailId b;
    private static EmailId c;
    /**
     * The one of A and B that C's merge moved into the other's thread: the store re-creates it
     * under a new id (threadId is immutable, RFC 8621 section 3), so its old id is destroyed.
     */
    private static String moved;
    private static String movedNewId;
    /** The ids of A, B and C as they are after the merge. */
    private static List<String> currentIds;
    /** The thread that the merge destroyed, and the Thread state just before it. */
    private static String threadBeforeMerge;
    private static String threadStateBeforeC;

    private static String message(String id, String references, String subject) {
        return String.join("\r\n", "From: joe@example.com", "To: alice@localhost", "Subject: " + subject,
                "Message-ID: <" + id + ">", references == null ? "X-No-References: 1" : "References: " + references,
                "", "body", "");
    }

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(JmapLimits.defaults());
        account = jmap.alice.id().value();
        mailboxStateBefore = state(DataType.MAILBOX);
        EMAIL_STATES.add(state(DataType.EMAIL));
        a = jmap.deliver(jmap.alice, message("a@example.com", null, "Plan"));
        EMAIL_STATES.add(state(DataType.EMAIL));
        b = jmap.deliver(jmap.alice, message("b@example.com", null, "Plan"));
        EMAIL_STATES.add(state(DataType.EMAIL));
        String threadOfB = threadOf(b);
        String threadOfA = threadOf(a);
        threadStateBeforeC = state(DataType.THREAD);
        // C links A's and B's threads, so they merge and one of A and B changes its threadId.
        c = jmap.deliver(jmap.alice, MailboxRole.JUNK, message("c@example.com", "<a@example.com> <b@example.com>", "Re: Plan"));
        EMAIL_STATES.add(state(DataType.EMAIL));
        var stillThere = jmap.store.emails(jmap.alice.id(), List.of(a, b));
        assertEquals(1, stillThere.size(), "exactly one of A and B moved to a new id");
        moved = stillThere.containsKey(a) ? b.value() : a.value();
        currentIds = jmap.store.queryEmails(jmap.alice.id(), new dev.mailkeep.store.EmailQuery(null, true, 0, 10))
                .ids().stream().map(EmailId::value).sorted().toList();
        movedNewId = currentIds.stream().filter(id -> !id.equals(a.value()) && !id.equals(b.value())
                && !id.equals(c.value())).findFirst().orElseThrow();
        for (String id : currentIds) {
            assertEquals(threadOf(c), threadOf(new EmailId(id)), "A, B and C share a thread");
        }
        threadBeforeMerge = moved.equals(a.value()) ? threadOfA : threadOfB;
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    private static String state(DataType type) {
        return jmap.store.state(jmap.alice.id(), type).encode();
    }

    private static ValidatableResponse call(String method, String arguments) {
        return jmap.alice()
                .body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": [[\""
                        + method + "\", " + arguments + ", \"c1\"]]}")
                .post("/jmap/api").then().statusCode(200);
    }

    private static JsonPath changes(String method, String since, String extra) {
        return call(method, "{\"accountId\": \"" + account + "\", \"sinceState\": \"" + since + "\"" + extra + "}")
                .body("methodResponses[0][0]", equalTo(method))
                .extract().jsonPath().setRootPath("methodResponses[0][1]");
    }

    private static String threadOf(EmailId id) {
        return jmap.store.emails(jmap.alice.id(), List.of(id)).get(id).threadId().value();
    }

    @Test
    void emailChangesFromEveryEarlierState() {
        // Created since state k: every current id that did not exist at k. Destroyed: every id that
        // existed at k and is gone.
        record Row(int since, List<String> existedThen) {}
        List<Row> table = List.of(
                new Row(0, List.of()),
                new Row(1, List.of(a.value())),
                new Row(2, List.of(a.value(), b.value())),
                new Row(3, currentIds));
        for (Row row : table) {
            JsonPath changes = changes("Email/changes", EMAIL_STATES.get(row.since()), "");
            String at = "since state " + row.since();
            assertEquals(account, changes.getString("accountId"), at);
            assertEquals(EMAIL_STATES.get(row.since()), changes.getString("oldState"), at);
            assertEquals(EMAIL_STATES.get(3), changes.getString("newState"), at);
            assertEquals(false, changes.getBoolean("hasMoreChanges"), at);
            List<String> created = currentIds.stream().filter(id -> !row.existedThen().contains(id)).toList();
            List<String> gone = row.existedThen().stream().filter(id -> !currentIds.contains(id)).toList();
            assertEquals(created, changes.getList("created").stream().sorted().toList(), at);
            assertEquals(List.of(), changes.getList("updated"), at);
            // An id created and destroyed within the range may be reported destroyed or not at all (RFC 8620 5.2).
            List<String> destroyed = new ArrayList<>(changes.getList("destroyed"));
            destroyed.removeAll(List.of(moved));
            assertEquals(List.of(), destroyed, at);
            assertTrue(changes.getList("destroyed").containsAll(gone), at + ": ids gone since then " + gone
                    + " must be reported destroyed; the store says " + storeChanges(EMAIL_STATES.get(row.since())));
        }
    }

    private static String storeChanges(String since) {
        try {
            return jmap.store.changes(jmap.alice.id(), DataType.EMAIL, State.decode(since), 100).toString();
        } catch (dev.mailkeep.store.CannotCalculateChangesException e) {
            return e.toString();
        }
    }

    private static List<String> sorted(String... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }

    @Test
    void maxChangesPagesThroughIntermediateStates() {
        JsonPath first = changes("Email/changes", EMAIL_STATES.get(0), ", \"maxChanges\": 3");
        assertEquals(true, first.getBoolean("hasMoreChanges"), "C's change alone touches three ids");
        assertEquals(EMAIL_STATES.get(2), first.getString("newState"));
        assertEquals(sorted(a.value(), b.value()), first.getList("created").stream().sorted().toList());

        JsonPath second = changes("Email/changes", first.getString("newState"), ", \"maxChanges\": 3");
        assertEquals(false, second.getBoolean("hasMoreChanges"));
        assertEquals(EMAIL_STATES.get(3), second.getString("newState"));
        assertEquals(sorted(c.value(), movedNewId), second.getList("created").stream().sorted().toList());
        assertEquals(List.of(moved), second.getList("destroyed"));
    }

    /** One delivery that touched two emails cannot be split to fit maxChanges 1. */
    @Test
    void aSingleChangeLargerThanMaxChangesCannotBeCalculated() {
        call("Email/changes", "{\"accountId\": \"" + account + "\", \"sinceState\": \"" + EMAIL_STATES.get(2)
                + "\", \"maxChanges\": 1}")
                .body("methodResponses[0][0]", equalTo("error"))
                .body("methodResponses[0][1].type", equalTo("cannotCalculateChanges"));
    }

    @Test
    void mailboxChangesReportTheMailboxesWhoseCountsMoved() {
        String inbox = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.INBOX).orElseThrow().id().value();
        String junk = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.JUNK).orElseThrow().id().value();
        JsonPath changes = changes("Mailbox/changes", mailboxStateBefore, "");
        assertEquals(List.of(), changes.getList("created"));
        assertEquals(List.of(inbox, junk).stream().sorted().toList(), changes.getList("updated").stream().sorted().toList());
        assertEquals(List.of(), changes.getList("destroyed"));
        assertEquals(state(DataType.MAILBOX), changes.getString("newState"));
        assertEquals(List.of("totalEmails", "unreadEmails", "totalThreads", "unreadThreads"),
                changes.getList("updatedProperties"), "deliveries only move counts");

        JsonPath none = changes("Mailbox/changes", state(DataType.MAILBOX), "");
        assertEquals(List.of(), none.getList("updated"));
        assertEquals((Object) null, none.get("updatedProperties"));
        assertEquals(false, none.getBoolean("hasMoreChanges"));
    }

    @Test
    void threadGetListsTheMergedThreadOldestFirstAndThreadChangesReportTheMerge() {
        String survivor = threadOf(c);
        List<dev.mailkeep.store.model.EmailRecord> records = new ArrayList<>(jmap.store.emails(jmap.alice.id(),
                currentIds.stream().map(EmailId::new).toList()).values());
        records.sort(java.util.Comparator.comparing(dev.mailkeep.store.model.EmailRecord::receivedAt)
                .thenComparing(r -> r.id().value()));
        JsonPath get = call("Thread/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + survivor + "\", \""
                + threadBeforeMerge + "\"]}").extract().jsonPath().setRootPath("methodResponses[0][1]");
        assertEquals(state(DataType.THREAD), get.getString("state"));
        assertEquals(List.of(survivor), get.getList("list.id"));
        assertEquals(records.stream().map(r -> r.id().value()).toList(), get.getList("list[0].emailIds"));
        assertEquals(List.of(threadBeforeMerge), get.getList("notFound"), "the merged-away thread is gone");

        JsonPath changes = changes("Thread/changes", threadStateBeforeC, "");
        assertEquals(List.of(threadBeforeMerge), changes.getList("destroyed"));
        assertEquals(List.of(survivor), changes.getList("updated"));
        assertEquals(List.of(), changes.getList("created"));
        assertEquals(state(DataType.THREAD), changes.getString("newState"));
    }

    @Test
    void collapseThreadsKeepsTheFirstEmailOfEachThread() {
        JsonPath all = call("Email/query", "{\"accountId\": \"" + account + "\", \"sort\": [{\"property\": \"receivedAt\"}]}")
                .extract().jsonPath().setRootPath("methodResponses[0][1]");
        JsonPath collapsed = call("Email/query", "{\"accountId\": \"" + account + "\", \"sort\": [{\"property\": "
                + "\"receivedAt\"}], \"collapseThreads\": true, \"calculateTotal\": true}")
                .extract().jsonPath().setRootPath("methodResponses[0][1]");
        assertEquals(3, all.getList("ids").size());
        assertEquals(List.of(all.getList("ids").getFirst()), collapsed.getList("ids"), "A, B and C are one thread");
        assertEquals(1, collapsed.getInt("total"));
    }

    @Test
    void statesTheServerCannotCalculateFromAreRefused() {
        String future = new State(State.decode(EMAIL_STATES.get(3)).modseq() + 100).encode();
        for (String since : List.of(future, "not-a-state", "")) {
            call("Email/changes", "{\"accountId\": \"" + account + "\", \"sinceState\": \"" + since + "\"}")
                    .body("methodResponses[0][0]", equalTo("error"))
                    .body("methodResponses[0][1].type", equalTo("cannotCalculateChanges"));
        }
    }

    @Test
    void badArgumentsAreInvalidArguments() {
        call("Email/changes", "{\"accountId\": \"" + account + "\", \"sinceState\": \"" + EMAIL_STATES.get(0)
                + "\", \"maxChanges\": 0}")
                .body("methodResponses[0][1].type", equalTo("invalidArguments"))
                .body("methodResponses[0][1].description", containsString("'maxChanges'"));
        call("Mailbox/changes", "{\"accountId\": \"" + account + "\"}")
                .body("methodResponses[0][1].type", equalTo("invalidArguments"))
                .body("methodResponses[0][1].description", containsString("'sinceState'"));
    }
}
