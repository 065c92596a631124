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
 * {@code Email/get} (RFC 8621 section 4.2) with every property of section 4.1. {@code ids} is
 * required (fetching every email of an account at once is refused). Metadata and the convenience
 * header properties come from the stored record without reading the blob; the body properties,
 * {@code headers} and {@code header:} forms from one parse of the blob per email, only when one of
 * them is asked for.
 */
final class EmailGet implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        Set<String> known = new TreeSet<>(EmailProperties.SUPPORTED.keySet());
        known.addAll(EmailProperties.OTHER_KNOWN);
        List<String> requested = args.stringList("properties");
        if (requested != null) {
            requested.stream().filter(p -> p.startsWith("header:")).forEach(known::add);
        }
        GetArguments get = GetArguments.read(args, context, true, known, EmailProperties.DEFAULT);
        EmailBodyProperties.Options body = EmailBodyProperties.read(args);
        args.done();
        Map<String, HeaderProperty> headers = EmailProperties.headerProperties(get.properties());
        boolean wantsBody = EmailProperties.needsBlob(get.properties());

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
                ObjectNode node = EmailProperties.write(email, get.properties());
                if (wantsBody) {
                    context.store().emailBody(get.accountId(), email.id())
                            .ifPresent(b -> {
                                EmailBodyProperties.write(node, b, get.properties(), body);
                                EmailProperties.writeHeaders(node, b, get.properties(), headers);
                            });
                }
                list.add(node);
            }
        }
        return response;
    }

    private static Optional<EmailId> parse(String id) {
        try {
            return Optional.of(new EmailId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
