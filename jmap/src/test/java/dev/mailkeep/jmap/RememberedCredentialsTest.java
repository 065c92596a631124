// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.store.MailStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Credentials that passed once are not re-hashed for every request; failures always are. */
class RememberedCredentialsTest {
    private final AtomicInteger passwordChecks = new AtomicInteger();
    private TestJmap jmap;

    @AfterEach
    void stop() throws Exception {
        jmap.close();
    }

    private MailStore counting(MailStore real) {
        return (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("login")) {
                        passwordChecks.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void repeatedGoodCredentialsAreCheckedOnceAndBadOnesEveryTime() throws Exception {
        jmap = TestJmap.start(JmapLimits.defaults(), this::counting);
        for (int i = 0; i < 3; i++) {
            jmap.alice().get("/jmap/session").then().statusCode(200);
        }
        assertEquals(1, passwordChecks.get());

        for (int i = 0; i < 2; i++) {
            jmap.as(TestJmap.ALICE, "wrong").get("/jmap/session").then().statusCode(401);
        }
        assertEquals(3, passwordChecks.get());

        jmap.bob().get("/jmap/session").then().statusCode(200);
        jmap.bob().get("/jmap/session").then().statusCode(200);
        assertEquals(4, passwordChecks.get());
    }
}
