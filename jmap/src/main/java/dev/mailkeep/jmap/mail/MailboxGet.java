// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.GetArguments;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Mailbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code Mailbox/get} (RFC 8621 section 2.1, the standard /get of RFC 8620 section 5.1). The
 * state is read before the mailboxes, so a change committed in between is reported again by
 * {@code Mailbox/changes} rather than lost.
 */
final class MailboxGet implements Method {
    static final List<String> PROPERTIES = List.of("id", "name", "parentId", "role", "sortOrder", "totalEmails",
            "unreadEmails", "totalThreads", "unreadThreads", "myRights", "isSubscribed");

    /** RFC 8621 section 2: the owner of the account may do everything. */
    private static final List<String> RIGHTS = List.of("mayReadItems", "mayAddItems", "mayRemoveItems",
            "maySetSeen", "maySetKeywords", "mayCreateChild", "mayRename", "mayDelete", "maySubmit");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * RFC 8621 section 2.4 MailboxRights of the account's owner: every right, but the inbox, which
     * Mailbox/set refuses to destroy, says so with {@code mayDelete: false}.
     */
    static ObjectNode ownerRights(Mailbox mailbox) {
        ObjectNode rights = JSON.objectNode();
        RIGHTS.forEach(right -> rights.put(right, true));
        rights.put("mayDelete", mailbox.role() != MailboxRole.INBOX);
        return rights;
    }

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        GetArguments get = GetArguments.read(args, context, false, Set.copyOf(PROPERTIES), PROPERTIES);
        args.done();
        String state = context.store().state(get.accountId(), DataType.MAILBOX).encode();
        Map<String, Mailbox> byId = context.store().mailboxes(get.accountId()).stream()
                .collect(Collectors.toMap(m -> m.id().value(), Function.identity(), (a, b) -> a, LinkedHashMap::new));

        ObjectNode response = JSON.objectNode();
        response.put("accountId", get.accountId().value());
        response.put("state", state);
        ArrayNode list = response.putArray("list");
        ArrayNode notFound = response.putArray("notFound");
        if (get.ids() == null) {
            byId.values().forEach(mailbox -> list.add(write(mailbox, get.properties())));
        } else {
            for (String id : get.ids()) {
                Mailbox mailbox = byId.get(id);
                if (mailbox == null) {
                    notFound.add(id);
                } else {
                    list.add(write(mailbox, get.properties()));
                }
            }
        }
        return response;
    }

    static ObjectNode write(Mailbox mailbox, Set<String> properties) {
        ObjectNode node = JSON.objectNode();
        for (String property : PROPERTIES) {
            if (!properties.contains(property)) {
                continue;
            }
            switch (property) {
                case "id" -> node.put("id", mailbox.id().value());
                case "name" -> node.put("name", mailbox.name());
                case "parentId" -> node.put("parentId", mailbox.parentId() == null ? null : mailbox.parentId().value());
                case "role" -> node.put("role", mailbox.role() == null ? null : mailbox.role().jmapName());
                case "sortOrder" -> node.put("sortOrder", mailbox.sortOrder());
                case "totalEmails" -> node.put("totalEmails", mailbox.totalEmails());
                case "unreadEmails" -> node.put("unreadEmails", mailbox.unreadEmails());
                case "totalThreads" -> node.put("totalThreads", mailbox.totalThreads());
                case "unreadThreads" -> node.put("unreadThreads", mailbox.unreadThreads());
                case "myRights" -> node.set("myRights", ownerRights(mailbox));
                case "isSubscribed" -> node.put("isSubscribed", mailbox.isSubscribed());
                default -> throw new IllegalStateException("unhandled Mailbox property " + property);
            }
        }
        return node;
    }
}
