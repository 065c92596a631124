// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Dispatcher;
import dev.mailkeep.jmap.protocol.Problem;
import dev.mailkeep.jmap.protocol.RequestRejected;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.model.Account;
import java.nio.charset.StandardCharsets;

/**
 * JMAP over WebSocket (RFC 8887 section 4): each text message is a Request object with
 * {@code "@type": "Request"} and an optional {@code id}; the answer is a Response with
 * {@code "@type": "Response"} and {@code requestId}, or a RequestError (problem details with
 * {@code "@type": "RequestError"}). Push over the socket (WebSocketPushEnable) is not offered.
 */
final class WebSocketApi {
    private final Dispatcher dispatcher;
    private final ObjectMapper mapper;

    WebSocketApi(Dispatcher dispatcher, ObjectMapper mapper) {
        this.dispatcher = dispatcher;
        this.mapper = mapper;
    }

    /** The answer to one message from {@code user}, as JSON text. */
    String answer(String message, Account user) {
        JsonNode root;
        try {
            root = mapper.readTree(message);
        } catch (JacksonException e) {
            return error(Problem.notJson("the message is not valid JSON"), null);
        }
        String requestId = root != null && root.path("id").isTextual() ? root.get("id").textValue() : null;
        if (root == null || !root.isObject() || !"Request".equals(root.path("@type").asText(null))) {
            return error(Problem.notRequest("a message must be a Request object with \"@type\": \"Request\""), requestId);
        }
        ObjectNode request = ((ObjectNode) root).deepCopy();
        request.remove("@type");
        request.remove("id");
        try {
            ObjectNode response = dispatcher.handle(mapper.writeValueAsBytes(request), user);
            ObjectNode typed = mapper.createObjectNode().put("@type", "Response");
            if (requestId != null) {
                typed.put("requestId", requestId);
            }
            typed.setAll(response);
            return mapper.writeValueAsString(typed);
        } catch (RequestRejected e) {
            return error(e.problem(), requestId);
        } catch (JacksonException e) {
            throw new IllegalStateException("JSON the server built could not be written", e);
        }
    }

    String error(Problem problem, String requestId) {
        ObjectNode error = mapper.createObjectNode().put("@type", "RequestError");
        if (requestId != null) {
            error.put("requestId", requestId);
        }
        error.setAll(Wire.write(problem));
        return error.toString();
    }

    static int octets(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length;
    }
}
