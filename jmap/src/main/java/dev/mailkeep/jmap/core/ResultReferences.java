// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.protocol.Invocation;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.jmap.protocol.ResultReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code #}-prefixed arguments (RFC 8620 section 3.7) against the responses already
 * produced in the same request, using JSON Pointer (RFC 6901) extended with the {@code *} token
 * that maps the rest of the pointer over an array and flattens arrays of arrays.
 */
final class ResultReferences {
    private ResultReferences() {}

    /** A copy of {@code arguments} with every {@code #name} replaced by {@code name} and its resolved value. */
    static ObjectNode resolve(ObjectNode arguments, List<Invocation> responses) {
        ObjectNode resolved = null;
        for (Map.Entry<String, JsonNode> entry : arguments.properties()) {
            String key = entry.getKey();
            if (!key.startsWith("#")) {
                continue;
            }
            String name = key.substring(1);
            if (arguments.has(name)) {
                throw new MethodException(MethodError.invalidArguments(
                        "argument '" + name + "' is given both directly and as a result reference"));
            }
            if (resolved == null) {
                resolved = arguments.deepCopy();
            }
            resolved.remove(key);
            resolved.set(name, value(parse(key, entry.getValue()), responses));
        }
        return resolved == null ? arguments : resolved;
    }

    private static ResultReference parse(String key, JsonNode node) {
        if (!node.isObject() || !text(node, "resultOf") || !text(node, "name") || !text(node, "path")) {
            throw new MethodException(MethodError.invalidResultReference(
                    "'" + key + "' must be a ResultReference {resultOf, name, path}"));
        }
        return new ResultReference(node.get("resultOf").textValue(), node.get("name").textValue(),
                node.get("path").textValue());
    }

    private static boolean text(JsonNode node, String field) {
        return node.hasNonNull(field) && node.get(field).isTextual();
    }

    static JsonNode value(ResultReference reference, List<Invocation> responses) {
        Invocation response = responses.stream()
                .filter(r -> r.methodCallId().equals(reference.resultOf()))
                .findFirst()
                .orElseThrow(() -> new MethodException(MethodError.invalidResultReference(
                        "no earlier response has method call id '" + reference.resultOf() + "'")));
        if (!response.name().equals(reference.name())) {
            throw new MethodException(MethodError.invalidResultReference("the response to '" + reference.resultOf()
                    + "' is " + response.name() + ", not " + reference.name()));
        }
        JsonNode value = evaluate(response.arguments(), tokens(reference.path()), 0);
        if (value == null) {
            throw new MethodException(MethodError.invalidResultReference(
                    "path '" + reference.path() + "' does not resolve in the response to '" + reference.resultOf() + "'"));
        }
        return value;
    }

    private static List<String> tokens(String path) {
        List<String> tokens = new ArrayList<>();
        if (path.isEmpty()) {
            return tokens;
        }
        if (!path.startsWith("/")) {
            throw new MethodException(MethodError.invalidResultReference(
                    "path '" + path + "' is not a JSON Pointer (it must be empty or start with '/')"));
        }
        for (String raw : path.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /** The value at {@code tokens[from..]} within {@code node}, or null when the pointer does not resolve. */
    private static JsonNode evaluate(JsonNode node, List<String> tokens, int from) {
        if (from == tokens.size()) {
            return node;
        }
        String token = tokens.get(from);
        if (node.isObject()) {
            JsonNode child = node.get(token);
            return child == null ? null : evaluate(child, tokens, from + 1);
        }
        if (!node.isArray()) {
            return null;
        }
        if (token.equals("*")) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                JsonNode mapped = evaluate(item, tokens, from + 1);
                if (mapped == null) {
                    return null;
                }
                if (mapped.isArray()) {
                    result.addAll((ArrayNode) mapped);
                } else {
                    result.add(mapped);
                }
            }
            return result;
        }
        if (!token.matches("0|[1-9][0-9]{0,8}")) {
            return null;
        }
        JsonNode child = node.get(Integer.parseInt(token));
        return child == null ? null : evaluate(child, tokens, from + 1);
    }
}
