// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a JSON response with an expected document written by hand. The comparison is exact
 * (same keys, same array lengths, same values) except for a few markers the fixtures use where the
 * server chooses the value:
 * <ul>
 *   <li>{@code "$string"}: any non-empty string (ids, states, server-written descriptions);</li>
 *   <li>{@code "$number"}: any number;</li>
 *   <li>{@code "$any"}: any value, but the key must be present;</li>
 *   <li>{@code "$name"} where {@code name} was bound earlier: that value, e.g. an id the test knows;</li>
 *   <li>{@code "^text"}: a string starting with {@code text};</li>
 *   <li>{@code "=name"}: any non-empty string, bound to {@code name} for later comparisons (the
 *       same id appearing twice must be the same id).</li>
 * </ul>
 * Object keys may be markers too: a key {@code "=name"} matches exactly one key of the actual
 * object not otherwise named, and binds it.
 */
public final class JsonExpect {
    private final Map<String, JsonNode> bound;
    private final List<String> problems = new ArrayList<>();

    private JsonExpect(Map<String, JsonNode> bound) {
        this.bound = bound;
    }

    /** Asserts that {@code actual} matches {@code expected}; names bound along the way are added to {@code bound}. */
    public static void assertMatches(JsonNode expected, JsonNode actual, Map<String, JsonNode> bound) {
        JsonExpect check = new JsonExpect(bound);
        check.match(expected, actual, "");
        if (!check.problems.isEmpty()) {
            fail(String.join("\n", check.problems) + "\nexpected: " + expected.toPrettyString()
                    + "\nactual: " + actual.toPrettyString());
        }
    }

    private void match(JsonNode expected, JsonNode actual, String path) {
        if (expected.isTextual() && matchMarker(expected.asText(), actual, path)) {
            return;
        }
        if (expected.isObject()) {
            matchObject(expected, actual, path);
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                problems.add(path + ": expected an array of " + expected.size() + " but got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(expected.get(i), actual.get(i), path + "/" + i);
            }
        } else if (expected.isNumber()) {
            if (!actual.isNumber() || expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                problems.add(path + ": expected " + expected + " but got " + actual);
            }
        } else if (!expected.equals(actual)) {
            problems.add(path + ": expected " + expected + " but got " + actual);
        }
    }

    /** Returns true when {@code marker} was a marker and has been handled. */
    private boolean matchMarker(String marker, JsonNode actual, String path) {
        switch (marker) {
            case "$string" -> {
                if (!actual.isTextual() || actual.asText().isEmpty()) {
                    problems.add(path + ": expected a non-empty string but got " + actual);
                }
                return true;
            }
            case "$number" -> {
                if (!actual.isNumber()) {
                    problems.add(path + ": expected a number but got " + actual);
                }
                return true;
            }
            case "$any" -> {
                return true;
            }
            default -> {
                if (marker.length() > 1 && marker.startsWith("^")) {
                    if (!actual.isTextual() || !actual.asText().startsWith(marker.substring(1))) {
                        problems.add(path + ": expected a string starting with " + marker.substring(1) + " but got " + actual);
                    }
                    return true;
                }
                if (marker.length() > 1 && marker.startsWith("=")) {
                    bind(marker.substring(1), actual, path);
                    return true;
                }
                if (marker.length() > 1 && marker.startsWith("$")) {
                    JsonNode known = bound.get(marker.substring(1));
                    if (known == null) {
                        throw new IllegalArgumentException("fixture uses " + marker + " before binding it, at " + path);
                    }
                    if (!known.equals(actual)) {
                        problems.add(path + ": expected " + marker + " = " + known + " but got " + actual);
                    }
                    return true;
                }
                return false;
            }
        }
    }

    private void bind(String name, JsonNode actual, String path) {
        if (!actual.isTextual() || actual.asText().isEmpty()) {
            problems.add(path + ": expected a non-empty string to bind to " + name + " but got " + actual);
            return;
        }
        JsonNode earlier = bound.putIfAbsent(name, actual);
        if (earlier != null && !earlier.equals(actual)) {
            problems.add(path + ": " + name + " was " + earlier + " earlier but is " + actual + " here");
        }
    }

    private void matchObject(JsonNode expected, JsonNode actual, String path) {
        if (!actual.isObject()) {
            problems.add(path + ": expected an object but got " + actual);
            return;
        }
        TreeSet<String> unnamed = new TreeSet<>();
        actual.fieldNames().forEachRemaining(unnamed::add);
        List<String> keyMarkers = new ArrayList<>();
        for (Iterator<String> keys = expected.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            String resolved = resolveKey(key);
            if (resolved == null) {
                keyMarkers.add(key);
                continue;
            }
            if (!actual.has(resolved)) {
                problems.add(path + ": missing key \"" + resolved + "\"");
                continue;
            }
            unnamed.remove(resolved);
            match(expected.get(key), actual.get(resolved), path + "/" + resolved);
        }
        for (String marker : keyMarkers) {
            if (unnamed.isEmpty()) {
                problems.add(path + ": expected one more key for " + marker);
                continue;
            }
            String key = unnamed.pollFirst();
            bind(marker.substring(1), TextNode.valueOf(key), path + "/" + key);
            match(expected.get(marker), actual.get(key), path + "/" + key);
        }
        if (!unnamed.isEmpty()) {
            problems.add(path + ": unexpected keys " + unnamed);
        }
    }

    /** The actual key an expected key names, or null for a binding marker ({@code "=name"}). */
    private String resolveKey(String key) {
        if (key.length() > 1 && key.startsWith("=")) {
            return null;
        }
        if (key.length() > 1 && key.startsWith("$") && bound.containsKey(key.substring(1))) {
            return bound.get(key.substring(1)).asText();
        }
        return key;
    }
}
