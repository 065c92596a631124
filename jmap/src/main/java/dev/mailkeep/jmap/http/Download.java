// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blob download (RFC 8620 section 6.2): {@code GET downloadUrl} with the accountId, blobId, name
 * and type the client filled in. A blob is served only when the user's own account references
 * it; anything else is 404, so another account's blob ids reveal nothing. A single byte range
 * (RFC 9110 section 14) is served with 206; the blob is then read once to learn its size.
 */
final class Download {
    private static final String TOKEN = "[A-Za-z0-9!#$&^_.+-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            TOKEN + "/" + TOKEN + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"[^\"\\\\\\r\\n]*\"))*");

    private final MailStore store;

    Download(MailStore store) {
        this.store = store;
    }

    void serve(Context ctx, Account user) throws IOException {
        String type = ctx.queryParam("type");
        if (type == null || type.isEmpty()) {
            type = "application/octet-stream";
        } else if (!MEDIA_TYPE.matcher(type).matches()) {
            ctx.status(HttpStatus.BAD_REQUEST).contentType("text/plain; charset=utf-8").result("invalid type\n");
            return;
        }
        String accountId = ctx.pathParam("accountId");
        String blobId = ctx.pathParam("blobId");
        Optional<InputStream> blob = open(user, accountId, blobId);
        if (blob.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("blob not found\n");
            return;
        }
        ctx.header("Content-Disposition", contentDisposition(ctx.pathParam("name")))
                // A blob id names immutable content (RFC 8620 section 6).
                .header("Cache-Control", "private, immutable, max-age=31536000")
                .header("X-Content-Type-Options", "nosniff")
                .header("Accept-Ranges", "bytes");
        String range = ctx.header("Range");
        if (range == null) {
            ctx.contentType(type).result(blob.get());
            return;
        }
        long size;
        try (InputStream counting = blob.get()) {
            size = counting.transferTo(OutputStream.nullOutputStream());
        }
        switch (ByteRange.of(range, size)) {
            case ByteRange.Whole() -> ctx.contentType(type).result(open(user, accountId, blobId).orElseThrow());
            case ByteRange.Unsatisfiable() -> ctx.status(HttpStatus.RANGE_NOT_SATISFIABLE)
                    .header("Content-Range", "bytes */" + size)
                    .result(new byte[0]);
            case ByteRange.Part part -> {
                ctx.status(HttpStatus.PARTIAL_CONTENT)
                        .contentType(type)
                        .header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size)
                        .header("Content-Length", Long.toString(part.length()));
                // Written past Javalin's result handling so the partial bytes are never re-encoded.
                try (InputStream in = open(user, accountId, blobId).orElseThrow();
                     OutputStream out = ctx.res().getOutputStream()) {
                    in.skipNBytes(part.first());
                    copy(in, out, part.length());
                }
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("blob shorter than its counted size");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
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
