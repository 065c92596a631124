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
 * at once is refused). List properties come from the stored record; the body properties
 * (bodyStructure, textBody, htmlBody, attachments, bodyValues) from the store's parse of the
 * blob, only when asked for. What the store cannot provide yet (raw {@code headers},
 * {@code header:} forms, the body part properties {@code language} and {@code location}) is
 * refused with {@code invalidArguments} naming it, also when it comes from an RFC default list.
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
        requireSupported(get.properties(), body, args.get("bodyProperties") == null);
        boolean wantsBody = get.properties().stream().anyMatch(EmailBodyProperties.PROPERTIES::contains);

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
                            .ifPresent(b -> EmailBodyProperties.write(node, b, get.properties(), body));
                }
                list.add(node);
            }
        }
        return response;
    }

    /**
     * Refuses, naming them, the properties and bodyProperties this server cannot return yet
     * ({@code invalidArguments}); shared with Email/parse, which takes the same arguments.
     */
    static void requireSupported(Set<String> properties, EmailBodyProperties.Options body, boolean defaultBodyProperties) {
        List<String> unsupported = properties.stream()
                .filter(p -> !EmailProperties.SUPPORTED.containsKey(p) && !EmailBodyProperties.PROPERTIES.contains(p))
                .sorted()
                .toList();
        if (!unsupported.isEmpty()) {
            throw Args.invalid("properties", "includes properties this server does not provide yet: "
                    + String.join(", ", unsupported));
        }
        boolean wantsParts = properties.stream()
                .anyMatch(p -> EmailBodyProperties.PROPERTIES.contains(p) && !p.equals("bodyValues"));
        if (wantsParts && !EmailBodyProperties.unsupported(body).isEmpty()) {
            throw Args.invalid("bodyProperties", (defaultBodyProperties
                    ? "defaults to the RFC 8621 list, which includes " : "includes ")
                    + "part properties this server does not provide yet: "
                    + String.join(", ", EmailBodyProperties.unsupported(body)) + "; name the part properties you need");
        }
    }

    private static Optional<EmailId> parse(String id) {
        try {
            return Optional.of(new EmailId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
