// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JMAP Response object (RFC 8620 section 3.4).
 *
 * @param createdIds null when the request carried no createdIds
 */
public record Response(List<Invocation> methodResponses, Map<String, String> createdIds, String sessionState) {
    public Response {
        methodResponses = List.copyOf(methodResponses);
        createdIds = createdIds == null ? null : Map.copyOf(createdIds);
        Objects.requireNonNull(sessionState, "sessionState");
    }
}
