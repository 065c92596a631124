// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.protocol.Invocation;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a method may use while it runs: the authenticated user, the store, the limits, the
 * request's creation ids (RFC 8620 section 3.3), which methods may read and add to, and the
 * implicit responses a method adds after its own (e.g. the Email/set that RFC 8621 section 7.5
 * onSuccessUpdateEmail makes), which the dispatcher sends with the same method call id.
 */
public record MethodContext(Account user, MailStore store, JmapLimits limits, Map<String, String> createdIds,
                            List<Invocation> implicitResponses) {
    public MethodContext {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(createdIds, "createdIds");
        Objects.requireNonNull(implicitResponses, "implicitResponses");
    }

    public MethodContext(Account user, MailStore store, JmapLimits limits, Map<String, String> createdIds) {
        this(user, store, limits, createdIds, new ArrayList<>());
    }

    /** Adds a response to follow the current method's own; its method call id is filled in by the dispatcher. */
    public void respondAlso(String name, ObjectNode arguments) {
        implicitResponses.add(new Invocation(name, arguments, ""));
    }

    /**
     * The account named by the {@code accountId} argument, checked against what the user may
     * reach (their own account): any other gets {@code accountNotFound} (RFC 8620 section 3.6.2).
     */
    public AccountId account(Args args) {
        String requested = args.requiredString("accountId");
        if (!requested.equals(user.id().value()) || store.account(user.id()).isEmpty()) {
            throw new MethodException(MethodError.accountNotFound());
        }
        return user.id();
    }

    /**
     * Resolves an id argument that may be a creation id reference ({@code #creationId}, RFC 8620
     * section 5.3); a reference that is not in the request's createdIds is returned unchanged.
     */
    public String resolveId(String id) {
        if (id.startsWith("#")) {
            return createdIds.getOrDefault(id.substring(1), id);
        }
        return id;
    }
}
