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
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.Identity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code Identity/get} (RFC 8621 section 6.1): the addresses the user may send as. */
final class IdentityGet implements Method {
    static final List<String> PROPERTIES = List.of("id", "name", "email", "replyTo", "bcc", "textSignature",
            "htmlSignature", "mayDelete");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        GetArguments get = GetArguments.read(args, context, false, Set.copyOf(PROPERTIES), PROPERTIES);
        args.done();
        String state = context.store().state(get.accountId(), DataType.IDENTITY).encode();
        Map<String, Identity> byId = new LinkedHashMap<>();
        context.store().identities(get.accountId()).forEach(i -> byId.put(i.id().value(), i));

        ObjectNode response = JSON.objectNode();
        response.put("accountId", get.accountId().value());
        response.put("state", state);
        ArrayNode list = response.putArray("list");
        ArrayNode notFound = response.putArray("notFound");
        for (String id : get.ids() == null ? List.copyOf(byId.keySet()) : get.ids()) {
            Identity identity = byId.get(id);
            if (identity == null) {
                notFound.add(id);
            } else {
                list.add(write(identity, get.properties()));
            }
        }
        return response;
    }

    static ObjectNode write(Identity identity, Set<String> properties) {
        ObjectNode node = JSON.objectNode();
        for (String property : PROPERTIES) {
            if (!properties.contains(property)) {
                continue;
            }
            switch (property) {
                case "id" -> node.put("id", identity.id().value());
                case "name" -> node.put("name", identity.name());
                case "email" -> node.put("email", identity.email());
                case "replyTo" -> node.set("replyTo", addresses(identity.replyTo()));
                case "bcc" -> node.set("bcc", addresses(identity.bcc()));
                case "textSignature" -> node.put("textSignature", identity.textSignature());
                case "htmlSignature" -> node.put("htmlSignature", identity.htmlSignature());
                case "mayDelete" -> node.put("mayDelete", identity.mayDelete());
                default -> throw new IllegalStateException("unhandled Identity property " + property);
            }
        }
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode addresses(List<EmailAddress> addresses) {
        if (addresses == null) {
            return JSON.nullNode();
        }
        ArrayNode array = JSON.arrayNode();
        addresses.forEach(a -> array.addObject().put("name", a.name()).put("email", a.email()));
        return array;
    }
}
