// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The delayed send of an EmailSubmission: the RFC 4865 FUTURERELEASE parameters {@code HOLDFOR}
 * (seconds) and {@code HOLDUNTIL} (an RFC 3339 date-time) of the envelope's {@code mailFrom},
 * as RFC 8621 section 7 carries them, turned into the submission's sendAt.
 */
public final class FutureRelease {
    /** The longest delay accepted (RFC 4865 section 3 max-future-release-interval; maxDelayedSend). */
    public static final Duration MAX_DELAY = Duration.ofDays(30);

    /** A parameter that is malformed, or a release too far ahead. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private FutureRelease() {}

    /** The release time the parameters ask for; null when they ask for none (send now). */
    static Instant sendAt(JsonNode parameters, Instant now) throws Invalid {
        if (parameters == null || parameters.isNull()) {
            return null;
        }
        if (!parameters.isObject()) {
            throw new Invalid("mailFrom parameters must be an object of String|null");
        }
        Instant at = null;
        for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
            String value = parameter.getValue().isTextual() ? parameter.getValue().textValue() : null;
            switch (parameter.getKey().toUpperCase(Locale.ROOT)) {
                case "HOLDFOR" -> {
                    if (at != null || value == null || !value.matches("\\d{1,9}")) {
                        throw new Invalid("HOLDFOR must be a number of seconds, and not given with HOLDUNTIL");
                    }
                    at = now.plusSeconds(Long.parseLong(value));
                }
                case "HOLDUNTIL" -> {
                    if (at != null || value == null) {
                        throw new Invalid("HOLDUNTIL must be an RFC 3339 date-time, and not given with HOLDFOR");
                    }
                    try {
                        at = OffsetDateTime.parse(value).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new Invalid("HOLDUNTIL must be an RFC 3339 date-time: " + value);
                    }
                }
                default -> throw new Invalid("unsupported mailFrom parameter " + parameter.getKey()
                        + " (only HOLDFOR and HOLDUNTIL are)");
            }
        }
        if (at != null && at.isAfter(now.plus(MAX_DELAY))) {
            throw new Invalid("the release is more than " + MAX_DELAY.toSeconds() + " seconds ahead (maxDelayedSend)");
        }
        return at == null || !at.isAfter(now) ? null : at;
    }
}
