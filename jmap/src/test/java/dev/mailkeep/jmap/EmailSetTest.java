// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Email/set updates of keywords and mailboxIds, and destroys (RFC 8621 section 4.6), against a real store. */
class EmailSetTest {
    private TestJmap jmap;
    private String account;
    private EmailId dinner;
    private EmailId greetings;
    private String inbox;
    private String archive;

    @BeforeEach
    void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(50_000_000, 4, 10_000_000, 4, 16, 500, 3));
        account = jmap.alice.id().value();
        dinner = jmap.deliver(jmap.alice, Messages.DINNER);
        greetings = jmap.deliver(jmap.alice, Messages.GREETINGS);
        inbox = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.INBOX).orElseThrow().id().value();
        archive = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.ARCHIVE).orElseThrow().id().value();
    }

    @AfterEach
    void stop() throws Exception {
        jmap.close();
    }

    private JsonPath call(io.restassured.specification.RequestSpecification as, String method, String arguments) {
        return as.body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": [[\""
                        + method + "\", " + arguments + ", \"c1\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath().setRootPath("methodResponses[0][1]");
    }

    private JsonPath set(String arguments) {
        return call(jmap.alice(), "Email/set", "{\"accountId\": \"" + account + "\", " + arguments + "}");
    }

    private Map<String, Object> email(EmailId id) {
        return call(jmap.alice(), "Email/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + id
                + "\"], \"properties\": [\"keywords\", \"mailboxIds\"]}").getMap("list[0]");
    }

    private int unread(String mailbox) {
        return call(jmap.alice(), "Mailbox/get", "{\"accountId\": \"" + account + "\", \"ids\": [\"" + mailbox
                + "\"], \"properties\": [\"unreadEmails\"]}").getInt("list[0].unreadEmails");
    }

    /** RFC 8621 section 4.4.2: the hasKeyword sort follows a keyword set through Email/set. */
    @Test
    void hasKeywordSortFollowsKeywordUpdates() {
        String query = "{\"accountId\": \"" + account + "\", \"sort\": [{\"property\": \"hasKeyword\","
                + " \"keyword\": \"$Flagged\", \"isAscending\": false}, {\"property\": \"receivedAt\"}]}";
        assertEquals(List.of(dinner.value(), greetings.value()), call(jmap.alice(), "Email/query", query).getList("ids"));
        set("\"update\": {\"" + greetings + "\": {\"keywords/$flagged\": true}}");
        assertEquals(List.of(greetings.value(), dinner.value()), call(jmap.alice(), "Email/query", query).getList("ids"));
        String ascending = query.replace("\"isAscending\": false", "\"isAscending\": true");
        assertEquals(List.of(dinner.value(), greetings.value()), call(jmap.alice(), "Email/query", ascending).getList("ids"));
    }

    @Test
    void patchingKeywordsMarksReadAndMovesTheCounts() {
        String before = jmap.store.state(jmap.alice.id(), DataType.EMAIL).encode();
        assertEquals(2, unread(inbox));
        JsonPath result = set("\"update\": {\"" + dinner + "\": {\"keywords/$Seen\": true, \"keywords/$flagged\": true}}");
        assertEquals(before, result.getString("oldState"));
        assertNotEquals(before, result.getString("newState"));
        assertEquals(jmap.store.state(jmap.alice.id(), DataType.EMAIL).encode(), result.getString("newState"));
        Map<String, Object> updated = result.getMap("updated");
        assertEquals(List.of(dinner.value()), List.copyOf(updated.keySet()));
        assertEquals(null, updated.get(dinner.value()), "nothing else changed than asked");
        assertEquals((Object) null, result.get("notUpdated"));
        assertEquals(Map.of("$seen", true, "$flagged", true), email(dinner).get("keywords"));
        assertEquals(1, unread(inbox));

        set("\"update\": {\"" + dinner + "\": {\"keywords/$flagged\": null}}");
        assertEquals(Map.of("$seen", true), email(dinner).get("keywords"));
        set("\"update\": {\"" + dinner + "\": {\"keywords\": {}}}");
        assertEquals(Map.of(), email(dinner).get("keywords"));
        assertEquals(2, unread(inbox));
    }

    @Test
    void replacingMailboxIdsMovesTheEmail() {
        set("\"update\": {\"" + greetings + "\": {\"mailboxIds\": {\"" + archive + "\": true}}}");
        assertEquals(Map.of(archive, true), email(greetings).get("mailboxIds"));
        JsonPath query = call(jmap.alice(), "Email/query", "{\"accountId\": \"" + account + "\", \"filter\": {\"inMailbox\": \""
                + archive + "\"}}");
        assertEquals(List.of(greetings.value()), query.getList("ids"));

        set("\"update\": {\"" + greetings + "\": {\"mailboxIds/" + inbox + "\": true}}");
        assertEquals(Map.of(archive, true, inbox, true), email(greetings).get("mailboxIds"));
    }

    @Test
    void invalidUpdatesAreReportedPerEmailWhileTheOthersApply() {
        JsonPath result = set("\"update\": {"
                + "\"" + dinner + "\": {\"mailboxIds/" + inbox + "\": null},"
                + "\"" + greetings + "\": {\"subject\": \"changed\", \"keywords/$seen\": false},"
                + "\"E99999\": {\"keywords/$seen\": true}}");
        assertEquals("invalidProperties", result.getString("notUpdated." + dinner + ".type"));
        assertEquals(List.of("mailboxIds"), result.getList("notUpdated." + dinner + ".properties"));
        assertEquals("invalidProperties", result.getString("notUpdated." + greetings + ".type"));
        assertEquals(List.of("subject", "keywords/$seen"), result.getList("notUpdated." + greetings + ".properties"));
        assertEquals("notFound", result.getString("notUpdated.E99999.type"));
        assertEquals((Object) null, result.get("updated"), "null when nothing was updated");
        assertEquals(Map.of(inbox, true), email(dinner).get("mailboxIds"));

        JsonPath conflict = set("\"update\": {\"" + dinner + "\": {\"keywords\": {\"$seen\": true}, \"keywords/$draft\": true}}");
        assertEquals("invalidPatch", conflict.getString("notUpdated." + dinner + ".type"));
    }

    @Test
    void destroyRemovesTheEmailAndReportsUnknownIds() {
        JsonPath result = set("\"destroy\": [\"" + dinner + "\", \"E99999\", \"bad id!\"]");
        assertEquals(List.of(dinner.value()), result.getList("destroyed"));
        assertEquals("notFound", result.getString("notDestroyed.E99999.type"));
        assertEquals("notFound", result.getString("notDestroyed.'bad id!'.type"));
        assertEquals(List.of(dinner.value()), call(jmap.alice(), "Email/get", "{\"accountId\": \"" + account
                + "\", \"ids\": [\"" + dinner + "\"], \"properties\": [\"id\"]}").getList("notFound"));
        JsonPath changes = call(jmap.alice(), "Email/changes", "{\"accountId\": \"" + account + "\", \"sinceState\": \""
                + result.getString("oldState") + "\"}");
        assertEquals(List.of(dinner.value()), changes.getList("destroyed"));
    }

    @Test
    void refusalsOfTheWholeCall() {
        JsonPath stale = set("\"ifInState\": \"0\", \"destroy\": [\"" + dinner + "\"]");
        assertEquals("stateMismatch", stale.getString("type"));
        assertEquals(2, jmap.store.emails(jmap.alice.id(), List.of(dinner, greetings)).size(), "nothing destroyed");

        assertEquals("invalidArguments", set("\"create\": {\"k1\": {\"subject\": \"draft\"}}").getString("type"));
        assertEquals("requestTooLarge", set("\"destroy\": [\"E1\", \"E2\", \"E3\", \"E4\"]").getString("type"));

        String current = jmap.store.state(jmap.alice.id(), DataType.EMAIL).encode();
        assertEquals(List.of(dinner.value()), set("\"ifInState\": \"" + current + "\", \"destroy\": [\"" + dinner + "\"]")
                .getList("destroyed"));
    }

    @Test
    void anotherUserCannotTouchTheseEmails() {
        JsonPath foreign = call(jmap.bob(), "Email/set", "{\"accountId\": \"" + account + "\", \"destroy\": [\"" + dinner + "\"]}");
        assertEquals("accountNotFound", foreign.getString("type"));
        JsonPath own = call(jmap.bob(), "Email/set", "{\"accountId\": \"" + jmap.bob.id().value() + "\", \"destroy\": [\""
                + dinner + "\"], \"update\": {\"" + greetings + "\": {\"keywords/$seen\": true}}}");
        assertEquals("notFound", own.getString("notDestroyed." + dinner + ".type"));
        assertEquals("notFound", own.getString("notUpdated." + greetings + ".type"));
        assertEquals(2, jmap.store.emails(jmap.alice.id(), List.of(dinner, greetings)).size());
        assertEquals(Map.of(), email(greetings).get("keywords"));
    }
}
