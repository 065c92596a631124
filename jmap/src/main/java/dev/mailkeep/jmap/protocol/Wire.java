// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of RFC 8620 section 3: reads a Request, writes a Response, an error response
 * and a problem details object (RFC 7807).
 */
public final class Wire {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectReader reader;

    public Wire(ObjectMapper mapper) {
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Parses a request body: {@code notJSON} when it is not JSON (UTF-8), {@code notRequest} when
     * it is JSON but not a Request object.
     */
    public Request readRequest(byte[] body) throws RequestRejected {
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (JacksonException e) {
            throw new RequestRejected(Problem.notJson("the request body is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new RequestRejected(Problem.notJson("the request body could not be read as JSON"));
        }
        if (root == null || root.isMissingNode()) {
            throw new RequestRejected(Problem.notJson("the request body is empty"));
        }
        if (!root.isObject()) {
            throw new RequestRejected(Problem.notRequest("the request must be a JSON object"));
        }
        return new Request(using(root.get("using")), methodCalls(root.get("methodCalls")),
                createdIds(root.get("createdIds")));
    }

    private static List<String> using(JsonNode node) throws RequestRejected {
        if (node == null || !node.isArray()) {
            throw new RequestRejected(Problem.notRequest("'using' must be an array of capability URIs"));
        }
        List<String> using = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new RequestRejected(Problem.notRequest("'using' must contain only strings"));
            }
            using.add(item.textValue());
        }
        return using;
    }

    private static List<Invocation> methodCalls(JsonNode node) throws RequestRejected {
        if (node == null || !node.isArray()) {
            throw new RequestRejected(Problem.notRequest("'methodCalls' must be an array of Invocations"));
        }
        List<Invocation> calls = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isArray() || item.size() != 3 || !item.get(0).isTextual() || !item.get(1).isObject()
                    || !item.get(2).isTextual()) {
                throw new RequestRejected(Problem.notRequest(
                        "each method call must be [name (String), arguments (Object), methodCallId (String)]"));
            }
            calls.add(new Invocation(item.get(0).textValue(), (ObjectNode) item.get(1), item.get(2).textValue()));
        }
        return calls;
    }

    private static Map<String, String> createdIds(JsonNode node) throws RequestRejected {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new RequestRejected(Problem.notRequest("'createdIds' must be an object of creation id to id"));
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new RequestRejected(Problem.notRequest("'createdIds' values must be strings"));
            }
            ids.put(entry.getKey(), entry.getValue().textValue());
        }
        return ids;
    }

    public ObjectNode write(Response response) {
        ObjectNode root = JSON.objectNode();
        ArrayNode responses = root.putArray("methodResponses");
        for (Invocation invocation : response.methodResponses()) {
            responses.addArray().add(invocation.name()).add(invocation.arguments()).add(invocation.methodCallId());
        }
        if (response.createdIds() != null) {
            ObjectNode created = root.putObject("createdIds");
            response.createdIds().forEach(created::put);
        }
        root.put("sessionState", response.sessionState());
        return root;
    }

    /** The arguments of an {@code error} response (RFC 8620 section 3.6.2). */
    public static ObjectNode write(MethodError error) {
        ObjectNode node = JSON.objectNode().put("type", error.type());
        if (error.description() != null) {
            node.put("description", error.description());
        }
        return node;
    }

    /** A problem details object (RFC 7807) for a request-level error. */
    public static ObjectNode write(Problem problem) {
        ObjectNode node = JSON.objectNode()
                .put("type", problem.type().uri())
                .put("status", problem.status())
                .put("detail", problem.detail());
        if (problem.limit() != null) {
            node.put("limit", problem.limit());
        }
        return node;
    }

    /** The arguments of a per-object error in a /set response (RFC 8620 section 5.3). */
    public static ObjectNode write(SetError error) {
        ObjectNode node = JSON.objectNode().put("type", error.type());
        if (error.description() != null) {
            node.put("description", error.description());
        }
        if (!error.properties().isEmpty()) {
            ArrayNode properties = node.putArray("properties");
            error.properties().forEach(properties::add);
        }
        return node;
    }
}
