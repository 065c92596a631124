// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Filters;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.core.Sorting;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.CannotCalculateChangesException;
import dev.mailkeep.store.Changes;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.model.Mailbox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code Mailbox/queryChanges} (RFC 8620 section 5.6 over RFC 8621 section 2.3) for queries
 * without sortAsTree and filterAsTree, whose results depend on each mailbox alone. The query state
 * is the Mailbox state: every mailbox created, updated or destroyed since it is in
 * {@code removed}, and each of them in the new results is in {@code added} with its index. An
 * account has few mailboxes, so the new results are computed whole, in memory. Every Mailbox
 * filter and sort reads mutable properties, so {@code upToId} is ignored (section 5.6).
 */
final class MailboxQueryChanges implements Method {
    private static final int ATTEMPTS = 3;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        Predicate<Mailbox> filter = Filters.compile(args.get("filter"), MailboxQuery::condition);
        Comparator<Mailbox> order = Sorting.compile(args.get("sort"), MailboxQuery.SORTS, MailboxQuery.FALLBACK);
        boolean sortAsTree = args.bool("sortAsTree", false);
        boolean filterAsTree = args.bool("filterAsTree", false);
        QueryChangesArgs request = QueryChangesArgs.read(args);
        args.done();
        if (sortAsTree || filterAsTree) {
            throw new MethodException(MethodError.cannotCalculateChanges(
                    "a tree query depends on other mailboxes than the changed ones; run the query again"));
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Changes changes;
            try {
                changes = context.store().changes(account, DataType.MAILBOX, request.sinceOrFail(), request.changeLimit());
            } catch (CannotCalculateChangesException e) {
                throw new MethodException(MethodError.cannotCalculateChanges(e.getMessage()));
            }
            if (changes.hasMoreChanges()) {
                throw request.tooMany();
            }
            List<Mailbox> mailboxes = context.store().mailboxes(account);
            // The state did not move after the changes were read, so the mailboxes are of that state.
            if (!context.store().state(account, DataType.MAILBOX).equals(changes.newState())) {
                continue;
            }
            Set<String> removed = new LinkedHashSet<>();
            removed.addAll(changes.created());
            removed.addAll(changes.updated());
            removed.addAll(changes.destroyed());
            List<Mailbox> results = new ArrayList<>(mailboxes.stream().filter(filter).toList());
            results.sort(order);
            List<QueryChangesArgs.Added> added = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                String id = results.get(i).id().value();
                if (removed.contains(id)) {
                    added.add(new QueryChangesArgs.Added(id, i));
                }
            }
            request.checkCount(removed.size() + added.size());
            return request.response(account, changes.newState(), results.size(), List.copyOf(removed), added);
        }
        throw new MethodException(MethodError.cannotCalculateChanges(
                "the mailboxes kept changing while the changes were read; run the query again"));
    }
}
