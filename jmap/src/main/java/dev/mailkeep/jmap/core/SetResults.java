// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The six outcome maps of a {@code /set} response (RFC 8620 section 5.3). Each is written as
 * null when empty (or when the method never produces it: pass null), as the RFC says.
 */
public final class SetResults {
    private SetResults() {}

    /** Puts created, updated, destroyed, notCreated, notUpdated and notDestroyed into {@code response}. */
    public static ObjectNode put(ObjectNode response, JsonNode created, JsonNode updated, JsonNode destroyed,
                                 JsonNode notCreated, JsonNode notUpdated, JsonNode notDestroyed) {
        response.set("created", orNull(created));
        response.set("updated", orNull(updated));
        response.set("destroyed", orNull(destroyed));
        response.set("notCreated", orNull(notCreated));
        response.set("notUpdated", orNull(notUpdated));
        response.set("notDestroyed", orNull(notDestroyed));
        return response;
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null || node.isEmpty() ? JsonNodeFactory.instance.nullNode() : node;
    }
}
