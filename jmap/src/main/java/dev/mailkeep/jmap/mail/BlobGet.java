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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Blob/get} (RFC 9404 section 4.2): a blob's bytes as text or base64, its size and its
 * digests, optionally of the range {@code offset} .. {@code offset + length}. Only blobs the
 * account references are found.
 */
final class BlobGet implements Method {
    static final List<String> DEFAULT = List.of("data", "size");
    private static final Set<String> KNOWN = Set.of("data", "data:asText", "data:asBase64", "size", "digest:sha",
            "digest:sha-256");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        List<String> ids = args.stringList("ids");
        if (ids == null) {
            throw Args.invalid("ids", "is required");
        }
        if (ids.size() > context.limits().maxObjectsInGet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInGet()
                    + " blobs may be fetched in one call (maxObjectsInGet)"));
        }
        List<String> requested = args.stringList("properties");
        Set<String> properties = new LinkedHashSet<>(requested == null ? DEFAULT : requested);
        List<String> unknown = properties.stream().filter(p -> !KNOWN.contains(p)).toList();
        if (!unknown.isEmpty()) {
            throw Args.invalid("properties", "names unknown properties: " + String.join(", ", unknown));
        }
        long offset = args.unsignedInteger("offset", 0);
        long length = args.get("length") == null ? -1 : args.unsignedInteger("length", 0);
        args.done();

        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        ArrayNode list = response.putArray("list");
        ArrayNode notFound = response.putArray("notFound");
        for (String requestedId : ids) {
            // RFC 8620 section 5.3: a "#creationId" stands for the id the server gave; answer with that id.
            String id = context.resolveId(requestedId);
            Optional<byte[]> bytes = read(context, account, id);
            if (bytes.isEmpty()) {
                notFound.add(id);
                continue;
            }
            byte[] all = bytes.get();
            int from = (int) Math.min(offset, all.length);
            int to = length < 0 ? all.length : (int) Math.min(all.length, from + length);
            byte[] range = java.util.Arrays.copyOfRange(all, from, to);
            ObjectNode blob = list.addObject().put("id", id);
            if (offset > 0 || length >= 0) {
                blob.put("isTruncated", to - from < (length < 0 ? all.length - offset : length));
            }
            for (String property : properties) {
                switch (property) {
                    case "size" -> blob.put("size", all.length);
                    case "data:asBase64" -> blob.put("data:asBase64", Base64.getEncoder().encodeToString(range));
                    case "data:asText" -> text(blob, range, "data:asText");
                    case "data" -> {
                        if (!text(blob, range, "data:asText")) {
                            blob.remove("data:asText");
                            blob.remove("isEncodingProblem");
                            blob.put("data:asBase64", Base64.getEncoder().encodeToString(range));
                        }
                    }
                    case "digest:sha" -> blob.put("digest:sha", digest("SHA-1", range));
                    case "digest:sha-256" -> blob.put("digest:sha-256", digest("SHA-256", range));
                    default -> throw new IllegalStateException("unhandled Blob property " + property);
                }
            }
        }
        return response;
    }

    /** Writes the bytes as UTF-8 text; returns false (and marks isEncodingProblem) when they are not. */
    private static boolean text(ObjectNode blob, byte[] bytes, String property) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            blob.put(property, text);
            return true;
        } catch (CharacterCodingException e) {
            blob.put(property, new String(bytes, StandardCharsets.UTF_8));
            blob.put("isEncodingProblem", true);
            return false;
        }
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }

    private static Optional<byte[]> read(MethodContext context, AccountId account, String id) {
        BlobId blob;
        try {
            blob = new BlobId(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<InputStream> in = context.store().openBlob(account, blob);
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
