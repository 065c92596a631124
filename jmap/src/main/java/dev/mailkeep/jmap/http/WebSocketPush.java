// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailkeep.jmap.protocol.Problem;
import dev.mailkeep.jmap.push.PushHub;
import dev.mailkeep.jmap.push.PushType;
import dev.mailkeep.jmap.push.StateChange;
import dev.mailkeep.store.model.Account;
import io.javalin.websocket.WsContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Push over a JMAP WebSocket (RFC 8887 section 4.3.5): {@code WebSocketPushEnable} subscribes the
 * socket to StateChange objects (with {@code pushState}) for its {@code dataTypes} (null: all;
 * names this server does not know are ignored), first sending what changed since the client's
 * {@code pushState} if it gave one; a second enable replaces the first; {@code WebSocketPushDisable}
 * stops it. Neither has a response. Sends are asynchronous, so the store's notifier never waits.
 */
final class WebSocketPush {
    private final PushHub hub;
    private final ObjectMapper mapper;
    private final ConcurrentHashMap<String, PushHub.Subscription> enabled = new ConcurrentHashMap<>();

    WebSocketPush(PushHub hub, ObjectMapper mapper) {
        this.hub = hub;
        this.mapper = mapper;
    }

    static boolean isPushMessage(String type) {
        return "WebSocketPushEnable".equals(type) || "WebSocketPushDisable".equals(type);
    }

    /** Handles an enable or disable message; a problem when it is malformed. */
    Optional<Problem> handle(WsContext socket, Account user, JsonNode message) {
        if ("WebSocketPushDisable".equals(message.path("@type").asText())) {
            closed(socket.sessionId());
            return Optional.empty();
        }
        JsonNode dataTypes = message.path("dataTypes");
        JsonNode pushState = message.path("pushState");
        if (!pushState.isMissingNode() && !pushState.isNull() && !pushState.isTextual()) {
            return Optional.of(Problem.notRequest("'pushState' must be a string"));
        }
        Set<PushType> types = EnumSet.noneOf(PushType.class);
        if (dataTypes.isMissingNode() || dataTypes.isNull()) {
            types = EnumSet.allOf(PushType.class);
        } else if (dataTypes.isArray()) {
            for (JsonNode name : dataTypes) {
                if (!name.isTextual()) {
                    return Optional.of(Problem.notRequest("'dataTypes' must be null or an array of type names"));
                }
                PushType.byName(name.textValue()).ifPresent(types::add);
            }
        } else {
            return Optional.of(Problem.notRequest("'dataTypes' must be null or an array of type names"));
        }
        PushHub.Subscription subscription = hub.subscribe(user.id(), types, true, new PushHub.Sink() {
            @Override
            public void push(StateChange change) {
                send(socket, change);
            }

            @Override
            public void ended() {
                socket.closeSession(1001, "server shutting down");
            }
        });
        PushHub.Subscription previous = enabled.put(socket.sessionId(), subscription);
        if (previous != null) {
            previous.close();
        }
        if (pushState.isTextual()) {
            hub.since(user.id(), types, pushState.textValue()).ifPresent(change -> send(socket, change));
        }
        return Optional.empty();
    }

    /** The socket closed (or disabled push): no more changes for it. */
    void closed(String sessionId) {
        PushHub.Subscription subscription = enabled.remove(sessionId);
        if (subscription != null) {
            subscription.close();
        }
    }

    private void send(WsContext socket, StateChange change) {
        try {
            socket.send(mapper.writeValueAsString(change.toJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON the server built could not be written", e);
        }
    }
}
