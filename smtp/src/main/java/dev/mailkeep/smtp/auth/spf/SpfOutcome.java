// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.util.Objects;

/**
 * What check_host() returned for one domain.
 *
 * @param result the RFC 7208 section 2.6 result
 * @param explanation for {@link SpfResult#FAIL}, the explanation of RFC 7208 section 6.2 (the
 *     domain's {@code exp=} text or a default); {@code null} for every other result
 * @param reason a short human-readable account of why, e.g. {@code "matched ip4:192.0.2.0/24"}
 */
public record SpfOutcome(SpfResult result, String explanation, String reason) {
    public SpfOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
        if ((result == SpfResult.FAIL) != (explanation != null)) {
            throw new IllegalArgumentException("an explanation belongs to a fail result, and only to it");
        }
    }

    static SpfOutcome of(SpfResult result, String reason) {
        return new SpfOutcome(result, null, reason);
    }
}
