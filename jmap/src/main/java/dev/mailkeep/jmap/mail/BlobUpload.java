// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.core.SessionResource;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Blob/upload} (RFC 9404 section 4.1): creates blobs from inline text, base64, and ranges
 * of blobs the account already has, concatenated in order. The result must fit maxSizeUpload.
 */
final class BlobUpload implements Method {
    private static final int MAX_DATA_SOURCES = SessionResource.MAX_DATA_SOURCES;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        JsonNode create = args.get("create");
        if (create == null || !create.isObject()) {
            throw Args.invalid("create", "is required: an object of creation id to UploadObject");
        }
        args.done();
        if (create.size() > context.limits().maxObjectsInSet()) {
            throw new MethodException(MethodError.requestTooLarge("at most " + context.limits().maxObjectsInSet()
                    + " blobs may be created in one call (maxObjectsInSet)"));
        }
        ObjectNode created = JSON.objectNode();
        ObjectNode notCreated = JSON.objectNode();
        for (Map.Entry<String, JsonNode> entry : create.properties()) {
            try {
                byte[] data = concatenate(entry.getValue(), context, account);
                BlobId blob = context.store().uploadBlob(account, data);
                context.createdIds().put(entry.getKey(), blob.value());
                JsonNode type = entry.getValue().get("type");
                created.putObject(entry.getKey()).put("id", blob.value())
                        .put("type", type != null && type.isTextual() ? type.textValue() : "application/octet-stream")
                        .put("size", data.length);
            } catch (Refused e) {
                notCreated.set(entry.getKey(), Wire.write(e.error));
            }
        }
        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.set("created", created.isEmpty() ? JSON.nullNode() : created);
        response.set("notCreated", notCreated.isEmpty() ? JSON.nullNode() : notCreated);
        return response;
    }

    private static final class Refused extends Exception {
        private final transient SetError error;

        Refused(String type, String description) {
            super(description, null, false, false);
            this.error = new SetError(type, description, "invalidProperties".equals(type) ? List.of("data") : List.of());
        }
    }

    private static byte[] concatenate(JsonNode upload, MethodContext context, AccountId account) throws Refused {
        JsonNode sources = upload.get("data");
        if (!upload.isObject() || sources == null || !sources.isArray()) {
            throw new Refused("invalidProperties", "an UploadObject is {data: [DataSourceObject], type}");
        }
        if (sources.size() > MAX_DATA_SOURCES) {
            throw new Refused("tooLarge", "at most " + MAX_DATA_SOURCES + " data sources");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode source : sources) {
            if (source.path("data:asText").isTextual()) {
                out.writeBytes(source.get("data:asText").textValue().getBytes(StandardCharsets.UTF_8));
            } else if (source.path("data:asBase64").isTextual()) {
                try {
                    out.writeBytes(Base64.getDecoder().decode(source.get("data:asBase64").textValue()));
                } catch (IllegalArgumentException e) {
                    throw new Refused("invalidProperties", "data:asBase64 is not base64");
                }
            } else if (source.path("blobId").isTextual()) {
                out.writeBytes(range(source, context, account));
            } else {
                throw new Refused("invalidProperties", "each DataSourceObject has data:asText, data:asBase64 or blobId");
            }
            if (out.size() > context.limits().maxSizeUpload()) {
                throw new Refused("tooLarge", "the blob would exceed maxSizeUpload (" + context.limits().maxSizeUpload() + ")");
            }
        }
        return out.toByteArray();
    }

    private static byte[] range(JsonNode source, MethodContext context, AccountId account) throws Refused {
        String id = context.resolveId(source.get("blobId").textValue());
        Optional<InputStream> in;
        try {
            in = context.store().openBlob(account, new BlobId(id));
        } catch (IllegalArgumentException e) {
            in = Optional.empty();
        }
        if (in.isEmpty()) {
            throw new Refused("blobNotFound", "no blob " + id + " in this account");
        }
        long offset = source.path("offset").asLong(0);
        long length = source.hasNonNull("length") ? source.get("length").asLong() : -1;
        try (InputStream stream = in.get()) {
            byte[] all = stream.readAllBytes();
            if (offset < 0 || offset > all.length || (length >= 0 && offset + length > all.length)) {
                throw new Refused("invalidProperties", "the range lies outside blob " + id);
            }
            return java.util.Arrays.copyOfRange(all, (int) offset, length < 0 ? all.length : (int) (offset + length));
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + id + " could not be read", e);
        }
    }
}
