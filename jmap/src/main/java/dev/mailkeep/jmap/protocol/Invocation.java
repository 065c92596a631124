// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One method call or method response (RFC 8620 section 3.2): on the wire a three-element array
 * {@code [name, arguments, methodCallId]}.
 */
public record Invocation(String name, ObjectNode arguments, String methodCallId) {
    public Invocation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(methodCallId, "methodCallId");
    }
}
