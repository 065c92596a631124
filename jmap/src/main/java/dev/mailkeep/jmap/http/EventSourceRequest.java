// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import dev.mailkeep.jmap.push.PushType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The query of an EventSource request (RFC 8620 section 7.3): {@code types} (comma-separated type
 * names or {@code *}; absent means {@code *}), {@code closeafter} ({@code state} or {@code no};
 * absent means no) and {@code ping} (seconds, 0 for none; absent means 0). A ping interval is
 * raised to {@link #MIN_PING} or lowered to {@link #MAX_PING}, within the RFC's bounds (a minimum
 * below 30 s, a maximum above 300 s).
 *
 * @param ping zero when the client wants no pings
 */
record EventSourceRequest(Set<PushType> types, boolean closeAfterState, Duration ping) {
    static final Duration MIN_PING = Duration.ofSeconds(1);
    static final Duration MAX_PING = Duration.ofMinutes(15);

    EventSourceRequest {
        types = Set.copyOf(types);
    }

    /** Parses the query parameters; a malformed one is an {@link IllegalArgumentException} saying why. */
    static EventSourceRequest parse(List<String> types, List<String> closeAfter, List<String> ping) {
        return new EventSourceRequest(types(single("types", types, "*")),
                closeAfter(single("closeafter", closeAfter, "no")), ping(single("ping", ping, "0")));
    }

    private static String single(String name, List<String> values, String absent) {
        if (values == null || values.isEmpty()) {
            return absent;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("'" + name + "' may be given once");
        }
        return values.getFirst();
    }

    private static Set<PushType> types(String text) {
        if (text.equals("*")) {
            return EnumSet.allOf(PushType.class);
        }
        Set<PushType> types = EnumSet.noneOf(PushType.class);
        for (String name : text.split(",", -1)) {
            types.add(PushType.byName(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "'types' must be * or a comma-separated list of type names; unknown type: '" + name + "'")));
        }
        return types;
    }

    private static boolean closeAfter(String text) {
        return switch (text) {
            case "state" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("'closeafter' must be 'state' or 'no', not '" + text + "'");
        };
    }

    private static Duration ping(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("'ping' must be a number of seconds (0 for no pings), not '" + text + "'");
        }
        long seconds = Long.parseLong(text);
        if (seconds == 0) {
            return Duration.ZERO;
        }
        Duration asked = Duration.ofSeconds(seconds);
        return asked.compareTo(MIN_PING) < 0 ? MIN_PING : asked.compareTo(MAX_PING) > 0 ? MAX_PING : asked;
    }
}
