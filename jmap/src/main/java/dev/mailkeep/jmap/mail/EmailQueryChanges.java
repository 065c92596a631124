// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailSearch;
import dev.mailkeep.store.EmailSort;
import dev.mailkeep.store.ListingPositions;
import dev.mailkeep.store.QueryResult;
import dev.mailkeep.store.model.EmailRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Email/queryChanges} (RFC 8621 section 4.5, the standard /queryChanges of RFC 8620 section
 * 5.6) for queries whose result depends on each email alone: any filter without the thread keyword
 * conditions, any supported sort, no collapseThreads. Other queries get {@code cannotCalculateChanges}
 * and {@link EmailQuery} tells the client so up front ({@code canCalculateChanges: false}).
 *
 * <p>The query state is the Email state, so the Email change log says which emails may have moved
 * in or out of the results: every email created, updated or destroyed since the client's state is
 * in {@code removed} (RFC 8620 section 5.6 allows ids that were not in the old results), and each of
 * them that matches the query now is in {@code added} with its index in the new results. Every
 * other email kept its place relative to the others, so applying removed then added to the old
 * results gives the new ones. The indexes are found by reading the new results from the start
 * until every changed email that matches has been seen, or {@code upToId} has.
 *
 * <p>{@code upToId} is honoured for every query, not only for those over immutable properties
 * (RFC 8620 erratum 6603 drops that condition): two emails that did not change keep their order
 * and their membership, so every email before an unchanged {@code upToId} in the new results was
 * in the client's part of the old results or is a changed one in {@code added}. Reading stops at
 * {@code upToId} when it is in the new results, and additions after it are left out: the client's
 * part, with removed and added applied, is the new results up to {@code upToId}. When
 * {@code upToId} is not in the new results, or its keywords changed under a hasKeyword sort (it
 * may have moved past emails the client never held), it is ignored.
 */
final class EmailQueryChanges implements Method {
    /** The first page of results read to find indexes; each further page is four times larger. */
    static final int FIRST_PAGE = 256;
    /** How many results are read at most; a changed email further down gives cannotCalculateChanges. */
    static final int MAX_SCAN = 1_000_000;
    /** Attempts when a commit lands between reading the change log and the results. */
    private static final int ATTEMPTS = 3;
    /** Receive-time windows per search when testing which changed emails match (Lucene's clause limit). */
    private static final int WINDOWS_PER_SEARCH = 100;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        EmailFilter filter = EmailFilterReader.read(args.get("filter"));
        List<EmailSort> sort = EmailQuery.sort(args.get("sort"));
        boolean collapseThreads = args.bool("collapseThreads", false);
        QueryChangesArgs request = QueryChangesArgs.read(args);
        args.done();
        if (!canCalculateChanges(filter, sort, collapseThreads)) {
            throw new MethodException(MethodError.cannotCalculateChanges(
                    "the results of this query depend on threads; run the query again"));
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ObjectNode response = attempt(context, account, new EmailSearch(filter, sort, 0, 0), request);
            if (response != null) {
                return response;
            }
        }
        throw new MethodException(MethodError.cannotCalculateChanges(
                "the results changed while the changes were read; run the query again"));
    }

    /**
     * Whether Email/queryChanges can answer for this query: it cannot when an email's place in the
     * results depends on other emails of its thread (RFC 8621 section 4.4.1 thread keyword
     * conditions, section 4.4.2 thread keyword sorts, section 4.4.3 collapseThreads).
     */
    static boolean canCalculateChanges(EmailFilter filter, List<EmailSort> sort, boolean collapseThreads) {
        return !collapseThreads
                && sort.stream().noneMatch(s -> s.property() == EmailSort.Property.ALL_IN_THREAD_HAVE_KEYWORD
                        || s.property() == EmailSort.Property.SOME_IN_THREAD_HAVE_KEYWORD)
                && !anyCondition(filter, c -> c.allInThreadHaveKeyword() != null
                        || c.someInThreadHaveKeyword() != null || c.noneInThreadHaveKeyword() != null);
    }

    /** Null when a commit between the reads made them disagree about the state. */
    private static ObjectNode attempt(MethodContext context, AccountId account, EmailSearch query,
                                      QueryChangesArgs request) {
        Changes changes;
        try {
            changes = context.store().changes(account, DataType.EMAIL, request.sinceOrFail(), request.changeLimit());
        } catch (CannotCalculateChangesException e) {
            throw new MethodException(MethodError.cannotCalculateChanges(e.getMessage()));
        }
        if (changes.hasMoreChanges()) {
            throw request.tooMany();
        }
        Set<String> removed = new LinkedHashSet<>();
        removed.addAll(changes.created());
        removed.addAll(changes.updated());
        removed.addAll(changes.destroyed());
        request.checkCount(removed.size());

        List<EmailId> candidates = new ArrayList<>();
        changes.created().forEach(id -> candidates.add(new EmailId(id)));
        changes.updated().forEach(id -> candidates.add(new EmailId(id)));
        Set<String> matching = matching(context, account, query.filter(), candidates);
        String upToId = request.upToId();
        if (upToId != null && removed.contains(upToId)
                && query.sort().stream().anyMatch(s -> s.property() == EmailSort.Property.HAS_KEYWORD)) {
            // Its keywords changed, so it may have moved past emails the client never held.
            upToId = null;
        }
        Walk walk = walk(context, account, query, matching, upToId, changes);
        if (walk == null) {
            return null;
        }
        request.checkCount(removed.size() + walk.added().size());
        return request.response(account, changes.newState(), walk.total(), List.copyOf(removed), walk.added());
    }

    private record Walk(List<QueryChangesArgs.Added> added, long total) {}

    /**
     * Reads the new results from the start in growing pages until every id of {@code matching}
     * has its index, or {@code upToId} is passed. Null when a page was read at another state than
     * {@code changes} brought the client to.
     */
    private static Walk walk(MethodContext context, AccountId account, EmailSearch query, Set<String> matching,
                             String upToId, Changes changes) {
        List<QueryChangesArgs.Added> added = new ArrayList<>();
        if (matching.isEmpty()) {
            QueryResult count = context.store().searchEmails(account, new EmailSearch(query.filter(), query.sort(), 0, 0));
            return count.queryState().equals(changes.newState()) ? new Walk(added, count.total()) : null;
        }
        if (isMailboxListing(query)) {
            return positioned(context, account, query, matching, upToId, changes);
        }
        int position = 0;
        int page = FIRST_PAGE;
        long total;
        while (true) {
            QueryResult result = context.store().searchEmails(account,
                    new EmailSearch(query.filter(), query.sort(), position, page));
            if (!result.queryState().equals(changes.newState())) {
                return null;
            }
            total = result.total();
            boolean passedUpTo = false;
            for (EmailId id : result.ids()) {
                if (matching.remove(id.value())) {
                    added.add(new QueryChangesArgs.Added(id.value(), position));
                }
                position++;
                if (id.value().equals(upToId)) {
                    passedUpTo = true;
                    break;
                }
            }
            if (passedUpTo || matching.isEmpty()) {
                break;
            }
            if (result.ids().size() < page) {
                // The end of the results, and a changed email that matched is not in them.
                return null;
            }
            if (position >= MAX_SCAN) {
                throw new MethodException(MethodError.cannotCalculateChanges(
                        "a changed email is past the first " + MAX_SCAN + " results; run the query again"));
            }
            page = Math.min(page * 4, MAX_SCAN - position);
        }
        added.sort(Comparator.comparingInt(QueryChangesArgs.Added::index));
        return new Walk(added, total);
    }

    /**
     * A mailbox listing (at most inMailbox, sorted by receivedAt alone): the store gives the index
     * of each changed email directly ({@code MailStore.listingPositions}), so the cost does not
     * grow with how deep in the mailbox the changes lie. Same results as the walk: additions past
     * {@code upToId} are left out when it is in the results. Null when the positions were read at
     * another state, or a matching email is not in the listing (the two reads disagreed).
     */
    private static Walk positioned(MethodContext context, AccountId account, EmailSearch query, Set<String> matching,
                                   String upToId, Changes changes) {
        EmailFilter.Condition condition = (EmailFilter.Condition) query.filter();
        List<EmailId> asked = new ArrayList<>();
        matching.forEach(id -> asked.add(new EmailId(id)));
        EmailId upTo = upToId == null ? null : emailId(upToId);
        if (upTo != null) {
            asked.add(upTo);
        }
        ListingPositions at = context.store().listingPositions(account, condition == null ? null : condition.inMailbox(),
                query.sort().getFirst().ascending(), asked);
        if (!at.queryState().equals(changes.newState())) {
            return null;
        }
        Long limit = upTo == null ? null : at.positions().get(upTo);
        List<QueryChangesArgs.Added> added = new ArrayList<>();
        for (String id : matching) {
            Long position = at.positions().get(new EmailId(id));
            if (position == null) {
                return null;
            }
            if (limit == null || position <= limit) {
                added.add(new QueryChangesArgs.Added(id, Math.toIntExact(position)));
            }
        }
        added.sort(Comparator.comparingInt(QueryChangesArgs.Added::index));
        return new Walk(added, at.total());
    }

    /** The queries the store answers from its mailbox listing: at most inMailbox, one receivedAt sort. */
    private static boolean isMailboxListing(EmailSearch query) {
        return query.sort().size() == 1 && query.sort().getFirst().property() == EmailSort.Property.RECEIVED_AT
                && (query.filter() == null || (query.filter() instanceof EmailFilter.Condition c
                        && c.equals(EmailFilter.Condition.any().withInMailbox(c.inMailbox()))));
    }

    private static EmailId emailId(String id) {
        try {
            return new EmailId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The candidates that exist and match the filter now. Without a filter, or with only
     * inMailbox, the records tell; otherwise a search for the filter narrowed to the candidates'
     * receive times (to the millisecond, as the index holds them). These reads may see a later
     * state than {@code changes}; the walk that follows notices that and the attempt is repeated.
     */
    private static Set<String> matching(MethodContext context, AccountId account, EmailFilter filter,
                                        List<EmailId> candidates) {
        Set<String> matching = new HashSet<>();
        if (candidates.isEmpty()) {
            return matching;
        }
        Map<EmailId, EmailRecord> records = context.store().emails(account, candidates);
        if (filter == null) {
            records.keySet().forEach(id -> matching.add(id.value()));
            return matching;
        }
        if (filter instanceof EmailFilter.Condition c && c.equals(EmailFilter.Condition.any().withInMailbox(c.inMailbox()))) {
            records.values().stream().filter(r -> r.mailboxIds().contains(c.inMailbox()))
                    .forEach(r -> matching.add(r.id().value()));
            return matching;
        }
        List<Long> millis = records.values().stream().map(r -> r.receivedAt().toEpochMilli()).distinct().toList();
        for (int from = 0; from < millis.size(); from += WINDOWS_PER_SEARCH) {
            List<EmailFilter> around = new ArrayList<>();
            for (long ms : millis.subList(from, Math.min(millis.size(), from + WINDOWS_PER_SEARCH))) {
                around.add(receivedWithin(Instant.ofEpochMilli(ms), Instant.ofEpochMilli(ms + 1)));
            }
            EmailFilter narrowed = new EmailFilter.Operator(EmailFilter.Operator.Kind.AND,
                    List.of(filter, new EmailFilter.Operator(EmailFilter.Operator.Kind.OR, around)));
            // Few emails share a candidate's millisecond: read a small page, a larger one only when it is full.
            QueryResult found;
            int limit = 1024;
            do {
                found = context.store().searchEmails(account, new EmailSearch(narrowed, List.of(), 0, limit));
                limit *= 8;
            } while (found.ids().size() < found.total() && limit <= MAX_SCAN);
            for (EmailId id : found.ids()) {
                if (records.containsKey(id)) {
                    matching.add(id.value());
                }
            }
        }
        return matching;
    }

    private static EmailFilter receivedWithin(Instant after, Instant before) {
        return new EmailFilter.Condition(null, null, before, after, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    private static boolean anyCondition(EmailFilter filter, java.util.function.Predicate<EmailFilter.Condition> test) {
        return switch (filter) {
            case null -> false;
            case EmailFilter.Condition c -> test.test(c);
            case EmailFilter.Operator op -> op.conditions().stream().anyMatch(f -> anyCondition(f, test));
        };
    }
}
