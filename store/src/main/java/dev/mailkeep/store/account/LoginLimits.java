// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.account;

import java.time.Duration;
import java.util.Objects;

/**
 * How many failed logins a user name and a client address may have within a window before
 * further logins are refused until the window ends: over JMAP with 429 and Retry-After (RFC 6585
 * section 4), over SMTP AUTH with 454 4.7.0 (RFC 4954 section 6).
 */
public record LoginLimits(int maxFailuresPerUser, int maxFailuresPerClient, Duration window) {
    public static final LoginLimits DEFAULTS = new LoginLimits(10, 30, Duration.ofMinutes(5));

    public LoginLimits {
        Objects.requireNonNull(window, "window");
        if (maxFailuresPerUser < 1 || maxFailuresPerClient < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("login limits must be positive: " + maxFailuresPerUser + ", "
                    + maxFailuresPerClient + ", " + window);
        }
    }
}
