// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API endpoint's request processing (RFC 8620 section 3): request-level problems, method
 * calls in order, method-level errors, result references, createdIds and sessionState.
 */
class ApiRequestTest {
    private static final JmapLimits LIMITS = new JmapLimits(50_000_000, 4, 2_000, 4, 4, 3, 500);
    private static final String CORE = "\"urn:ietf:params:jmap:core\"";
    private static final String MAIL = "\"urn:ietf:params:jmap:mail\"";
    private static TestJmap jmap;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(LIMITS);
        jmap.deliver(jmap.alice, Messages.DINNER);
        jmap.deliver(jmap.alice, Messages.GREETINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    private static ValidatableResponse post(String body) {
        return jmap.alice().contentType("application/json").body(body).post("/jmap/api").then();
    }

    private static void problem(ValidatableResponse response, String type) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ietf:params:jmap:error:" + type))
                .body("status", equalTo(400));
    }

    @Test
    void aBodyThatIsNotJsonIsNotJson() {
        problem(post("{\"using\": [" + CORE + "], \"methodCalls\": ["), "notJSON");
    }

    @Test
    void jsonThatIsNotARequestIsNotRequest() {
        problem(post("{\"using\": [" + CORE + "]}"), "notRequest");
        problem(post("[[\"Core/echo\", {}, \"c1\"]]"), "notRequest");
        problem(post("{\"using\": [], \"methodCalls\": [[\"Core/echo\", {}]]}"), "notRequest");
    }

    @Test
    void anUnknownCapabilityIsRefused() {
        ValidatableResponse response = post("{\"using\": [" + CORE + ", \"urn:example:unknown\"], \"methodCalls\": []}");
        problem(response, "unknownCapability");
        response.body("detail", containsString("urn:example:unknown"));
    }

    @Test
    void tooManyCallsHitTheMaxCallsInRequestLimit() {
        String call = "[\"Core/echo\", {}, \"c\"]";
        ValidatableResponse response = post("{\"using\": [" + CORE + "], \"methodCalls\": ["
                + String.join(",", List.of(call, call, call, call, call)) + "]}");
        problem(response, "limit");
        response.body("limit", equalTo("maxCallsInRequest"));
        post("{\"using\": [" + CORE + "], \"methodCalls\": [" + String.join(",", List.of(call, call, call, call)) + "]}")
                .statusCode(200);
    }

    @Test
    void aBodyOverMaxSizeRequestHitsTheLimit() {
        String big = "x".repeat(2_000);
        ValidatableResponse response = post("{\"using\": [" + CORE + "], \"methodCalls\": [[\"Core/echo\", {\"a\": \""
                + big + "\"}, \"c1\"]]}");
        problem(response, "limit");
        response.body("limit", equalTo("maxSizeRequest"));
    }

    @Test
    void aChunkedBodyOverMaxSizeRequestHitsTheLimitToo() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(jmap.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        byte[] body = ("{\"using\": [" + CORE + "], \"methodCalls\": [[\"Core/echo\", {\"a\": \"" + "y".repeat(3_000)
                + "\"}, \"c1\"]]}").getBytes(StandardCharsets.UTF_8);
        String credentials = Base64.getEncoder().encodeToString(
                (TestJmap.ALICE + ":" + TestJmap.ALICE_PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (HttpClient client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(jmap.baseUrl() + "/jmap/api"))
                    .header("Authorization", "Basic " + credentials)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode());
            JsonPath problem = JsonPath.from(response.body());
            assertEquals("urn:ietf:params:jmap:error:limit", problem.getString("type"));
            assertEquals("maxSizeRequest", problem.getString("limit"));
        }
    }

    @Test
    void coreEchoReturnsItsArgumentsAsInRfc8620Section41() {
        post("{\"using\": [" + CORE + "], \"methodCalls\": [[\"Core/echo\", {\"hello\": true, \"high\": 5}, \"b3ff\"]]}")
                .statusCode(200)
                .contentType("application/json")
                .body("methodResponses", equalTo(List.of(List.of("Core/echo", java.util.Map.of("hello", true, "high", 5), "b3ff"))));
    }

    @Test
    void anUnknownMethodIsAnErrorAndTheRequestGoesOn() {
        post("{\"using\": [" + CORE + "], \"methodCalls\": [[\"Foo/bar\", {}, \"c1\"], [\"Core/echo\", {\"n\": 1}, \"c2\"]]}")
                .statusCode(200)
                .body("methodResponses[0]", equalTo(List.of("error", java.util.Map.of("type", "unknownMethod",
                        "description", "unknown method: Foo/bar"), "c1")))
                .body("methodResponses[1]", equalTo(List.of("Core/echo", java.util.Map.of("n", 1), "c2")));
    }

    @Test
    void aMethodWhoseCapabilityIsNotInUsingIsUnknown() {
        post("{\"using\": [" + CORE + "], \"methodCalls\": [[\"Mailbox/get\", {\"accountId\": \""
                + jmap.alice.id().value() + "\"}, \"c1\"]]}")
                .statusCode(200)
                .body("methodResponses[0][0]", equalTo("error"))
                .body("methodResponses[0][1].type", equalTo("unknownMethod"));
    }

    @Test
    void invalidArgumentsNameTheArgument() {
        String account = jmap.alice.id().value();
        post("{\"using\": [" + CORE + ", " + MAIL + "], \"methodCalls\": ["
                + "[\"Mailbox/get\", {\"accountId\": \"" + account + "\", \"ids\": \"notalist\"}, \"c1\"],"
                + "[\"Mailbox/get\", {\"accountId\": \"" + account + "\", \"idz\": null}, \"c2\"],"
                + "[\"Mailbox/get\", {}, \"c3\"],"
                + "[\"Email/query\", {\"accountId\": \"" + account + "\", \"limit\": -1}, \"c4\"]]}")
                .statusCode(200)
                .body("methodResponses[0][1].type", equalTo("invalidArguments"))
                .body("methodResponses[0][1].description", containsString("'ids'"))
                .body("methodResponses[1][1].type", equalTo("invalidArguments"))
                .body("methodResponses[1][1].description", containsString("idz"))
                .body("methodResponses[2][1].type", equalTo("invalidArguments"))
                .body("methodResponses[2][1].description", containsString("'accountId'"))
                .body("methodResponses[3][1].type", equalTo("invalidArguments"))
                .body("methodResponses[3][1].description", containsString("'limit'"));
    }

    @Test
    void anAccountTheUserCannotReachIsAccountNotFound() {
        post("{\"using\": [" + CORE + ", " + MAIL + "], \"methodCalls\": ["
                + "[\"Mailbox/get\", {\"accountId\": \"nosuchaccount\"}, \"c1\"],"
                + "[\"Email/query\", {\"accountId\": \"" + jmap.bob.id().value() + "\"}, \"c2\"]]}")
                .statusCode(200)
                .body("methodResponses[0]", equalTo(List.of("error", java.util.Map.of("type", "accountNotFound"), "c1")))
                .body("methodResponses[1]", equalTo(List.of("error", java.util.Map.of("type", "accountNotFound"), "c2")));
    }

    @Test
    void resultReferencesChainQueryIntoGet() {
        String account = jmap.alice.id().value();
        JsonPath response = post("{\"using\": [" + CORE + ", " + MAIL + "], \"methodCalls\": ["
                + "[\"Email/query\", {\"accountId\": \"" + account + "\"}, \"t0\"],"
                + "[\"Email/get\", {\"accountId\": \"" + account + "\", \"properties\": [\"threadId\"],"
                + "  \"#ids\": {\"resultOf\": \"t0\", \"name\": \"Email/query\", \"path\": \"/ids\"}}, \"t1\"],"
                + "[\"Core/echo\", {\"#threads\": {\"resultOf\": \"t1\", \"name\": \"Email/get\", \"path\": \"/list/*/threadId\"}}, \"t2\"]]}")
                .statusCode(200).extract().jsonPath();
        List<String> queried = response.getList("methodResponses[0][1].ids");
        assertEquals(2, queried.size());
        assertEquals(queried, response.getList("methodResponses[1][1].list.id"));
        assertEquals(response.getList("methodResponses[1][1].list.threadId"), response.getList("methodResponses[2][1].threads"));
        assertEquals(List.of("t0", "t1", "t2"), response.getList("methodResponses.collect { it[2] }"));
    }

    @Test
    void unresolvableReferencesAreInvalidResultReference() {
        post("{\"using\": [" + CORE + "], \"methodCalls\": ["
                + "[\"Foo/bar\", {}, \"f0\"],"
                + "[\"Core/echo\", {\"#x\": {\"resultOf\": \"nope\", \"name\": \"Core/echo\", \"path\": \"\"}}, \"c1\"],"
                + "[\"Core/echo\", {\"#x\": {\"resultOf\": \"f0\", \"name\": \"Foo/bar\", \"path\": \"\"}}, \"c2\"],"
                + "[\"Core/echo\", {\"#x\": {\"resultOf\": \"c1\", \"name\": \"error\", \"path\": \"/b\"}}, \"c3\"]]}")
                .statusCode(200)
                .body("methodResponses[1][1].type", equalTo("invalidResultReference"))
                .body("methodResponses[2][1].type", equalTo("invalidResultReference"))
                .body("methodResponses[3][1].type", equalTo("invalidResultReference"));
    }

    @Test
    void createdIdsAreReturnedOnlyWhenGiven() {
        post("{\"using\": [" + CORE + "], \"methodCalls\": [], \"createdIds\": {\"k1\": \"M1\"}}")
                .statusCode(200)
                .body("createdIds", equalTo(java.util.Map.of("k1", "M1")));
        post("{\"using\": [" + CORE + "], \"methodCalls\": []}")
                .statusCode(200)
                .body("$", not(hasKey("createdIds")));
    }

    @Test
    void aCreationIdReferenceResolvesThroughCreatedIds() {
        String account = jmap.alice.id().value();
        String id = post("{\"using\": [" + CORE + ", " + MAIL + "], \"methodCalls\": [[\"Email/query\", {\"accountId\": \""
                + account + "\", \"limit\": 1}, \"c0\"]]}").extract().path("methodResponses[0][1].ids[0]");
        post("{\"using\": [" + CORE + ", " + MAIL + "], \"createdIds\": {\"draft1\": \"" + id + "\"}, \"methodCalls\": ["
                + "[\"Email/get\", {\"accountId\": \"" + account + "\", \"ids\": [\"#draft1\", \"#other\"],"
                + " \"properties\": [\"id\"]}, \"c1\"]]}")
                .statusCode(200)
                .body("methodResponses[0][1].list.id", equalTo(List.of(id)))
                .body("methodResponses[0][1].notFound", equalTo(List.of("#other")));
    }

    @Test
    void theSessionStateIsInEveryResponse() {
        String state = jmap.alice().get("/jmap/session").then().extract().path("state");
        post("{\"using\": [" + CORE + "], \"methodCalls\": []}")
                .statusCode(200)
                .body("methodResponses", equalTo(List.of()))
                .body("sessionState", equalTo(state));
    }

    @Test
    void moreIdsThanMaxObjectsInGetIsRequestTooLarge() {
        post("{\"using\": [" + CORE + ", " + MAIL + "], \"methodCalls\": [[\"Email/get\", {\"accountId\": \""
                + jmap.alice.id().value() + "\", \"ids\": [\"a\", \"b\", \"c\", \"d\"], \"properties\": [\"id\"]}, \"c1\"]]}")
                .statusCode(200)
                .body("methodResponses[0][1].type", equalTo("requestTooLarge"));
    }
}
