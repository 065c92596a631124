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
import dev.mailkeep.store.model.EmailRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code Email/get} (RFC 8621 section 4.2) for the metadata and convenience-header properties
 * the store keeps with each record. {@code ids} is required (fetching every email of an account
 * at once is refused). Properties the store cannot provide yet are refused with
 * {@code invalidArguments} naming them; that includes the RFC default list, which contains the
 * body properties, so a client must name the properties it wants.
 */
final class EmailGet implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        Set<String> known = new TreeSet<>(EmailProperties.SUPPORTED.keySet());
        known.addAll(EmailProperties.NOT_YET_SUPPORTED);
        List<String> requested = args.stringList("properties");
        if (requested != null) {
            requested.stream().filter(p -> p.startsWith("header:")).forEach(known::add);
        }
        GetArguments get = GetArguments.read(args, context, true, known, EmailProperties.DEFAULT);
        readBodyArguments(args);
        args.done();
        List<String> unsupported = get.properties().stream()
                .filter(p -> !EmailProperties.SUPPORTED.containsKey(p))
                .sorted()
                .toList();
        if (!unsupported.isEmpty()) {
            throw Args.invalid("properties", (requested == null ? "defaults to the RFC 8621 list, which includes " : "includes ")
                    + "properties this server does not provide yet: " + String.join(", ", unsupported)
                    + (requested == null ? "; name the properties you need" : ""));
        }

        String state = context.store().state(get.accountId(), DataType.EMAIL).encode();
        List<EmailId> ids = new ArrayList<>();
        for (String id : get.ids()) {
            parse(id).ifPresent(ids::add);
        }
        Map<String, EmailRecord> found = context.store().emails(get.accountId(), ids).values().stream()
                .collect(Collectors.toMap(e -> e.id().value(), e -> e));

        ObjectNode response = JSON.objectNode();
        response.put("accountId", get.accountId().value());
        response.put("state", state);
        ArrayNode list = response.putArray("list");
        ArrayNode notFound = response.putArray("notFound");
        for (String id : get.ids()) {
            EmailRecord email = found.get(id);
            if (email == null) {
                notFound.add(id);
            } else {
                list.add(EmailProperties.write(email, get.properties()));
            }
        }
        return response;
    }

    /**
     * The body-value arguments of RFC 8621 section 4.2 only shape {@code bodyValues},
     * {@code textBody}, {@code htmlBody} and {@code attachments}, which are refused above; they
     * are still checked for their types.
     */
    private static void readBodyArguments(Args args) {
        args.stringList("bodyProperties");
        args.bool("fetchTextBodyValues", false);
        args.bool("fetchHTMLBodyValues", false);
        args.bool("fetchAllBodyValues", false);
        args.unsignedInteger("maxBodyValueBytes", 0);
    }

    private static Optional<EmailId> parse(String id) {
        try {
            return Optional.of(new EmailId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
