// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Content coding of JSON responses (RFC 9110 sections 8.4.1 and 12.5.3): gzip (RFC 1952) or
 * deflate (the zlib format of RFC 1950), whichever the client's {@code Accept-Encoding} ranks
 * higher (gzip on a tie), for bodies worth compressing. Blob downloads are sent as stored, so
 * byte ranges keep meaning bytes of the blob.
 */
final class Compression {
    /** Below this a compressed body saves less than the headers cost. */
    static final int MIN_SIZE = 512;

    enum Coding {
        GZIP("gzip"),
        DEFLATE("deflate"),
        IDENTITY(null);

        final String token;

        Coding(String token) {
            this.token = token;
        }
    }

    private Compression() {}

    /** Sends the body with the content type, compressed when the client accepts it. */
    static void send(Context ctx, String contentType, byte[] body) throws IOException {
        ctx.res().addHeader("Vary", "Accept-Encoding");
        Coding coding = body.length < MIN_SIZE ? Coding.IDENTITY : choose(ctx.header("Accept-Encoding"));
        ctx.contentType(contentType);
        if (coding == Coding.IDENTITY) {
            ctx.result(body);
            return;
        }
        ctx.header("Content-Encoding", coding.token).result(encode(coding, body));
    }

    /** The preferred coding of an {@code Accept-Encoding} value; identity when none is acceptable. */
    static Coding choose(String acceptEncoding) {
        if (acceptEncoding == null) {
            return Coding.IDENTITY;
        }
        double gzip = -1;
        double deflate = -1;
        double any = -1;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            switch (name) {
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                case "deflate" -> deflate = Math.max(deflate, q);
                case "*" -> any = q;
                default -> { }
            }
        }
        gzip = gzip < 0 ? any : gzip;
        deflate = deflate < 0 ? any : deflate;
        if (gzip <= 0 && deflate <= 0) {
            return Coding.IDENTITY;
        }
        return gzip >= deflate ? Coding.GZIP : Coding.DEFLATE;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.length() > 2 && (param.charAt(0) == 'q' || param.charAt(0) == 'Q') && param.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(param.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    static byte[] encode(Coding coding, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (OutputStream compressing = coding == Coding.GZIP ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            compressing.write(body);
        }
        return out.toByteArray();
    }
}
