// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Collation;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.core.QueryWindow;
import dev.mailkeep.jmap.core.SessionResource;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.EmailSearch;
import dev.mailkeep.store.EmailSort;
import dev.mailkeep.store.QueryResult;
import dev.mailkeep.store.model.EmailRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Email/query} (RFC 8621 section 4.4, the standard /query of RFC 8620 section 5.5) over
 * the store's search: every filter condition of section 4.4.1 under AND/OR/NOT, and the sorts
 * receivedAt (default: newest first), sentAt, size, from, to, subject, and the keyword sorts
 * hasKeyword, allInThreadHaveKeyword and someInThreadHaveKeyword (their comparator names the
 * keyword; emails without it come first when ascending). Its queryState is the Email state, which
 * {@link EmailQueryChanges} reads changes from.
 */
final class EmailQuery implements Method {
    /** The most ids one call returns, and the number returned when the client sets no limit. */
    static final int MAX_LIMIT = 1000;
    /** How far into a result an anchor is looked for. */
    static final int MAX_ANCHOR_SCAN = 100_000;

    /** The sort properties of RFC 8621 section 4.4.2 that the store can order by, as the session lists them. */
    static final Map<String, EmailSort.Property> SORTS = Map.of(
            "receivedAt", EmailSort.Property.RECEIVED_AT,
            "sentAt", EmailSort.Property.SENT_AT,
            "size", EmailSort.Property.SIZE,
            "from", EmailSort.Property.FROM,
            "to", EmailSort.Property.TO,
            "subject", EmailSort.Property.SUBJECT,
            "hasKeyword", EmailSort.Property.HAS_KEYWORD,
            "allInThreadHaveKeyword", EmailSort.Property.ALL_IN_THREAD_HAVE_KEYWORD,
            "someInThreadHaveKeyword", EmailSort.Property.SOME_IN_THREAD_HAVE_KEYWORD);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** RFC 8621 section 4.1.1: printable ASCII except {@code ( ) { ] % * " \}, 1 to 255 long. */
    private static final Pattern KEYWORD = Pattern.compile("[\\x21-\\x7e&&[^(){\\]%*\"\\\\]]{1,255}");

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        EmailFilter filter = EmailFilterReader.read(args.get("filter"));
        List<EmailSort> sort = sort(args.get("sort"));
        long position = args.integer("position", 0);
        String anchor = args.get("anchor") == null ? null : args.requiredString("anchor");
        long anchorOffset = args.integer("anchorOffset", 0);
        long requestedLimit = args.get("limit") == null ? -1 : args.unsignedInteger("limit", 0);
        boolean calculateTotal = args.bool("calculateTotal", false);
        boolean collapseThreads = args.bool("collapseThreads", false);
        args.done();
        if (collapseThreads) {
            return collapsed(context, account, filter, sort,
                    new QueryWindow(position, anchor, anchorOffset, requestedLimit < 0 ? null : requestedLimit, calculateTotal));
        }

        int limit = requestedLimit < 0 || requestedLimit > MAX_LIMIT ? MAX_LIMIT : (int) requestedLimit;
        long start = position;
        if (anchor != null) {
            start = Math.max(0, anchorIndex(context, account, filter, sort, anchor) + anchorOffset);
        } else if (position < 0) {
            // RFC 8620 section 5.5: a negative position counts from the end, clamped to 0.
            long total = context.store().searchEmails(account, new EmailSearch(filter, sort, 0, 0)).total();
            start = Math.max(0, total + position);
        }
        QueryResult result = context.store().searchEmails(account,
                new EmailSearch(filter, sort, (int) Math.min(start, Integer.MAX_VALUE), limit));

        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.put("queryState", result.queryState().encode());
        response.put("canCalculateChanges", EmailQueryChanges.canCalculateChanges(filter, sort, false));
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
     * collapseThreads (RFC 8621 section 4.4.3): only the first email of each thread, in query
     * order. The result is read up to {@link #MAX_ANCHOR_SCAN} ids and collapsed in memory, so its
     * cost grows with the size of the result, not of the page.
     */
    private static ObjectNode collapsed(MethodContext context, AccountId account, EmailFilter filter, List<EmailSort> sort,
                                        QueryWindow window) {
        QueryResult all = context.store().searchEmails(account, new EmailSearch(filter, sort, 0, MAX_ANCHOR_SCAN));
        List<String> firstOfThread = new ArrayList<>();
        Set<String> threads = new HashSet<>();
        for (int from = 0; from < all.ids().size(); from += 1000) {
            List<dev.mailkeep.store.EmailId> chunk = all.ids().subList(from, Math.min(all.ids().size(), from + 1000));
            Map<dev.mailkeep.store.EmailId, EmailRecord> records = context.store().emails(account, chunk);
            for (dev.mailkeep.store.EmailId id : chunk) {
                EmailRecord email = records.get(id);
                if (email != null && threads.add(email.threadId().value())) {
                    firstOfThread.add(id.value());
                }
            }
        }
        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.put("queryState", all.queryState().encode());
        response.put("canCalculateChanges", false);
        window.write(response, firstOfThread, MAX_LIMIT);
        return response;
    }

    /**
     * The index of the anchor in the whole result (RFC 8620 section 5.5), found by reading the
     * result's ids up to {@link #MAX_ANCHOR_SCAN}; {@code anchorNotFound} when it is not there.
     */
    private static long anchorIndex(MethodContext context, AccountId account, EmailFilter filter, List<EmailSort> sort,
                                    String anchor) {
        List<dev.mailkeep.store.EmailId> ids = context.store()
                .searchEmails(account, new EmailSearch(filter, sort, 0, MAX_ANCHOR_SCAN)).ids();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).value().equals(anchor)) {
                return i;
            }
        }
        throw new MethodException(new MethodError("anchorNotFound", "the anchor is not among the first "
                + MAX_ANCHOR_SCAN + " results of this query"));
    }

    /** Comparators in order; isAscending defaults to true (RFC 8620 section 5.5). */
    static List<EmailSort> sort(JsonNode sort) {
        List<EmailSort> comparators = new ArrayList<>();
        if (sort == null) {
            return comparators;
        }
        if (!sort.isArray()) {
            throw Args.invalid("sort", "must be an array of Comparator objects");
        }
        for (JsonNode comparator : sort) {
            if (!comparator.isObject() || !comparator.path("property").isTextual()
                    || (comparator.hasNonNull("isAscending") && !comparator.get("isAscending").isBoolean())
                    || (comparator.hasNonNull("collation") && !comparator.get("collation").isTextual())
                    || (comparator.hasNonNull("keyword") && !comparator.get("keyword").isTextual())) {
                throw Args.invalid("sort", "must hold Comparator objects {property, isAscending, collation, keyword}");
            }
            String name = comparator.get("property").textValue();
            EmailSort.Property property = SORTS.get(name);
            if (property == null) {
                throw new MethodException(MethodError.unsupportedSort("cannot sort by '" + name + "'; supported: "
                        + String.join(", ", SessionResource.EMAIL_QUERY_SORT_OPTIONS)));
            }
            if (comparator.hasNonNull("collation") && Collation.of(comparator.get("collation").textValue()).isEmpty()) {
                throw new MethodException(MethodError.unsupportedSort(
                        "unknown collation '" + comparator.get("collation").textValue() + "'"));
            }
            boolean ascending = !comparator.hasNonNull("isAscending") || comparator.get("isAscending").booleanValue();
            String keyword = comparator.hasNonNull("keyword") ? comparator.get("keyword").textValue() : null;
            if (property.takesKeyword() != (keyword != null)) {
                throw Args.invalid("sort", property.takesKeyword()
                        ? "the " + name + " comparator needs a keyword" : "the " + name + " comparator takes no keyword");
            }
            if (keyword != null && !KEYWORD.matcher(keyword).matches()) {
                throw Args.invalid("sort", "'" + keyword + "' is not a keyword (RFC 8621 section 4.1.1)");
            }
            comparators.add(new EmailSort(property, ascending, keyword == null ? null : keyword.toLowerCase(Locale.ROOT)));
        }
        return comparators;
    }
}
