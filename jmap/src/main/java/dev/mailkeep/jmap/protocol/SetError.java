// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

import java.util.List;
import java.util.Objects;

/**
 * A per-object error inside a {@code /set} response (RFC 8620 section 5.3): the other objects of
 * the call are still processed.
 *
 * @param properties for {@code invalidProperties}: the properties that were invalid; else empty
 */
public record SetError(String type, String description, List<String> properties) {
    public SetError {
        Objects.requireNonNull(type, "type");
        properties = List.copyOf(properties);
    }

    public static SetError notFound() {
        return new SetError("notFound", null, List.of());
    }

    public static SetError invalidProperties(String description, List<String> properties) {
        return new SetError("invalidProperties", description, properties);
    }
}
