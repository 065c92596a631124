// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;

/**
 * {@code /queryChanges} (RFC 8620 section 5.6) for a type whose /query answers
 * {@code canCalculateChanges: false}: the arguments are checked, then the call is answered with
 * {@code cannotCalculateChanges}, which tells the client to run the query again.
 */
public final class QueryChangesWithoutHistory implements Method {
    @Override
    public ObjectNode call(Args args, MethodContext context) {
        context.account(args);
        args.requiredString("sinceQueryState");
        args.get("filter");
        args.get("sort");
        if (args.get("maxChanges") != null && args.unsignedInteger("maxChanges", 0) == 0) {
            throw Args.invalid("maxChanges", "must be greater than 0");
        }
        if (args.get("upToId") != null) {
            args.requiredString("upToId");
        }
        args.bool("calculateTotal", false);
        args.bool("collapseThreads", false);
        args.done();
        throw new MethodException(MethodError.cannotCalculateChanges(
                "this server keeps no query history; run the query again"));
    }
}
