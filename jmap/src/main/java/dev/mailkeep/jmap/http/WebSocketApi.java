// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.core.Dispatcher;
import dev.mailkeep.jmap.core.SessionResource;
import dev.mailkeep.jmap.protocol.Problem;
import dev.mailkeep.jmap.protocol.RequestRejected;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.jmap.push.PushHub;
import dev.mailkeep.store.model.Account;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsMessageContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JMAP over WebSocket (RFC 8887 section 4): each text message is a Request object with
 * {@code "@type": "Request"} and an optional {@code id}; the answer is a Response with
 * {@code "@type": "Response"} and {@code requestId}, or a RequestError (problem details with
 * {@code "@type": "RequestError"}), and push enable/disable (section 4.3.5, {@link WebSocketPush}).
 */
final class WebSocketApi {
    private final Dispatcher dispatcher;
    private final ObjectMapper mapper;
    private final HttpAuth auth;
    private final ConcurrencyLimit concurrency;
    private final JmapLimits limits;
    /** The account of each open socket, authenticated at its upgrade. */
    private final ConcurrentHashMap<String, Account> sockets = new ConcurrentHashMap<>();
    /** Every open socket, so that shutting down closes them instead of waiting for their idle timeout. */
    private final ConcurrentHashMap<String, io.javalin.websocket.WsContext> open = new ConcurrentHashMap<>();

    private final WebSocketPush push;
    static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(2);
    private volatile boolean closing;
    /** Upgrades accepted whose socket has not connected yet: a stop must wait for them too. */
    private final java.util.concurrent.atomic.AtomicInteger upgrading = new java.util.concurrent.atomic.AtomicInteger();

    WebSocketApi(Dispatcher dispatcher, ObjectMapper mapper, HttpAuth auth, ConcurrencyLimit concurrency,
                 JmapLimits limits, PushHub push) {
        this.push = new WebSocketPush(push, mapper);
        this.dispatcher = dispatcher;
        this.mapper = mapper;
        this.auth = auth;
        this.concurrency = concurrency;
        this.limits = limits;
    }

    /**
     * The socket at {@link SessionResource#WEBSOCKET_PATH}. The upgrade was authenticated by the
     * HTTP layer; each message counts against maxSizeRequest and maxConcurrentRequests.
     */
    /**
     * Closes every open socket with 1001 "going away" (RFC 6455 section 7.4.1): the server stops.
     * Waits up to {@link #CLOSE_WAIT} for the closing handshakes, so that the close frames are
     * written before the connections are torn down; a socket whose upgrade was accepted but that
     * has not connected yet is closed the same way as soon as it connects.
     */
    void closeAll() {
        closing = true;
        open.values().forEach(WebSocketApi::goingAway);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while ((!open.isEmpty() || upgrading.get() > 0) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        open.clear();
    }

    /** Called when an upgrade request passed authentication, before the socket connects. */
    void upgradeAccepted() {
        upgrading.incrementAndGet();
    }

    private static void goingAway(io.javalin.websocket.WsContext ctx) {
        try {
            ctx.closeSession(1001, "server shutting down");
        } catch (RuntimeException e) {
            // already closing
        }
    }

    void routes(RoutesConfig routes) {
        routes.ws(SessionResource.WEBSOCKET_PATH, ws -> {
            ws.onConnect(connect -> {
                upgrading.updateAndGet(n -> Math.max(0, n - 1));
                String client = connect.session.getRemoteSocketAddress() instanceof InetSocketAddress address
                        ? address.getAddress().getHostAddress() : "unknown";
                // The upgrade request already passed authentication; this finds its remembered credentials.
                if (auth.authenticate(connect.header("Authorization"), client)
                        instanceof HttpAuth.Outcome.Authenticated(Account account)) {
                    sockets.put(connect.sessionId(), account);
                    open.put(connect.sessionId(), connect);
                    if (closing) {
                        goingAway(connect);
                    }
                } else {
                    connect.closeSession(1008, "authentication required");
                }
            });
            ws.onClose(close -> {
                open.remove(close.sessionId());
                sockets.remove(close.sessionId());
                push.closed(close.sessionId());
            });
            ws.onMessage(message -> {
                Account user = sockets.get(message.sessionId());
                if (user == null) {
                    message.closeSession(1008, "authentication required");
                    return;
                }
                pushControl(message, user).ifPresentOrElse(answer -> answer.ifPresent(message::send),
                        () -> message.send(limited(message.message(), user)));
            });
        });
    }

    /**
     * A WebSocketPushEnable or WebSocketPushDisable message (RFC 8887 section 4.3.5) is handled by
     * {@link WebSocketPush}: present (holding a RequestError only when it was malformed) when the
     * message was one, empty for every other message.
     */
    private Optional<Optional<String>> pushControl(WsMessageContext message, Account user) {
        if (!message.message().contains("WebSocketPush") || message.message().length() > limits.maxSizeRequest()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = mapper.readTree(message.message());
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || !WebSocketPush.isPushMessage(root.path("@type").asText(null))) {
            return Optional.empty();
        }
        return Optional.of(push.handle(message, user, root).map(problem -> error(problem, null)));
    }

    private String limited(String message, Account user) {
        if (message.getBytes(StandardCharsets.UTF_8).length > limits.maxSizeRequest()) {
            return error(Problem.limit("maxSizeRequest", "the message exceeds " + limits.maxSizeRequest() + " octets"), null);
        }
        Optional<ConcurrencyLimit.Permit> permit = concurrency.tryAcquire(user.id().value());
        if (permit.isEmpty()) {
            return error(Problem.limit("maxConcurrentRequests", "at most " + limits.maxConcurrentRequests()
                    + " requests may be in progress at once"), null);
        }
        try {
            return answer(message, user);
        } finally {
            permit.get().close();
        }
    }

    /** The answer to one message from {@code user}, as JSON text. */
    private String answer(String message, Account user) {
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

    private String error(Problem problem, String requestId) {
        ObjectNode error = mapper.createObjectNode().put("@type", "RequestError");
        if (requestId != null) {
            error.put("requestId", requestId);
        }
        error.setAll(Wire.write(problem));
        return error.toString();
    }
}
