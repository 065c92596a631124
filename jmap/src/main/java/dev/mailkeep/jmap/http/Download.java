// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blob download (RFC 8620 section 6.2): {@code GET downloadUrl} with the accountId, blobId, name
 * and type the client filled in. A blob is served only when the user's own account references
 * it; anything else is 404, so another account's blob ids reveal nothing.
 */
final class Download {
    private static final String TOKEN = "[A-Za-z0-9!#$&^_.+-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            TOKEN + "/" + TOKEN + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"[^\"\\\\\\r\\n]*\"))*");

    private final MailStore store;

    Download(MailStore store) {
        this.store = store;
    }

    void serve(Context ctx, Account user) {
        String type = ctx.queryParam("type");
        if (type == null || type.isEmpty()) {
            type = "application/octet-stream";
        } else if (!MEDIA_TYPE.matcher(type).matches()) {
            ctx.status(HttpStatus.BAD_REQUEST).contentType("text/plain; charset=utf-8").result("invalid type\n");
            return;
        }
        Optional<InputStream> blob = open(user, ctx.pathParam("accountId"), ctx.pathParam("blobId"));
        if (blob.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("blob not found\n");
            return;
        }
        ctx.contentType(type)
                .header("Content-Disposition", contentDisposition(ctx.pathParam("name")))
                // A blob id names immutable content (RFC 8620 section 6).
                .header("Cache-Control", "private, immutable, max-age=31536000")
                .header("X-Content-Type-Options", "nosniff")
                .result(blob.get());
    }

    private Optional<InputStream> open(Account user, String accountId, String blobId) {
        if (!user.id().value().equals(accountId)) {
            return Optional.empty();
        }
        try {
            return store.openBlob(new AccountId(accountId), new BlobId(blobId));
        } catch (IllegalArgumentException malformedId) {
            return Optional.empty();
        }
    }

    /** RFC 6266: an ASCII fallback plus the exact UTF-8 name as an RFC 8187 extended parameter. */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
