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
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.ThreadId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Thread/get} (RFC 8621 section 3.1): each thread's email ids, oldest receivedAt first.
 * {@code ids} is required, as the threads of a whole account are too many to return at once.
 */
final class ThreadGet implements Method {
    private static final List<String> PROPERTIES = List.of("id", "emailIds");

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        GetArguments get = GetArguments.read(args, context, true, Set.copyOf(PROPERTIES), PROPERTIES);
        args.done();
        String state = context.store().state(get.accountId(), DataType.THREAD).encode();
        List<ThreadId> ids = new ArrayList<>();
        for (String id : get.ids()) {
            try {
                ids.add(new ThreadId(id));
            } catch (IllegalArgumentException malformed) {
                // reported in notFound below
            }
        }
        Map<String, List<EmailId>> found = new HashMap<>();
        context.store().threads(get.accountId(), ids).forEach((id, emails) -> found.put(id.value(), emails));

        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("accountId", get.accountId().value());
        response.put("state", state);
        ArrayNode list = response.putArray("list");
        ArrayNode notFound = response.putArray("notFound");
        for (String id : get.ids()) {
            List<EmailId> emails = found.get(id);
            if (emails == null) {
                notFound.add(id);
                continue;
            }
            ObjectNode thread = list.addObject().put("id", id);
            if (get.properties().contains("emailIds")) {
                ArrayNode emailIds = thread.putArray("emailIds");
                emails.forEach(e -> emailIds.add(e.value()));
            }
        }
        return response;
    }
}
