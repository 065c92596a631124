// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

import java.util.Objects;

/**
 * A request-level error (RFC 8620 section 3.6.1), sent as an RFC 7807 problem details object
 * with HTTP status 400; the request's method calls are not processed.
 *
 * @param limit for {@link ProblemType#LIMIT}: the name of the limit that was exceeded; else null
 */
public record Problem(ProblemType type, String detail, String limit) {
    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        if ((type == ProblemType.LIMIT) != (limit != null)) {
            throw new IllegalArgumentException("limit is set exactly for the limit problem");
        }
    }

    public int status() {
        return 400;
    }

    public static Problem notJson(String detail) {
        return new Problem(ProblemType.NOT_JSON, detail, null);
    }

    public static Problem notRequest(String detail) {
        return new Problem(ProblemType.NOT_REQUEST, detail, null);
    }

    public static Problem unknownCapability(String capability) {
        return new Problem(ProblemType.UNKNOWN_CAPABILITY, "unknown capability: " + capability, null);
    }

    public static Problem limit(String limit, String detail) {
        return new Problem(ProblemType.LIMIT, detail, limit);
    }
}
