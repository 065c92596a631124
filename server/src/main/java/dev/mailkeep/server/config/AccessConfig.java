// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Who may try to log in how often, and which browser origins may call JMAP: the {@code [auth]} and
 * {@code [cors]} tables.
 *
 * @param maxFailuresPerUser failed logins for one user name within {@code failureWindow} before its
 *     logins are refused with 429 until the window ends
 * @param maxFailuresPerIp the same for one client IP address, whatever the user names
 * @param corsOrigins browser origins allowed to call the JMAP endpoints ({@code *}: any); empty: none
 */
public record AccessConfig(int maxFailuresPerUser, int maxFailuresPerIp, Duration failureWindow, List<String> corsOrigins) {
    public static final AccessConfig DEFAULTS = new AccessConfig(10, 30, Duration.ofMinutes(5), List.of());

    public AccessConfig {
        corsOrigins = List.copyOf(corsOrigins);
    }
}
