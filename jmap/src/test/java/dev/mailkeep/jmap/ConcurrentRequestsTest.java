// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.hamcrest.Matchers.equalTo;

import dev.mailkeep.store.MailStore;
import io.restassured.response.ValidatableResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * maxConcurrentRequests (RFC 8620 section 2) is enforced per user: a request held inside the
 * store (by a latch, not a sleep) makes the user's next request fail with the limit problem.
 */
class ConcurrentRequestsTest {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean holdNext = new AtomicBoolean(true);
    private TestJmap jmap;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        jmap.close();
    }

    /** Holds the first {@code mailboxes} call until {@link #release} opens. */
    private MailStore holding(MailStore real) {
        return (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("mailboxes") && holdNext.getAndSet(false)) {
                        entered.countDown();
                        release.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private ValidatableResponse mailboxGet(boolean asAlice) {
        String account = (asAlice ? jmap.alice : jmap.bob).id().value();
        return (asAlice ? jmap.alice() : jmap.bob()).body("{\"using\": [\"urn:ietf:params:jmap:core\", "
                + "\"urn:ietf:params:jmap:mail\"], \"methodCalls\": [[\"Mailbox/get\", {\"accountId\": \""
                + account + "\", \"properties\": [\"name\"]}, \"c1\"]]}").post("/jmap/api").then();
    }

    @Test
    void aSecondRequestWhileOneRunsHitsTheLimit() throws Exception {
        jmap = TestJmap.start(new JmapLimits(50_000_000, 4, 10_000_000, 1, 16, 500, 500), this::holding);
        CompletableFuture<ValidatableResponse> first = CompletableFuture.supplyAsync(() -> mailboxGet(true));
        entered.await(30, TimeUnit.SECONDS);

        mailboxGet(true).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ietf:params:jmap:error:limit"))
                .body("limit", equalTo("maxConcurrentRequests"));
        mailboxGet(false).statusCode(200);

        release.countDown();
        first.get(30, TimeUnit.SECONDS).statusCode(200).body("methodResponses[0][0]", equalTo("Mailbox/get"));
        mailboxGet(true).statusCode(200);
    }
}
