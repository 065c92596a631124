// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Repeated wrong passwords stop being checked: 429 with Retry-After, even for the right password. */
class LoginThrottlingTest {
    private static TestJmap jmap;

    @BeforeAll
    static void start() throws Exception {
        jmap = TestJmap.start(JmapLimits.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        jmap.close();
    }

    @Test
    void tenWrongPasswordsLockTheUserNameButNotAnAlreadyVerifiedSession() {
        jmap.alice().get("/jmap/session").then().statusCode(200);
        for (int i = 0; i < 10; i++) {
            jmap.as(TestJmap.ALICE, "guess" + i).get("/jmap/session").then().statusCode(401);
        }
        String retryAfter = jmap.as(TestJmap.ALICE, "guess-again").get("/jmap/session").then()
                .statusCode(429)
                .extract().header("Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 300, "Retry-After within the 5 minute window: " + seconds);
        jmap.alice().header("X-Unused", "1").get("/jmap/session").then().statusCode(200);
        jmap.as(TestJmap.ALICE, TestJmap.ALICE_PASSWORD + " ").get("/jmap/session").then().statusCode(429);
        jmap.alice().get("/jmap/session").then().statusCode(200);
        jmap.bob().get("/jmap/session").then().statusCode(200);
    }
}
