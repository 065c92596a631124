// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The arguments every {@code /get} method takes (RFC 8620 section 5.1), read and checked.
 *
 * @param ids the requested ids with creation id references resolved, duplicates removed, in
 *     request order; null means all records
 * @param properties the properties to return, always including {@code id}
 */
public record GetArguments(AccountId accountId, List<String> ids, Set<String> properties) {

    /**
     * Reads accountId, ids and properties. More ids than maxObjectsInGet give
     * {@code requestTooLarge}; a property outside {@code known} gives {@code invalidArguments}.
     *
     * @param idsRequired true for types whose full set may exceed maxObjectsInGet (Email)
     */
    public static GetArguments read(Args args, MethodContext context, boolean idsRequired,
                                    Set<String> known, List<String> defaults) {
        AccountId account = context.account(args);
        List<String> requested = args.stringList("ids");
        if (requested == null && idsRequired) {
            throw Args.invalid("ids", "is required: list the ids to fetch (at most "
                    + context.limits().maxObjectsInGet() + ")");
        }
        List<String> ids = null;
        if (requested != null) {
            if (requested.size() > context.limits().maxObjectsInGet()) {
                throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInGet()
                        + " ids may be fetched in one call (maxObjectsInGet)"));
            }
            Set<String> unique = new LinkedHashSet<>();
            requested.forEach(id -> unique.add(context.resolveId(id)));
            ids = List.copyOf(unique);
        }
        List<String> properties = args.stringList("properties");
        Set<String> chosen = new LinkedHashSet<>();
        chosen.add("id");
        if (properties == null) {
            chosen.addAll(defaults);
        } else {
            List<String> unknown = new ArrayList<>();
            for (String property : properties) {
                if (!known.contains(property)) {
                    unknown.add(property);
                }
            }
            if (!unknown.isEmpty()) {
                throw Args.invalid("properties", "names unknown properties: " + String.join(", ", unknown));
            }
            chosen.addAll(properties);
        }
        return new GetArguments(account, ids, Set.copyOf(chosen));
    }

    public GetArguments {
        ids = ids == null ? null : List.copyOf(ids);
        properties = Set.copyOf(properties);
    }
}
