// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.model.Snippet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code SearchSnippet/get} (RFC 8621 section 5.1): for each of {@code emailIds}, the subject and a
 * section of the body with what the {@code filter} matches wrapped in {@code <mark>} (HTML, the
 * rest escaped), null where nothing matched. The filter is read as Email/query reads it, and the
 * store highlights with the same text semantics as its search.
 */
final class SearchSnippetGet implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        EmailFilter filter = EmailFilterReader.read(args.get("filter"));
        List<String> emailIds = args.stringList("emailIds");
        if (emailIds == null) {
            throw Args.invalid("emailIds", "is required: the emails to make snippets of");
        }
        args.done();
        if (emailIds.size() > context.limits().maxObjectsInGet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInGet()
                    + " snippets may be fetched in one call (maxObjectsInGet)"));
        }
        List<EmailId> ids = new ArrayList<>();
        for (String id : emailIds) {
            try {
                ids.add(new EmailId(context.resolveId(id)));
            } catch (IllegalArgumentException e) {
                // not an email id this server makes: reported in notFound below
            }
        }
        Map<EmailId, Snippet> snippets = context.store().snippets(account, filter, ids);

        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        ArrayNode list = response.putArray("list");
        ArrayNode notFound = JSON.arrayNode();
        for (String id : new LinkedHashSet<>(emailIds)) {
            Snippet snippet = snippet(snippets, context.resolveId(id));
            if (snippet == null) {
                notFound.add(id);
            } else {
                list.addObject().put("emailId", context.resolveId(id)).put("subject", snippet.subject())
                        .put("preview", snippet.preview());
            }
        }
        response.set("notFound", notFound.isEmpty() ? JSON.nullNode() : notFound);
        return response;
    }

    private static Snippet snippet(Map<EmailId, Snippet> snippets, String id) {
        try {
            return snippets.get(new EmailId(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
