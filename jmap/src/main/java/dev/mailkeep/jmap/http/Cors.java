// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin access for browser clients (the Fetch standard's CORS protocol). Only the
 * configured origins are answered with {@code Access-Control-*} headers; every other origin gets
 * none, so the browser keeps the response from its script. Preflight requests ({@code OPTIONS}
 * with {@code Access-Control-Request-Method}) are answered here and never reach authentication,
 * as browsers send them without credentials. {@code Authorization} is an allowed request header,
 * and the headers a client needs to react to a refusal ({@code WWW-Authenticate},
 * {@code Retry-After}) are exposed.
 */
final class Cors {
    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Last-Event-ID";
    static final String EXPOSED_HEADERS = "WWW-Authenticate, Retry-After, Content-Disposition";
    static final long MAX_AGE_SECONDS = 600;
    private static final Set<String> METHODS = Set.of("GET", "POST");

    private final Set<String> origins;
    private final boolean anyOrigin;

    /** @param origins {@code scheme://host[:port]} each, compared case-insensitively; {@code *} for any */
    Cors(List<String> origins) {
        this.anyOrigin = origins.contains("*");
        this.origins = Set.copyOf(origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList());
    }

    boolean enabled() {
        return anyOrigin || !origins.isEmpty();
    }

    /** Before every JMAP request: marks the response as readable by an allowed origin. */
    void decorate(Context ctx) {
        if (!enabled()) {
            return;
        }
        ctx.res().addHeader("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (allowed(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    /**
     * Answers {@code OPTIONS} on a JMAP endpoint: 204 with {@code Allow}, and for a preflight from
     * an allowed origin asking for GET or POST, the {@code Access-Control-Allow-*} headers.
     */
    void preflight(Context ctx) {
        ctx.status(HttpStatus.NO_CONTENT).header("Allow", ALLOWED_METHODS);
        String method = ctx.header("Access-Control-Request-Method");
        if (enabled() && allowed(ctx.header("Origin")) && method != null && METHODS.contains(method.trim())) {
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", Long.toString(MAX_AGE_SECONDS));
        } else {
            ctx.res().setHeader("Access-Control-Allow-Origin", null);
            ctx.res().setHeader("Access-Control-Expose-Headers", null);
        }
    }

    private boolean allowed(String origin) {
        return origin != null && !origin.equals("null") && (anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT)));
    }
}
