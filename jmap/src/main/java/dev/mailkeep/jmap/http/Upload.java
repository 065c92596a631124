// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.protocol.RequestRejected;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;

/**
 * Binary upload (RFC 8620 section 6.1): {@code POST uploadUrl} with the bytes as the body. The
 * blob is stored for the user's own account (any other account id is 404) and answered with
 * 201 and {@code {accountId, blobId, type, size}}. A body over maxSizeUpload is refused with the
 * limit problem before it is stored.
 */
final class Upload {
    private final MailStore store;
    private final JmapLimits limits;
    private final ObjectMapper mapper;

    Upload(MailStore store, JmapLimits limits, ObjectMapper mapper) {
        this.store = store;
        this.limits = limits;
        this.mapper = mapper;
    }

    void serve(Context ctx, Account user) throws IOException, RequestRejected {
        if (!user.id().value().equals(ctx.pathParam("accountId"))) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("account not found\n");
            return;
        }
        byte[] data = LimitedBody.read(ctx.bodyInputStream(), ctx.req().getContentLengthLong(), limits.maxSizeUpload(),
                "maxSizeUpload");
        BlobId blob = store.uploadBlob(user.id(), data);
        String type = ctx.contentType() == null || ctx.contentType().isBlank() ? "application/octet-stream" : ctx.contentType();
        ObjectNode response = JsonNodeFactory.instance.objectNode()
                .put("accountId", user.id().value())
                .put("blobId", blob.value())
                .put("type", type)
                .put("size", data.length);
        ctx.status(HttpStatus.CREATED).contentType("application/json; charset=utf-8").result(mapper.writeValueAsBytes(response));
    }
}
