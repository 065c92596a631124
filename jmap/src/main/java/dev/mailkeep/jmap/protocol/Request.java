// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

import java.util.List;
import java.util.Map;

/**
 * A JMAP Request object (RFC 8620 section 3.3).
 *
 * @param createdIds the client's creation id map; null when the request carries none (then the
 *     response carries none either)
 */
public record Request(List<String> using, List<Invocation> methodCalls, Map<String, String> createdIds) {
    public Request {
        using = List.copyOf(using);
        methodCalls = List.copyOf(methodCalls);
        createdIds = createdIds == null ? null : Map.copyOf(createdIds);
    }
}
