// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.store.MailboxRole;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Upload (RFC 8620 section 6.1) and Email/import (RFC 8621 section 4.8) with creation ids used by later calls. */
class UploadImportTest {
    private static TestJmap jmap;
    private static String account;
    private static String inbox;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(new JmapLimits(2_000, 4, 10_000_000, 4, 16, 500, 500));
        account = jmap.alice.id().value();
        inbox = jmap.store.mailboxByRole(jmap.alice.id(), MailboxRole.INBOX).orElseThrow().id().value();
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    private static JsonPath upload(String bytes) {
        return jmap.alice().contentType("message/rfc822").body(bytes.getBytes(StandardCharsets.UTF_8))
                .post("/jmap/upload/" + account + "/").then()
                .statusCode(201).extract().jsonPath();
    }

    @Test
    void anUploadedMessageIsImportedAndReadThroughItsCreationId() {
        JsonPath uploaded = upload(Messages.DINNER);
        int size = Messages.DINNER.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(account, uploaded.getString("accountId"));
        assertEquals("message/rfc822", uploaded.getString("type"));
        assertEquals(size, uploaded.getInt("size"));
        String blobId = uploaded.getString("blobId");

        JsonPath response = jmap.alice().body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"],"
                        + " \"createdIds\": {}, \"methodCalls\": ["
                        + "[\"Email/import\", {\"accountId\": \"" + account + "\", \"emails\": {\"k1\": {\"blobId\": \"" + blobId
                        + "\", \"mailboxIds\": {\"" + inbox + "\": true}, \"keywords\": {\"$Seen\": true},"
                        + " \"receivedAt\": \"2020-01-01T00:00:00Z\"}}}, \"c1\"],"
                        + "[\"Email/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"#k1\"], \"properties\": "
                        + "[\"subject\", \"receivedAt\", \"keywords\", \"mailboxIds\", \"size\", \"blobId\"]}, \"c2\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath();
        String id = response.getString("methodResponses[0][1].created.k1.id");
        assertEquals(Map.of("k1", id), response.getMap("createdIds"));
        assertEquals(blobId, response.getString("methodResponses[0][1].created.k1.blobId"));
        assertEquals(size, response.getInt("methodResponses[0][1].created.k1.size"));
        Map<String, Object> email = response.getMap("methodResponses[1][1].list[0]");
        assertEquals(Map.of("id", id, "subject", "Dinner on Thursday?", "receivedAt", "2020-01-01T00:00:00Z",
                "keywords", Map.of("$seen", true), "mailboxIds", Map.of(inbox, true), "size", size, "blobId", blobId), email);
    }

    @Test
    void importProblemsAreReportedPerEmail() {
        String blobId = upload(Messages.BARE).getString("blobId");
        JsonPath result = jmap.alice().body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"],"
                        + " \"methodCalls\": [[\"Email/import\", {\"accountId\": \"" + account + "\", \"emails\": {"
                        + "\"a\": {\"blobId\": \"Gnosuchblob\", \"mailboxIds\": {\"" + inbox + "\": true}},"
                        + "\"b\": {\"blobId\": \"" + blobId + "\"},"
                        + "\"c\": {\"blobId\": \"" + blobId + "\", \"mailboxIds\": {\"M999\": true}},"
                        + "\"d\": {\"blobId\": \"" + blobId + "\", \"mailboxIds\": {\"" + inbox + "\": true}}}}, \"c1\"]]}")
                .post("/jmap/api").then().statusCode(200).extract().jsonPath().setRootPath("methodResponses[0][1]");
        assertEquals("blobNotFound", result.getString("notCreated.a.type"));
        assertEquals("invalidProperties", result.getString("notCreated.b.type"));
        assertEquals(List.of("mailboxIds"), result.getList("notCreated.b.properties"));
        assertEquals("invalidProperties", result.getString("notCreated.c.type"));
        assertEquals(List.of("d"), List.copyOf(result.getMap("created").keySet()));
    }

    @Test
    void anotherAccountsUploadIsNotTheirs() {
        String blobId = upload(Messages.GREETINGS).getString("blobId");
        jmap.bob().body("x").post("/jmap/upload/" + account + "/").then().statusCode(404);
        jmap.bob().body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": ["
                        + "[\"Email/import\", {\"accountId\": \"" + jmap.bob.id().value() + "\", \"emails\": {\"k\": {\"blobId\": \""
                        + blobId + "\", \"mailboxIds\": {\"" + inbox + "\": true}}}}, \"c1\"]]}")
                .post("/jmap/api").then().statusCode(200)
                .body("methodResponses[0][1].notCreated.k.type", equalTo("blobNotFound"));
    }

    private static JsonPath blobCalls(io.restassured.specification.RequestSpecification as, String calls) {
        return as.body("{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:blob\"], \"methodCalls\": ["
                + calls + "]}").post("/jmap/api").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void blobUploadConcatenatesSourcesAndBlobGetReadsThemBack() throws Exception {
        String sha256 = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest("Hello world".getBytes(StandardCharsets.UTF_8)));
        JsonPath response = blobCalls(jmap.alice(),
                "[\"Blob/upload\", {\"accountId\": \"" + account + "\", \"create\": {\"k\": {\"type\": \"text/plain\","
                + " \"data\": [{\"data:asText\": \"Hello \"}, {\"data:asBase64\": \"d29ybGQ=\"}]}}}, \"u\"],"
                + "[\"Blob/upload\", {\"accountId\": \"" + account + "\", \"create\": {\"w\": {"
                + " \"data\": [{\"blobId\": \"#k\", \"offset\": 6, \"length\": 5}, {\"data:asBase64\": \"/w==\"}]}}}, \"v\"],"
                + "[\"Blob/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"#k\", \"#w\", \"Gnosuch\"],"
                + " \"properties\": [\"data\", \"size\", \"digest:sha-256\"]}, \"g\"],"
                + "[\"Blob/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"#k\"], \"properties\": [\"data:asText\"],"
                + " \"offset\": 6, \"length\": 10}, \"h\"]");
        assertEquals(11, response.getInt("methodResponses[0][1].created.k.size"));
        assertEquals("text/plain", response.getString("methodResponses[0][1].created.k.type"));
        assertEquals(6, response.getInt("methodResponses[1][1].created.w.size"));
        assertEquals("Hello world", response.getString("methodResponses[2][1].list[0].'data:asText'"));
        assertEquals(11, response.getInt("methodResponses[2][1].list[0].size"));
        assertEquals(sha256, response.getString("methodResponses[2][1].list[0].'digest:sha-256'"));
        assertEquals("d29ybGT/", response.getString("methodResponses[2][1].list[1].'data:asBase64'"), "not UTF-8: base64");
        assertEquals(List.of("Gnosuch"), response.getList("methodResponses[2][1].notFound"));
        assertEquals("world", response.getString("methodResponses[3][1].list[0].'data:asText'"));
        assertEquals(true, response.getBoolean("methodResponses[3][1].list[0].isTruncated"));

        String blob = response.getString("methodResponses[0][1].created.k.id");
        assertEquals(List.of(blob), blobCalls(jmap.bob(), "[\"Blob/get\", {\"accountId\": \"" + jmap.bob.id().value()
                + "\", \"ids\": [\"" + blob + "\"]}, \"g\"]").getList("methodResponses[0][1].notFound"));
    }

    @Test
    void uploadsOverMaxSizeUploadAreRefused() {
        jmap.alice().body(new byte[2_001]).post("/jmap/upload/" + account + "/").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ietf:params:jmap:error:limit"))
                .body("limit", equalTo("maxSizeUpload"));
        jmap.anonymous().body(new byte[10]).post("/jmap/upload/" + account + "/").then().statusCode(401);
    }
}
