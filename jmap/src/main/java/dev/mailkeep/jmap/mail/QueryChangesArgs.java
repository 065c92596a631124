// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.State;
import java.util.List;

/**
 * The standard arguments of {@code /queryChanges} (RFC 8620 section 5.6) besides filter and sort,
 * and the response both Email/queryChanges and Mailbox/queryChanges write.
 *
 * @param sinceQueryState as the client sent it
 * @param since the state it decodes to
 * @param maxChanges null when the client set none
 * @param upToId null when the client set none
 */
record QueryChangesArgs(String sinceQueryState, State since, Long maxChanges, String upToId, boolean calculateTotal) {
    /** How many changed ids one call reads from the change log at most, whatever the client asks. */
    static final int MAX_CHANGES = 10_000;

    /** One entry of {@code added}: an id and its index in the new results. */
    record Added(String id, int index) {}

    /**
     * Reads the arguments (call after filter and sort, before {@link Args#done()}). A state this
     * server never issued is {@code cannotCalculateChanges}, as for /changes.
     */
    static QueryChangesArgs read(Args args) {
        String sinceQueryState = args.requiredString("sinceQueryState");
        Long maxChanges = null;
        if (args.get("maxChanges") != null) {
            maxChanges = args.unsignedInteger("maxChanges", 0);
            if (maxChanges == 0) {
                throw Args.invalid("maxChanges", "must be greater than 0");
            }
        }
        String upToId = args.get("upToId") == null ? null : args.requiredString("upToId");
        boolean calculateTotal = args.bool("calculateTotal", false);
        State since;
        try {
            since = State.decode(sinceQueryState);
        } catch (IllegalArgumentException e) {
            since = null;
        }
        return new QueryChangesArgs(sinceQueryState, since, maxChanges, upToId, calculateTotal);
    }

    /** The state to read changes from; {@code cannotCalculateChanges} for one this server never issued. */
    State sinceOrFail() {
        if (since == null) {
            throw new MethodException(MethodError.cannotCalculateChanges(
                    "'" + sinceQueryState + "' is not a query state of this server"));
        }
        return since;
    }

    /** How many ids to read from the change log. */
    int changeLimit() {
        // The server's limit, not the client's: the store cannot split the ids of one commit, so a
        // client limit below one commit's size would read as "cannot calculate"; the client's
        // maxChanges is checked on removed and added (checkCount), which is tooManyChanges.
        return MAX_CHANGES;
    }

    /**
     * What to answer when the change log held more than {@link #changeLimit()} ids:
     * {@code tooManyChanges} when that was the client's limit, otherwise {@code cannotCalculateChanges}.
     */
    MethodException tooMany() {
        if (maxChanges != null && maxChanges <= MAX_CHANGES) {
            return tooManyChanges();
        }
        return new MethodException(MethodError.cannotCalculateChanges(
                "more than " + MAX_CHANGES + " changes since this state; run the query again"));
    }

    /** {@code tooManyChanges} (RFC 8620 section 5.6) when removed and added hold more than maxChanges entries. */
    void checkCount(int entries) {
        if (maxChanges != null && entries > maxChanges) {
            throw tooManyChanges();
        }
    }

    private MethodException tooManyChanges() {
        return new MethodException(new MethodError("tooManyChanges",
                "more than " + maxChanges + " changes since this state"));
    }

    /** The response of RFC 8620 section 5.6. */
    ObjectNode response(AccountId account, State newState, long total, List<String> removed, List<Added> added) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("accountId", account.value());
        response.put("oldQueryState", sinceQueryState);
        response.put("newQueryState", newState.encode());
        if (calculateTotal) {
            response.put("total", total);
        }
        var removedIds = response.putArray("removed");
        removed.forEach(removedIds::add);
        var addedItems = response.putArray("added");
        for (Added item : added) {
            addedItems.addObject().put("id", item.id()).put("index", item.index());
        }
        return response;
    }
}
