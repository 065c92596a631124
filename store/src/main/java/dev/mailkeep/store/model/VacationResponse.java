// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.time.Instant;

/**
 * The account's vacation response (RFC 8621 section 8), a singleton with JMAP id
 * {@code singleton}. Dates and texts may be null.
 */
public record VacationResponse(boolean isEnabled, Instant fromDate, Instant toDate, String subject, String textBody,
        String htmlBody) {
    public static final String ID = "singleton";

    public static VacationResponse disabled() {
        return new VacationResponse(false, null, null, null, null, null);
    }

    /** True when it is enabled and {@code at} lies in [fromDate, toDate) (RFC 8621 section 8). */
    public boolean isActiveAt(Instant at) {
        return isEnabled && (fromDate == null || !at.isBefore(fromDate)) && (toDate == null || at.isBefore(toDate));
    }
}
