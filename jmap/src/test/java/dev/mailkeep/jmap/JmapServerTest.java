// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starting and binding: ephemeral ports, a taken port, plain HTTP for tests. */
class JmapServerTest {
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
    void anEphemeralPortIsReportedAsBound() {
        InetSocketAddress bound = jmap.server.boundAddress();
        assertNotEquals(0, bound.getPort());
        assertTrue(bound.getAddress().isLoopbackAddress());
    }

    @Test
    void aTakenPortFailsWithAMessageNamingTheAddress() {
        InetSocketAddress taken = jmap.server.boundAddress();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JmapServer.start(
                new JmapSettings(taken, null, JmapLimits.defaults()), jmap.store));
        assertTrue(e.getMessage().contains(String.valueOf(taken.getPort())), e.getMessage());
    }

    @Test
    void plainHttpServesTheSameApiWithHttpUrls() {
        try (JmapServer plain = JmapServer.start(
                new JmapSettings(new InetSocketAddress("127.0.0.1", 0), null, JmapLimits.defaults()), jmap.store)) {
            String base = "http://127.0.0.1:" + plain.boundAddress().getPort();
            given().baseUri(base).auth().preemptive().basic(TestJmap.BOB, TestJmap.BOB_PASSWORD)
                    .get("/jmap/session").then()
                    .statusCode(200)
                    .body("apiUrl", equalTo(base + "/jmap/api"));
        }
    }

    @Test
    void invalidLimitsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JmapLimits(1, 1, 1, 0, 1, 1, 1));
        assertTrue(e.getMessage().contains("maxConcurrentRequests"), e.getMessage());
    }
}
