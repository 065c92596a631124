// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.State;
import java.util.List;

/**
 * The standard {@code /changes} method (RFC 8620 section 5.2) over the store's change log for one
 * data type. Its cost grows with the number of changes since the client's state, not with the
 * size of the account. A type with its own response arguments overrides {@link #read}.
 */
public class ChangesMethod implements Method {
    private final DataType type;

    public ChangesMethod(DataType type) {
        this.type = type;
    }

    @Override
    public final ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        String sinceState = args.requiredString("sinceState");
        long requested = args.unsignedInteger("maxChanges", 0);
        if (args.get("maxChanges") != null && requested == 0) {
            throw Args.invalid("maxChanges", "must be greater than 0");
        }
        args.done();
        // Never more than a client may fetch with one /get call.
        int maxChanges = (int) Math.min(requested == 0 ? Long.MAX_VALUE : requested, context.limits().maxObjectsInGet());

        State since;
        try {
            since = State.decode(sinceState);
        } catch (IllegalArgumentException e) {
            throw new MethodException(MethodError.cannotCalculateChanges("'" + sinceState + "' is not a state of this server"));
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        Changes changes;
        try {
            changes = read(context, account, since, maxChanges, response);
        } catch (CannotCalculateChangesException e) {
            throw new MethodException(MethodError.cannotCalculateChanges(e.getMessage()));
        }
        response.put("accountId", account.value());
        response.put("oldState", sinceState);
        response.put("newState", changes.newState().encode());
        response.put("hasMoreChanges", changes.hasMoreChanges());
        ids(response.putArray("created"), changes.created());
        ids(response.putArray("updated"), changes.updated());
        ids(response.putArray("destroyed"), changes.destroyed());
        return response;
    }

    /**
     * Reads the changes from the store; a type may also put its own arguments into
     * {@code response}, which the standard arguments are added to afterwards.
     */
    protected Changes read(MethodContext context, AccountId account, State since, int maxChanges, ObjectNode response)
            throws CannotCalculateChangesException {
        return context.store().changes(account, type, since, maxChanges);
    }

    private static void ids(ArrayNode array, List<String> ids) {
        ids.forEach(array::add);
    }
}
