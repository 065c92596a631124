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
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.BlobParse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Email/parse} (RFC 8621 section 4.9): blobs holding a message (uploads, or the blobs of
 * message/rfc822 parts) returned as Email objects without being stored, through the store's
 * parser. The properties and body arguments are those of {@link EmailGet}, with the section 4.9
 * default properties; the metadata a stored email has (id, threadId, mailboxIds, keywords,
 * receivedAt) is null.
 */
final class EmailParse implements Method {
    /** RFC 8621 section 4.9: the properties returned when the client names none. */
    static final List<String> DEFAULT = List.of("messageId", "inReplyTo", "references", "sender", "from", "to", "cc",
            "bcc", "replyTo", "subject", "sentAt", "hasAttachment", "preview", "bodyValues", "textBody", "htmlBody",
            "attachments");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        List<String> blobIds = args.stringList("blobIds");
        if (blobIds == null) {
            throw Args.invalid("blobIds", "is required: the blob ids to parse");
        }
        List<String> requested = args.stringList("properties");
        Set<String> properties = new LinkedHashSet<>(requested == null ? DEFAULT : requested);
        List<String> unknown = properties.stream().filter(p -> !EmailProperties.isKnown(p)).toList();
        if (!unknown.isEmpty()) {
            throw Args.invalid("properties", "names unknown properties: " + String.join(", ", unknown));
        }
        EmailBodyProperties.Options body = EmailBodyProperties.read(args);
        args.done();
        if (blobIds.size() > context.limits().maxObjectsInGet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInGet()
                    + " blobs may be parsed in one call (maxObjectsInGet)"));
        }
        Map<String, HeaderProperty> headers = EmailProperties.headerProperties(properties);
        boolean wantsBody = EmailProperties.needsBlob(properties);

        ObjectNode parsed = JSON.objectNode();
        ArrayNode notParsable = JSON.arrayNode();
        ArrayNode notFound = JSON.arrayNode();
        for (String id : new LinkedHashSet<>(blobIds)) {
            BlobId blob = blobId(context.resolveId(id));
            BlobParse result = blob == null ? BlobParse.notFound() : context.store().parseBlob(account, blob);
            switch (result.outcome()) {
                case NOT_FOUND -> notFound.add(id);
                case NOT_PARSABLE -> notParsable.add(id);
                case PARSED -> {
                    ObjectNode email = EmailProperties.writeParsed(result.email(), properties);
                    if (wantsBody) {
                        EmailBodyProperties.write(email, result.email().body(), properties, body);
                        EmailProperties.writeHeaders(email, result.email().body(), properties, headers);
                    }
                    parsed.set(id, email);
                }
            }
        }
        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.set("parsed", parsed.isEmpty() ? JSON.nullNode() : parsed);
        response.set("notParsable", notParsable.isEmpty() ? JSON.nullNode() : notParsable);
        response.set("notFound", notFound.isEmpty() ? JSON.nullNode() : notFound);
        return response;
    }

    private static BlobId blobId(String id) {
        try {
            return new BlobId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
