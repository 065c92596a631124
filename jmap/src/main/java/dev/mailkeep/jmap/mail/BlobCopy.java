// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code Blob/copy} (RFC 8620 section 6.3): makes blobs of {@code fromAccountId} usable in
 * {@code accountId}, answering {@code copied} (old id to the id in the target account) and
 * {@code notCopied} ({@code notFound} for a blob the source account does not reference,
 * {@code tooLarge} beyond maxSizeUpload). The blob ids of body parts copy the part's bytes.
 *
 * <p>A user reaches only their own account today, so over the API a {@code fromAccountId} other
 * than the caller's is {@code fromAccountNotFound}; {@link #copy} is the copy itself, ready for
 * accounts shared between users.
 */
final class BlobCopy implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        String from = args.requiredString("fromAccountId");
        AccountId to = context.account(args);
        List<String> blobIds = args.stringList("blobIds");
        if (blobIds == null) {
            throw Args.invalid("blobIds", "is required");
        }
        args.done();
        if (!from.equals(context.user().id().value()) || context.store().account(new AccountId(from)).isEmpty()) {
            throw new MethodException(new MethodError("fromAccountNotFound", "no account " + from + " to copy from"));
        }
        return copy(new AccountId(from), to, blobIds, context);
    }

    /** Copies between two accounts, both checked against the caller already. */
    ObjectNode copy(AccountId from, AccountId to, List<String> blobIds, MethodContext context) {
        if (blobIds.size() > context.limits().maxObjectsInSet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInSet()
                    + " blobs may be copied in one call (maxObjectsInSet)"));
        }
        ObjectNode copied = JSON.objectNode();
        ObjectNode notCopied = JSON.objectNode();
        for (String requested : blobIds) {
            String id = context.resolveId(requested);
            Optional<byte[]> bytes = read(context, from, id);
            if (bytes.isEmpty()) {
                notCopied.set(requested, Wire.write(new SetError("notFound", "no blob " + id + " in account "
                        + from.value(), List.of())));
            } else if (bytes.get().length > context.limits().maxSizeUpload()) {
                notCopied.set(requested, Wire.write(new SetError("tooLarge", "the blob exceeds maxSizeUpload ("
                        + context.limits().maxSizeUpload() + ")", List.of())));
            } else {
                copied.put(requested, context.store().uploadBlob(to, bytes.get()).value());
            }
        }
        ObjectNode response = JSON.objectNode().put("fromAccountId", from.value()).put("accountId", to.value());
        response.set("copied", copied.isEmpty() ? JSON.nullNode() : copied);
        response.set("notCopied", notCopied.isEmpty() ? JSON.nullNode() : notCopied);
        return response;
    }

    private static Optional<byte[]> read(MethodContext context, AccountId account, String id) {
        Optional<InputStream> in;
        try {
            in = context.store().openBlob(account, new BlobId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + id + " could not be read", e);
        }
    }
}
