// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.protocol.Invocation;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.jmap.protocol.Problem;
import dev.mailkeep.jmap.protocol.Request;
import dev.mailkeep.jmap.protocol.RequestRejected;
import dev.mailkeep.jmap.protocol.Response;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes a JMAP request (RFC 8620 section 3.6): checks the request as a whole (capabilities in
 * {@code using}, maxCallsInRequest), then runs its method calls in order, resolving result
 * references against earlier responses; a failing call yields an {@code error} response and the
 * request goes on. Knows nothing of HTTP or of storage.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final MethodRegistry registry;
    private final MailStore store;
    private final JmapLimits limits;
    private final SessionResource session;
    private final Wire wire;

    public Dispatcher(MethodRegistry registry, MailStore store, JmapLimits limits, SessionResource session, Wire wire) {
        this.registry = registry;
        this.store = store;
        this.limits = limits;
        this.session = session;
        this.wire = wire;
    }

    /** Reads, checks and processes a request body; returns the Response object as JSON. */
    public ObjectNode handle(byte[] body, Account user) throws RequestRejected {
        return wire.write(dispatch(wire.readRequest(body), user));
    }

    public Response dispatch(Request request, Account user) throws RequestRejected {
        Set<Capability> using = EnumSet.noneOf(Capability.class);
        for (String uri : request.using()) {
            using.add(Capability.of(uri).orElseThrow(() -> new RequestRejected(Problem.unknownCapability(uri))));
        }
        if (request.methodCalls().size() > limits.maxCallsInRequest()) {
            throw new RequestRejected(Problem.limit("maxCallsInRequest", "the request has "
                    + request.methodCalls().size() + " method calls; at most " + limits.maxCallsInRequest() + " are allowed"));
        }
        Map<String, String> createdIds = new HashMap<>(request.createdIds() == null ? Map.of() : request.createdIds());
        MethodContext context = new MethodContext(user, store, limits, createdIds);
        List<Invocation> responses = new ArrayList<>();
        for (Invocation call : request.methodCalls()) {
            responses.add(call(call, using, context, responses));
            for (Invocation implicit : context.implicitResponses()) {
                responses.add(new Invocation(implicit.name(), implicit.arguments(), call.methodCallId()));
            }
            context.implicitResponses().clear();
        }
        return new Response(responses, request.createdIds() == null ? null : createdIds, session.state(user));
    }

    /** One method call: its response, or an {@code error} response when it fails. */
    private Invocation call(Invocation call, Set<Capability> using, MethodContext context, List<Invocation> earlier) {
        try {
            MethodRegistry.Entry entry = registry.find(call.name())
                    .filter(e -> using.contains(e.capability()))
                    .orElseThrow(() -> new MethodException(MethodError.unknownMethod(call.name())));
            Args args = new Args(ResultReferences.resolve(call.arguments(), earlier));
            ObjectNode result = entry.method().call(args, context);
            return new Invocation(call.name(), result, call.methodCallId());
        } catch (MethodException e) {
            context.implicitResponses().clear();
            return error(call, e.error());
        } catch (RuntimeException e) {
            LOG.error("{} failed for {}", call.name(), context.user().address(), e);
            context.implicitResponses().clear();
            return error(call, MethodError.serverFail("the server failed to process " + call.name()));
        }
    }

    private static Invocation error(Invocation call, MethodError error) {
        return new Invocation("error", Wire.write(error), call.methodCallId());
    }
}
