// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.QueryResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code Email/query} (RFC 8621 section 4.4, the standard /query of RFC 8620 section 5.5) for
 * what the store can answer so far: the {@code inMailbox} filter condition and the
 * {@code receivedAt} sort (default: newest first). Other conditions get {@code unsupportedFilter},
 * other sorts {@code unsupportedSort}; anchors and collapseThreads are refused as invalid
 * arguments rather than ignored.
 */
final class EmailQuery implements Method {
    /** The most ids one call returns, and the number returned when the client sets no limit. */
    static final int MAX_LIMIT = 1000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private record Query(MailboxId inMailbox, boolean matchesNothing, boolean ascending) {}

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        Query query = query(args.get("filter"), args.get("sort"));
        long position = args.integer("position", 0);
        if (args.get("anchor") != null) {
            throw Args.invalid("anchor", "is not supported by this server yet; use position");
        }
        args.integer("anchorOffset", 0);
        long requestedLimit = args.get("limit") == null ? -1 : args.unsignedInteger("limit", 0);
        boolean calculateTotal = args.bool("calculateTotal", false);
        if (args.bool("collapseThreads", false)) {
            throw Args.invalid("collapseThreads", "is not supported by this server yet");
        }
        args.done();

        int limit = requestedLimit < 0 || requestedLimit > MAX_LIMIT ? MAX_LIMIT : (int) requestedLimit;
        QueryResult result = run(context, account, query, position, limit);

        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.put("queryState", result.queryState().encode());
        response.put("canCalculateChanges", false);
        response.put("position", result.position());
        ArrayNode ids = response.putArray("ids");
        result.ids().forEach(id -> ids.add(id.value()));
        if (calculateTotal) {
            response.put("total", result.total());
        }
        if (limit != requestedLimit) {
            response.put("limit", limit);
        }
        return response;
    }

    /**
     * Runs the query; a negative position counts from the end of the results (RFC 8620 section
     * 5.5), clamped to 0, so the total is asked for first.
     */
    private static QueryResult run(MethodContext context, AccountId account, Query query, long position, int limit) {
        if (query.matchesNothing()) {
            return new QueryResult(List.<EmailId>of(), 0, 0, context.store().state(account, DataType.EMAIL));
        }
        long start = position;
        if (position < 0) {
            long total = context.store().queryEmails(account, storeQuery(query, 0, 0)).total();
            start = Math.max(0, total + position);
        }
        return context.store().queryEmails(account, storeQuery(query, (int) Math.min(start, Integer.MAX_VALUE), limit));
    }

    private static dev.mailkeep.store.EmailQuery storeQuery(Query query, int position, int limit) {
        return new dev.mailkeep.store.EmailQuery(query.inMailbox(), query.ascending(), position, limit);
    }

    private static Query query(JsonNode filter, JsonNode sort) {
        MailboxId inMailbox = null;
        boolean matchesNothing = false;
        if (filter != null) {
            if (!filter.isObject()) {
                throw Args.invalid("filter", "must be a FilterCondition or FilterOperator object");
            }
            if (filter.has("operator")) {
                throw new MethodException(MethodError.unsupportedFilter("filter operators (AND, OR, NOT) are not supported yet"));
            }
            List<String> unsupported = new ArrayList<>();
            for (Iterator<String> it = filter.fieldNames(); it.hasNext(); ) {
                String condition = it.next();
                if (!condition.equals("inMailbox")) {
                    unsupported.add(condition);
                }
            }
            if (!unsupported.isEmpty()) {
                throw new MethodException(MethodError.unsupportedFilter(
                        "unsupported filter conditions: " + String.join(", ", unsupported) + " (supported: inMailbox)"));
            }
            JsonNode mailbox = filter.get("inMailbox");
            if (mailbox != null && !mailbox.isNull()) {
                if (!mailbox.isTextual()) {
                    throw Args.invalid("filter", "inMailbox must be a mailbox id");
                }
                try {
                    inMailbox = new MailboxId(mailbox.textValue());
                } catch (IllegalArgumentException e) {
                    matchesNothing = true;
                }
            }
        }
        return new Query(inMailbox, matchesNothing, ascending(sort));
    }

    /** Only one comparator on {@code receivedAt}; isAscending defaults to true (RFC 8620 section 5.5). */
    private static boolean ascending(JsonNode sort) {
        if (sort == null) {
            return false;
        }
        if (!sort.isArray()) {
            throw Args.invalid("sort", "must be an array of Comparator objects");
        }
        if (sort.isEmpty()) {
            return false;
        }
        for (JsonNode comparator : sort) {
            if (!comparator.isObject() || !comparator.path("property").isTextual()
                    || (comparator.has("isAscending") && !comparator.get("isAscending").isBoolean())
                    || (comparator.has("collation") && !comparator.get("collation").isTextual())) {
                throw Args.invalid("sort", "must hold Comparator objects {property, isAscending, collation}");
            }
        }
        JsonNode first = sort.get(0);
        if (sort.size() > 1 || !first.get("property").textValue().equals("receivedAt")) {
            throw new MethodException(MethodError.unsupportedSort("only a single receivedAt comparator is supported"));
        }
        return !first.has("isAscending") || first.get("isAscending").booleanValue();
    }
}
