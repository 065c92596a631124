// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failed-login limits per user and per client, on a clock the test moves. */
class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final LoginThrottle throttle = new LoginThrottle(LoginLimits.DEFAULTS, now::get);

    private void fail(String client, String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(client, user);
        }
    }

    @Test
    void aUserIsHeldAfterTenFailuresUntilTheWindowEnds() {
        fail("10.0.0.1", "alice@localhost", 9);
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1", "alice@localhost"));
        throttle.failed("10.0.0.2", "ALICE@localhost");
        assertEquals(300, throttle.retryAfterSeconds("10.0.0.3", "alice@localhost"), "counted per user, from any client");
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1", "bob@localhost"));

        now.addAndGet(TimeUnit.SECONDS.toNanos(299) + 1);
        assertEquals(1, throttle.retryAfterSeconds("10.0.0.1", "alice@localhost"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1", "alice@localhost"));
    }

    @Test
    void aClientIsHeldAfterThirtyFailuresAcrossUsers() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("10.0.0.9", "user" + i + "@localhost");
        }
        assertEquals(300, throttle.retryAfterSeconds("10.0.0.9", "someone-new@localhost"));
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.8", "someone-new@localhost"));
    }

    @Test
    void configuredLimitsAndWindowApply() {
        LoginThrottle strict = new LoginThrottle(new LoginLimits(3, 5, Duration.ofSeconds(60)), now::get);
        strict.failed("10.0.0.1", "alice@localhost");
        strict.failed("10.0.0.1", "alice@localhost");
        assertEquals(0, strict.retryAfterSeconds("10.0.0.1", "alice@localhost"));
        strict.failed("10.0.0.1", "alice@localhost");
        assertEquals(60, strict.retryAfterSeconds("10.0.0.2", "alice@localhost"));
        assertEquals(0, strict.retryAfterSeconds("10.0.0.1"), "three failures are under the client limit of five");
        strict.failed("10.0.0.1");
        strict.failed("10.0.0.1");
        assertEquals(60, strict.retryAfterSeconds("10.0.0.1"), "failures naming no user count for the client");
        assertEquals(60, strict.retryAfterSeconds("10.0.0.1", "bob@localhost"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertEquals(0, strict.retryAfterSeconds("10.0.0.1", "alice@localhost"));
    }

    @Test
    void anIpv6ClientIsOneClientWithOrWithoutBrackets() {
        LoginThrottle strict = new LoginThrottle(new LoginLimits(100, 2, Duration.ofSeconds(60)), now::get);
        strict.failed("[2001:db8::1]", "alice@localhost");
        strict.failed("2001:db8::1", "bob@localhost");
        assertEquals(60, strict.retryAfterSeconds("2001:db8::1"), "as HTTP and SMTP write the address differently");
        assertEquals(60, strict.retryAfterSeconds("[2001:db8::1]"));
    }
}
