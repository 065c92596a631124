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
 * Content coding of JSON responses (RFC 9110 sections 8.4.1 and 12.5.3): Brotli (RFC 7932),
 * gzip (RFC 1952) or deflate (the zlib format of RFC 1950), whichever the client's
 * {@code Accept-Encoding} ranks highest (br, then gzip, on a tie), for bodies worth compressing.
 * Brotli is offered only where its native library loaded (Linux on x86-64 and ARM64). Blob
 * downloads are sent as stored, so byte ranges keep meaning bytes of the blob.
 */
final class Compression {
    /** Below this a compressed body saves less than the headers cost. */
    static final int MIN_SIZE = 512;

    /**
     * Brotli quality for responses made per request: 4 compresses JSON better than gzip's default
     * at about its speed; the higher levels cost many times the CPU for a few percent.
     */
    private static final int BROTLI_QUALITY = 4;
    private static final boolean BROTLI = loadBrotli();

    enum Coding {
        BROTLI("br"),
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

    private static boolean loadBrotli() {
        try {
            return com.aayushatharva.brotli4j.Brotli4jLoader.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** True when responses can be Brotli-coded on this machine. */
    static boolean brotliAvailable() {
        return BROTLI;
    }

    /** The preferred coding of an {@code Accept-Encoding} value; identity when none is acceptable. */
    static Coding choose(String acceptEncoding) {
        return choose(acceptEncoding, BROTLI);
    }

    static Coding choose(String acceptEncoding, boolean brotli) {
        if (acceptEncoding == null) {
            return Coding.IDENTITY;
        }
        double br = -1;
        double gzip = -1;
        double deflate = -1;
        double any = -1;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            switch (name) {
                case "br" -> br = Math.max(br, q);
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                case "deflate" -> deflate = Math.max(deflate, q);
                case "*" -> any = q;
                default -> { }
            }
        }
        br = !brotli ? 0 : br < 0 ? any : br;
        gzip = gzip < 0 ? any : gzip;
        deflate = deflate < 0 ? any : deflate;
        if (br <= 0 && gzip <= 0 && deflate <= 0) {
            return Coding.IDENTITY;
        }
        if (br >= gzip && br >= deflate) {
            return Coding.BROTLI;
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
        if (coding == Coding.BROTLI) {
            return com.aayushatharva.brotli4j.encoder.Encoder.compress(body,
                    new com.aayushatharva.brotli4j.encoder.Encoder.Parameters().setQuality(BROTLI_QUALITY)
                            .setMode(com.aayushatharva.brotli4j.encoder.Encoder.Mode.TEXT));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (OutputStream compressing = coding == Coding.GZIP ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            compressing.write(body);
        }
        return out.toByteArray();
    }
}
