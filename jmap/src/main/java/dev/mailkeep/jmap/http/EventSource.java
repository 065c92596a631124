// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailkeep.jmap.push.PendingChange;
import dev.mailkeep.jmap.push.PushHub;
import dev.mailkeep.jmap.push.StateChange;
import dev.mailkeep.store.model.Account;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One EventSource connection (RFC 8620 section 7.3) on its own virtual thread: subscribes to the
 * {@link PushHub} before the response starts (so nothing committed after the client sees the
 * headers is missed), then writes a {@code state} event for each StateChange as it comes, a
 * {@code ping} event when the interval passes without an event, and ends after the first state
 * event with {@code closeafter=state}, when the client goes away, or when the server stops.
 */
final class EventSource {
    /** With no pings asked for, a comment line this often keeps the idle connection (and proxies) open. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private final PushHub hub;
    private final ObjectMapper mapper;

    EventSource(PushHub hub, ObjectMapper mapper) {
        this.hub = hub;
        this.mapper = mapper;
    }

    void serve(Context ctx, Account user, EventSourceRequest request) throws IOException, InterruptedException {
        PendingChange pending = new PendingChange();
        try (PushHub.Subscription subscription = hub.subscribe(user.id(), request.types(), false, pending)) {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream; charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache, no-store");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            out.flush();
            stream(out, pending, request);
        }
    }

    private void stream(OutputStream out, PendingChange pending, EventSourceRequest request)
            throws IOException, InterruptedException {
        boolean pinging = !request.ping().isZero();
        Duration quiet = pinging ? request.ping() : KEEP_ALIVE;
        while (!pending.isEnded()) {
            Optional<StateChange> change = pending.take(quiet);
            if (change.isPresent()) {
                write(out, "event: state\ndata: " + mapper.writeValueAsString(change.get().toJson()) + "\n\n");
                if (request.closeAfterState()) {
                    return;
                }
            } else if (pinging) {
                write(out, "event: ping\ndata: {\"interval\":" + request.ping().toSeconds() + "}\n\n");
            } else if (!pending.isEnded()) {
                write(out, ": keep-alive\n\n");
            }
        }
    }

    private static void write(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
