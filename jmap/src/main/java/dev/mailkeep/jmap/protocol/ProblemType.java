// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

/** The request-level error types of RFC 8620 section 3.6.1. */
public enum ProblemType {
    UNKNOWN_CAPABILITY("unknownCapability"),
    NOT_JSON("notJSON"),
    NOT_REQUEST("notRequest"),
    LIMIT("limit");

    private final String name;

    ProblemType(String name) {
        this.name = name;
    }

    /** The type URI, e.g. {@code urn:ietf:params:jmap:error:notJSON}. */
    public String uri() {
        return "urn:ietf:params:jmap:error:" + name;
    }
}
