// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mailkeep.store.MailboxRole;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mailbox/set (RFC 8621 section 2.5) against the real store, and Mailbox/query over the tree it builds. */
class MailboxSetTest {
    private TestJmap jmap;
    private String account;
    private String inbox;

    @BeforeEach
    void start() throws Exception {
        jmap = TestJmap.start(JmapLimits.defaults());
        account = jmap.alice.id().value();
        inbox = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.INBOX).orElseThrow().id().value();
    }

    @AfterEach
    void stop() throws Exception {
        jmap.close();
    }

    private JsonPath calls(String methodCalls) {
        return jmap.alice().body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"],"
                        + " \"methodCalls\": [" + methodCalls + "]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath set(String arguments) {
        return calls("[\"Mailbox/set\", {\"accountId\": \"" + account + "\", " + arguments + "}, \"s\"]")
                .setRootPath("methodResponses[0][1]");
    }

    @Test
    void createsATreeUsingCreationIdsAcrossCallsAndQueriesItAsATree() {
        JsonPath response = calls(
                "[\"Mailbox/set\", {\"accountId\": \"" + account + "\", \"create\": {\"p\": {\"name\": \"Projects\"}}}, \"a\"],"
                + "[\"Mailbox/set\", {\"accountId\": \"" + account + "\", \"create\": {"
                + "\"z\": {\"name\": \"Zeta\", \"parentId\": \"#p\"}, \"x\": {\"name\": \"alpha\", \"parentId\": \"#p\"}}}, \"b\"],"
                + "[\"Mailbox/query\", {\"accountId\": \"" + account + "\", \"sort\": [{\"property\": \"name\"}],"
                + " \"sortAsTree\": true, \"filter\": {\"hasAnyRole\": false}}, \"c\"]");
        String projects = response.getString("methodResponses[0][1].created.p.id");
        assertEquals(0, response.getInt("methodResponses[0][1].created.p.totalEmails"));
        assertEquals(true, response.getBoolean("methodResponses[0][1].created.p.myRights.mayDelete"));
        // RFC 8620 section 5.3: the defaults the server chose for what the client left out come back,
        // and what the client gave does not.
        Map<String, Object> created = response.getMap("methodResponses[0][1].created.p");
        assertEquals(Set.of("id", "parentId", "role", "sortOrder", "totalEmails", "unreadEmails", "totalThreads",
                "unreadThreads", "myRights", "isSubscribed"), created.keySet());
        assertNull(created.get("parentId"));
        assertNull(created.get("role"));
        assertEquals(0, created.get("sortOrder"));
        String zeta = response.getString("methodResponses[1][1].created.z.id");
        String alpha = response.getString("methodResponses[1][1].created.x.id");
        assertEquals(List.of(projects, alpha, zeta), response.getList("methodResponses[2][1].ids"));

        Map<String, Object> child = calls("[\"Mailbox/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"" + zeta
                + "\"], \"properties\": [\"name\", \"parentId\", \"role\", \"sortOrder\", \"isSubscribed\"]}, \"g\"]")
                .getMap("methodResponses[0][1].list[0]");
        Map<String, Object> expected = new java.util.HashMap<>(Map.of("id", zeta, "name", "Zeta", "parentId", projects,
                "sortOrder", 0, "isSubscribed", true));
        expected.put("role", null);
        assertEquals(expected, child);
    }

    @Test
    void updatesRenameAndMoveButNotIntoACycle() {
        String parent = set("\"create\": {\"p\": {\"name\": \"Parent\"}}").getString("created.p.id");
        String child = set("\"create\": {\"c\": {\"name\": \"Child\", \"parentId\": \"" + parent + "\"}}").getString("created.c.id");
        JsonPath renamed = set("\"update\": {\"" + child + "\": {\"name\": \"Renamed\", \"sortOrder\": 5}}");
        assertEquals(List.of(child), List.copyOf(renamed.getMap("updated").keySet()));
        JsonPath cycle = set("\"update\": {\"" + parent + "\": {\"parentId\": \"" + child + "\"}}");
        assertEquals("invalidProperties", cycle.getString("notUpdated." + parent + ".type"));
        assertEquals(List.of("parentId"), cycle.getList("notUpdated." + parent + ".properties"));
        JsonPath serverSet = set("\"update\": {\"" + parent + "\": {\"totalEmails\": 3}}");
        assertEquals(List.of("totalEmails"), serverSet.getList("notUpdated." + parent + ".properties"));
        JsonPath unknown = set("\"update\": {\"M999\": {\"name\": \"x\"}}");
        assertEquals("notFound", unknown.getString("notUpdated.M999.type"));
    }

    @Test
    void refusesDuplicateSiblingNamesAndSecondRoles() {
        JsonPath result = set("\"create\": {\"a\": {\"name\": \"Inbox\"}, \"b\": {\"name\": \"Other\", \"role\": \"inbox\"},"
                + " \"c\": {\"name\": \"Bad\", \"role\": \"nonsense\"}, \"d\": {}}");
        assertEquals("invalidProperties", result.getString("notCreated.a.type"));
        assertEquals("invalidProperties", result.getString("notCreated.b.type"));
        assertEquals(List.of("role"), result.getList("notCreated.c.properties"));
        assertEquals(List.of("name"), result.getList("notCreated.d.properties"));
        assertEquals((Object) null, result.get("created"));
    }

    @Test
    void destroyHonoursChildrenEmailsAndOnDestroyRemoveEmails() {
        String parent = set("\"create\": {\"p\": {\"name\": \"Parent\"}}").getString("created.p.id");
        set("\"create\": {\"c\": {\"name\": \"Child\", \"parentId\": \"" + parent + "\"}}");
        assertEquals("mailboxHasChild", set("\"destroy\": [\"" + parent + "\"]").getString("notDestroyed." + parent + ".type"));

        assertEquals("forbidden", set("\"destroy\": [\"" + inbox + "\"]").getString("notDestroyed." + inbox + ".type"),
                "the inbox stays");
        String folder = set("\"create\": {\"f\": {\"name\": \"Folder\"}}").getString("created.f.id");
        String email = jmap.deliver(jmap.alice, Messages.DINNER).value();
        calls("[\"Email/set\", {\"accountId\": \"" + account + "\", \"update\": {\"" + email + "\": {\"mailboxIds\": {\""
                + folder + "\": true}}}}, \"m\"]");
        assertEquals("mailboxHasEmail", set("\"destroy\": [\"" + folder + "\"]").getString("notDestroyed." + folder + ".type"));
        JsonPath destroyed = set("\"destroy\": [\"" + folder + "\", \"M999\"], \"onDestroyRemoveEmails\": true");
        assertEquals(List.of(folder), destroyed.getList("destroyed"));
        assertEquals("notFound", destroyed.getString("notDestroyed.M999.type"));
    }

    @Test
    void anotherUserCannotChangeTheseMailboxes() {
        JsonPath foreign = jmap.bob().body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"],"
                        + " \"methodCalls\": [[\"Mailbox/set\", {\"accountId\": \"" + account + "\", \"destroy\": [\"" + inbox
                        + "\"]}, \"s\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath();
        assertEquals("accountNotFound", foreign.getString("methodResponses[0][1].type"));
        assertEquals(6, jmap.store.mailboxes(jmap.alice.id()).size());
    }
}
