// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.account.LoginLimits;
import dev.mailkeep.store.model.Credential;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App passwords over Basic auth and bearer tokens (RFC 6750 section 2.1) on every JMAP endpoint,
 * each refused at once after it is revoked, even right after a request it passed.
 */
class AppPasswordAndTokenTest {
    private static final String ECHO = "{\"using\": [\"urn:ietf:params:jmap:core\"], "
            + "\"methodCalls\": [[\"Core/echo\", {\"hello\": true}, \"c1\"]]}";
    private TestJmap jmap;

    @BeforeEach
    void start() throws Exception {
        jmap = TestJmap.start(new LoginLimits(5, 10, java.time.Duration.ofMinutes(5)), List.of());
    }

    @AfterEach
    void stop() throws Exception {
        jmap.close();
    }

    private RequestSpecification bearer(String token) {
        return jmap.anonymous().header("Authorization", "Bearer " + token);
    }

    @Test
    void appPasswordWorksLikeThePasswordUntilRevoked() {
        String secret = jmap.store.issueCredential(jmap.alice.id(), Credential.Kind.APP_PASSWORD, "phone").secret();
        jmap.as(TestJmap.ALICE, secret).get("/jmap/session").then().statusCode(200)
                .body("username", equalTo(TestJmap.ALICE));
        jmap.as(TestJmap.ALICE, secret).contentType("application/json").body(ECHO).post("/jmap/api").then()
                .statusCode(200).body("methodResponses[0][1].hello", equalTo(true));
        jmap.as(TestJmap.BOB, secret).get("/jmap/session").then().statusCode(401);

        jmap.store.revokeCredential(jmap.alice.id(), Credential.Kind.APP_PASSWORD, "phone");
        jmap.as(TestJmap.ALICE, secret).get("/jmap/session").then().statusCode(401);
        jmap.alice().get("/jmap/session").then().statusCode(200);
    }

    @Test
    void bearerTokenIsAcceptedOnEveryEndpointUntilRevoked() throws Exception {
        String token = jmap.store.issueCredential(jmap.alice.id(), Credential.Kind.TOKEN, "web").secret();
        String account = jmap.alice.id().value();
        bearer(token).get("/jmap/session").then().statusCode(200).body("username", equalTo(TestJmap.ALICE));
        bearer(token).contentType("application/json").body(ECHO).post("/jmap/api").then().statusCode(200)
                .body("methodResponses[0][1].hello", equalTo(true));
        String blobId = bearer(token).contentType("text/plain").body("hello blob").post("/jmap/upload/" + account + "/")
                .then().statusCode(201).extract().path("blobId");
        assertEquals("hello blob", bearer(token).get("/jmap/download/" + account + "/" + blobId + "/a.txt?type=text/plain")
                .then().statusCode(200).extract().asString());
        assertEquals(200, eventSourceStatus("Bearer " + token));

        jmap.store.revokeCredential(jmap.alice.id(), Credential.Kind.TOKEN, "web");
        refusedWithBothChallenges(bearer(token).get("/jmap/session"));
        refusedWithBothChallenges(bearer(token).contentType("application/json").body(ECHO).post("/jmap/api"));
        assertEquals(401, eventSourceStatus("Bearer " + token));
    }

    @Test
    void unknownTokensAreRefusedAndThenThrottledByClientAddress() {
        for (int i = 0; i < 10; i++) {
            refusedWithBothChallenges(bearer("mkt_guess" + i).get("/jmap/session"));
        }
        long retryAfter = Long.parseLong(bearer("mkt_guess-again").get("/jmap/session").then().statusCode(429)
                .extract().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 300, "within the 5 minute window: " + retryAfter);
        jmap.bob().get("/jmap/session").then().statusCode(429);
    }

    @Test
    void refusalsChallengeForBasicAndBearer() {
        refusedWithBothChallenges(jmap.anonymous().get("/jmap/session"));
        refusedWithBothChallenges(jmap.as(TestJmap.ALICE, "wrong").get("/jmap/session"));
        refusedWithBothChallenges(jmap.anonymous().header("Authorization", "Bearer").get("/jmap/session"));
        refusedWithBothChallenges(jmap.anonymous().header("Authorization", "Negotiate abc").get("/jmap/session"));
    }

    /** Opens the EventSource stream, reads the status, and hangs up. */
    private int eventSourceStatus(String authorization) throws Exception {
        try (HttpClient client = jmap.httpClient()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                            URI.create(jmap.baseUrl() + "/jmap/eventsource?types=*&closeafter=no&ping=0"))
                    .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        }
    }

    private static void refusedWithBothChallenges(Response response) {
        response.then().statusCode(401);
        assertEquals(List.of("Basic realm=\"Mailkeep\"", "Bearer realm=\"Mailkeep\""),
                response.headers().getValues("WWW-Authenticate"));
    }
}
