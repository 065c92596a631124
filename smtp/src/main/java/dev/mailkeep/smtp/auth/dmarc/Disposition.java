// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dmarc;

import java.util.Locale;

/** What the domain owner asks receivers to do with failing mail, RFC 7489 section 6.3 (p= and sp=). */
public enum Disposition {
    NONE, QUARANTINE, REJECT;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Disposition parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "quarantine" -> QUARANTINE;
            case "reject" -> REJECT;
            default -> null;
        };
    }

    /** RFC 7489 section 6.6.4: the next less strict policy, for messages pct= leaves out. */
    Disposition relaxed() {
        return this == REJECT ? QUARANTINE : NONE;
    }
}
