// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Filters;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.core.QueryWindow;
import dev.mailkeep.jmap.core.Sorting;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.model.Mailbox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code Mailbox/query} (RFC 8621 section 2.3): filter conditions parentId, name, role,
 * hasAnyRole and isSubscribed under AND/OR/NOT; sort by sortOrder and name; sortAsTree and
 * filterAsTree. An account has few mailboxes, so the query runs over all of them in memory.
 */
final class MailboxQuery implements Method {
    static final int MAX_LIMIT = 1000;
    private static final Set<String> CONDITIONS = Set.of("parentId", "name", "role", "hasAnyRole", "isSubscribed");

    static final Map<String, Sorting.Property<Mailbox>> SORTS = Map.of(
            "sortOrder", collation -> Comparator.comparingInt(Mailbox::sortOrder),
            "name", collation -> Comparator.comparing(Mailbox::name, collation.comparator()));

    /** With no sort given: sortOrder, then name, then id. */
    static final Comparator<Mailbox> FALLBACK = Comparator.comparingInt(Mailbox::sortOrder)
            .thenComparing(Mailbox::name, Sorting.DEFAULT_COLLATION.comparator())
            .thenComparing(m -> m.id().value());

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        Predicate<Mailbox> filter = Filters.compile(args.get("filter"), MailboxQuery::condition);
        Comparator<Mailbox> order = Sorting.compile(args.get("sort"), SORTS, FALLBACK);
        QueryWindow window = QueryWindow.read(args);
        boolean sortAsTree = args.bool("sortAsTree", false);
        boolean filterAsTree = args.bool("filterAsTree", false);
        args.done();

        String state = context.store().state(account, DataType.MAILBOX).encode();
        List<Mailbox> mailboxes = context.store().mailboxes(account);
        Map<String, Mailbox> byId = new HashMap<>();
        mailboxes.forEach(m -> byId.put(m.id().value(), m));

        List<Mailbox> matches = new ArrayList<>();
        for (Mailbox mailbox : mailboxes) {
            if (filterAsTree ? matchesWithAncestors(mailbox, filter, byId) : filter.test(mailbox)) {
                matches.add(mailbox);
            }
        }
        if (sortAsTree) {
            Map<String, Integer> treeOrder = treeOrder(mailboxes, order);
            matches.sort(Comparator.comparing(m -> treeOrder.get(m.id().value())));
        } else {
            matches.sort(order);
        }

        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("accountId", account.value());
        response.put("queryState", state);
        // Mailbox/queryChanges works per mailbox; a tree makes each place depend on other mailboxes.
        response.put("canCalculateChanges", !sortAsTree && !filterAsTree);
        window.write(response, matches.stream().map(m -> m.id().value()).toList(), MAX_LIMIT);
        return response;
    }

    static Predicate<Mailbox> condition(ObjectNode condition) {
        List<String> unsupported = new ArrayList<>();
        condition.fieldNames().forEachRemaining(name -> {
            if (!CONDITIONS.contains(name)) {
                unsupported.add(name);
            }
        });
        if (!unsupported.isEmpty()) {
            throw new MethodException(MethodError.unsupportedFilter("unknown Mailbox filter conditions: "
                    + String.join(", ", unsupported)));
        }
        Predicate<Mailbox> all = m -> true;
        if (condition.has("parentId")) {
            String parent = nullableString(condition, "parentId");
            all = all.and(m -> Objects.equals(parent, m.parentId() == null ? null : m.parentId().value()));
        }
        if (condition.has("name")) {
            String part = nullableString(condition, "name");
            if (part == null) {
                throw Args.invalid("filter", "name must be a string");
            }
            all = all.and(m -> Sorting.DEFAULT_COLLATION.contains(m.name(), part));
        }
        if (condition.has("role")) {
            String role = nullableString(condition, "role");
            all = all.and(m -> Objects.equals(role, m.role() == null ? null : m.role().jmapName()));
        }
        if (condition.has("hasAnyRole")) {
            boolean hasAnyRole = bool(condition, "hasAnyRole");
            all = all.and(m -> (m.role() != null) == hasAnyRole);
        }
        if (condition.has("isSubscribed")) {
            boolean subscribed = bool(condition, "isSubscribed");
            all = all.and(m -> m.isSubscribed() == subscribed);
        }
        return all;
    }

    private static String nullableString(ObjectNode condition, String name) {
        JsonNode value = condition.get(name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw Args.invalid("filter", name + " must be a string or null");
        }
        return value.textValue();
    }

    private static boolean bool(ObjectNode condition, String name) {
        JsonNode value = condition.get(name);
        if (!value.isBoolean()) {
            throw Args.invalid("filter", name + " must be true or false");
        }
        return value.booleanValue();
    }

    /** filterAsTree: a mailbox counts only when it and all its ancestors match. */
    private static boolean matchesWithAncestors(Mailbox mailbox, Predicate<Mailbox> filter, Map<String, Mailbox> byId) {
        Mailbox current = mailbox;
        for (int depth = 0; current != null && depth <= byId.size(); depth++) {
            if (!filter.test(current)) {
                return false;
            }
            current = current.parentId() == null ? null : byId.get(current.parentId().value());
        }
        return true;
    }

    /**
     * sortAsTree: the position of each mailbox in a depth-first walk that visits siblings in
     * {@code order}, so an ancestor precedes its descendants and cousins sort as their ancestors do.
     */
    private static Map<String, Integer> treeOrder(List<Mailbox> mailboxes, Comparator<Mailbox> order) {
        Map<String, List<Mailbox>> children = new HashMap<>();
        Set<String> ids = new HashSet<>();
        mailboxes.forEach(m -> ids.add(m.id().value()));
        List<Mailbox> roots = new ArrayList<>();
        for (Mailbox mailbox : mailboxes) {
            if (mailbox.parentId() == null || !ids.contains(mailbox.parentId().value())) {
                roots.add(mailbox);
            } else {
                children.computeIfAbsent(mailbox.parentId().value(), k -> new ArrayList<>()).add(mailbox);
            }
        }
        Map<String, Integer> position = new HashMap<>();
        walk(roots, children, order, position);
        return position;
    }

    private static void walk(List<Mailbox> siblings, Map<String, List<Mailbox>> children, Comparator<Mailbox> order,
                             Map<String, Integer> position) {
        List<Mailbox> sorted = new ArrayList<>(siblings);
        sorted.sort(order);
        for (Mailbox mailbox : sorted) {
            if (position.putIfAbsent(mailbox.id().value(), position.size()) == null) {
                walk(children.getOrDefault(mailbox.id().value(), List.of()), children, order, position);
            }
        }
    }
}
