// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed access to a method's arguments. Every accessor names the argument in the
 * {@code invalidArguments} error it throws (RFC 8620 section 3.6.2), and {@link #done()} rejects
 * arguments the method did not read, so a misspelt argument is never silently ignored.
 */
public final class Args {
    private final ObjectNode node;
    private final Set<String> read = new HashSet<>();

    public Args(ObjectNode node) {
        this.node = node;
    }

    /** All arguments as given, for methods that take any (Core/echo). */
    public ObjectNode raw() {
        return node;
    }

    /** The raw value, or null when absent or JSON null. */
    public JsonNode get(String name) {
        read.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public String requiredString(String name) {
        JsonNode value = get(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        if (!value.isTextual()) {
            throw invalid(name, "must be a string");
        }
        return value.textValue();
    }

    public boolean bool(String name, boolean defaultValue) {
        JsonNode value = get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw invalid(name, "must be true or false");
        }
        return value.booleanValue();
    }

    /** An Int (RFC 8620 section 1.3: -2^53+1 to 2^53-1) or the default when absent. */
    public long integer(String name, long defaultValue) {
        JsonNode value = get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || Math.abs(value.longValue()) > 9_007_199_254_740_991L) {
            throw invalid(name, "must be an integer");
        }
        return value.longValue();
    }

    public long unsignedInteger(String name, long defaultValue) {
        long value = integer(name, defaultValue);
        if (value < 0) {
            throw invalid(name, "must not be negative");
        }
        return value;
    }

    /** A list of strings, or null when absent or JSON null. */
    public List<String> stringList(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(name, "must be an array of strings");
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw invalid(name, "must be an array of strings");
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** Throws invalidArguments naming every argument that was given but not read. */
    public void done() {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new MethodException(MethodError.invalidArguments("unknown arguments: " + String.join(", ", unknown)));
        }
    }

    public static MethodException invalid(String name, String problem) {
        return new MethodException(MethodError.invalidArguments("argument '" + name + "' " + problem));
    }
}
