// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One table of the configuration file, read key by key. Every read names the full key in its
 * error, and {@link #finish()} rejects keys nobody read, so a typo never goes unnoticed.
 */
final class TomlSection {
    private final String prefix;
    private final ObjectNode node;
    private final Set<String> seen = new LinkedHashSet<>();

    TomlSection(String prefix, ObjectNode node) {
        this.prefix = prefix;
        this.node = node;
    }

    String key(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    TomlSection section(String name) throws ConfigException {
        JsonNode value = take(name);
        if (value == null) {
            return new TomlSection(key(name), node.objectNode());
        }
        if (!value.isObject()) {
            throw new ConfigException(key(name) + ": expected a table [" + key(name) + "]");
        }
        return new TomlSection(key(name), (ObjectNode) value);
    }

    String string(String name, String fallback) throws ConfigException {
        JsonNode value = take(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new ConfigException(key(name) + ": expected a string, got " + value);
        }
        return value.textValue();
    }

    boolean bool(String name, boolean fallback) throws ConfigException {
        JsonNode value = take(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ConfigException(key(name) + ": expected true or false, got " + value);
        }
        return value.booleanValue();
    }

    long integer(String name, long min, long max, long fallback) throws ConfigException {
        JsonNode value = take(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ConfigException(key(name) + ": expected an integer, got " + value);
        }
        long n = value.longValue();
        if (n < min || n > max) {
            throw new ConfigException(key(name) + ": " + n + " is out of range " + min + ".." + max);
        }
        return n;
    }

    <T> List<T> list(String name, List<T> fallback, Parser<T> parser) throws ConfigException {
        JsonNode value = take(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isArray()) {
            throw new ConfigException(key(name) + ": expected a list of strings, got " + value);
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw new ConfigException(key(name) + "[" + i + "]: expected a string, got " + item);
            }
            try {
                out.add(parser.parse(item.textValue()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key(name) + "[" + i + "]: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    <T> T parsed(String name, T fallback, Function<String, T> parser) throws ConfigException {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key(name) + ": " + e.getMessage());
        }
    }

    /** Fails on the first key of this table that no read asked for. */
    void finish() throws ConfigException {
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!seen.contains(name)) {
                throw new ConfigException(key(name) + ": unknown configuration key");
            }
        }
    }

    private JsonNode take(String name) {
        seen.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }
}
