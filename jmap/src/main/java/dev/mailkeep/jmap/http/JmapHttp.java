// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.core.Dispatcher;
import dev.mailkeep.jmap.core.SessionResource;
import dev.mailkeep.jmap.protocol.Problem;
import dev.mailkeep.jmap.protocol.RequestRejected;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.jmap.push.PushHub;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.account.LoginThrottle;
import dev.mailkeep.store.model.Account;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The JMAP HTTP endpoints (RFC 8620 sections 2 and 3.1): {@code /.well-known/jmap} redirecting to
 * the session resource, the session resource and the API endpoint. Handlers only translate
 * between HTTP and the {@link Dispatcher}; every endpoint but the redirect needs Basic or Bearer
 * auth ({@link HttpAuth}). JSON responses are compressed when the client accepts it
 * ({@link Compression}); browser origins are let in by {@link Cors}.
 */
public final class JmapHttp {
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
    private static final String PROBLEM_JSON = "application/problem+json";

    private final HttpAuth auth;
    private final Dispatcher dispatcher;
    private final SessionResource session;
    private final JmapLimits limits;
    private final ConcurrencyLimit concurrency;
    private final ObjectMapper mapper;
    private final Download download;
    private final Upload upload;
    private final WebSocketApi webSocket;
    private final ConcurrencyLimit uploads;
    private final MailStore store;
    private final EventSource eventSource;
    private final EventSourceToken eventSourceTokens = new EventSourceToken(Clock.systemUTC());

    private final Cors cors;

    public JmapHttp(MailStore store, JmapLimits limits, Dispatcher dispatcher, SessionResource session, ObjectMapper mapper,
                    PushHub push, LoginThrottle login, List<String> corsOrigins) {
        this.store = store;
        this.eventSource = new EventSource(push, mapper);
        this.auth = new HttpAuth(store, login);
        this.cors = new Cors(corsOrigins);
        this.dispatcher = dispatcher;
        this.session = session;
        this.limits = limits;
        this.concurrency = new ConcurrencyLimit(limits.maxConcurrentRequests());
        this.mapper = mapper;
        this.download = new Download(store);
        this.upload = new Upload(store, limits, mapper);
        this.webSocket = new WebSocketApi(dispatcher, mapper, auth, concurrency, limits, push);
        this.uploads = new ConcurrencyLimit(limits.maxConcurrentUpload());
    }

    /** Ends open WebSockets so that stopping the server does not wait for their idle timeout. */
    public void closeWebSockets() {
        webSocket.closeAll();
    }

    public void routes(RoutesConfig routes) {
        routes.before(cors::decorate);
        for (String path : List.of("/.well-known/jmap", SessionResource.SESSION_PATH, SessionResource.API_PATH,
                SessionResource.DOWNLOAD_PATH + "/{accountId}/{blobId}/{name}", SessionResource.UPLOAD_PATH + "/{accountId}",
                SessionResource.UPLOAD_PATH + "/{accountId}/", SessionResource.EVENT_SOURCE_PATH)) {
            routes.options(path, cors::preflight);
        }
        routes.get("/.well-known/jmap",
                ctx -> ctx.redirect(baseUrl(ctx) + SessionResource.SESSION_PATH, HttpStatus.TEMPORARY_REDIRECT));
        routes.get(SessionResource.SESSION_PATH, this::session);
        routes.post(SessionResource.API_PATH, this::api);
        routes.get(SessionResource.DOWNLOAD_PATH + "/{accountId}/{blobId}/{name}", this::download);
        routes.post(SessionResource.UPLOAD_PATH + "/{accountId}", this::upload);
        routes.post(SessionResource.UPLOAD_PATH + "/{accountId}/", this::upload);
        routes.get(SessionResource.EVENT_SOURCE_PATH, this::eventSource);
        routes.wsBeforeUpgrade(SessionResource.WEBSOCKET_PATH, ctx -> {
            if (authenticate(ctx).isEmpty()) {
                throw new io.javalin.http.UnauthorizedResponse();
            }
            // RFC 8887 section 4.2: the subprotocol is "jmap".
            ctx.header("Sec-WebSocket-Protocol", "jmap");
            webSocket.upgradeAccepted();
        });
        webSocket.routes(routes);
    }

    private void upload(Context ctx) throws IOException {
        Optional<Account> user = authenticate(ctx);
        if (user.isEmpty()) {
            return;
        }
        Optional<ConcurrencyLimit.Permit> permit = uploads.tryAcquire(user.get().id().value());
        if (permit.isEmpty()) {
            problem(ctx, Problem.limit("maxConcurrentUpload", "at most " + limits.maxConcurrentUpload()
                    + " uploads may be in progress at once"));
            return;
        }
        try {
            upload.serve(ctx, user.get());
        } catch (RequestRejected e) {
            problem(ctx, e.problem());
        } finally {
            permit.get().close();
        }
    }

    private void download(Context ctx) throws IOException {
        Optional<Account> user = authenticate(ctx);
        if (user.isPresent()) {
            download.serve(ctx, user.get());
        }
    }

    private void session(Context ctx) throws IOException {
        Optional<Account> user = authenticate(ctx);
        if (user.isPresent()) {
            ObjectNode described = session.describe(user.get(), baseUrl(ctx));
            described.put("eventSourceUrl", described.get("eventSourceUrl").textValue()
                    + "&access_token=" + eventSourceTokens.issue(user.get().id()));
            json(ctx, described);
        }
    }

    /**
     * RFC 8620 section 7.3, authenticated by Basic or by the session's signed {@code access_token}
     * (which browsers need, as their EventSource sends no Authorization header).
     */
    private void eventSource(Context ctx) throws IOException, InterruptedException {
        String token = ctx.queryParam("access_token");
        Optional<Account> user = token == null ? authenticate(ctx)
                : eventSourceTokens.verify(token).flatMap(store::account);
        if (user.isEmpty()) {
            if (token != null) {
                ctx.status(HttpStatus.UNAUTHORIZED).contentType("text/plain; charset=utf-8")
                        .result("the access token is invalid or expired; fetch the session again\n");
            }
            return;
        }
        EventSourceRequest request;
        try {
            request = EventSourceRequest.parse(ctx.queryParams("types"), ctx.queryParams("closeafter"), ctx.queryParams("ping"));
        } catch (IllegalArgumentException e) {
            ObjectNode problem = mapper.createObjectNode().put("type", "about:blank").put("status", 400)
                    .put("title", "Bad EventSource request").put("detail", e.getMessage());
            ctx.status(HttpStatus.BAD_REQUEST).contentType(PROBLEM_JSON).result(mapper.writeValueAsBytes(problem));
            return;
        }
        eventSource.serve(ctx, user.get(), request);
    }

    private void api(Context ctx) throws IOException {
        Optional<Account> user = authenticate(ctx);
        if (user.isEmpty()) {
            return;
        }
        Optional<ConcurrencyLimit.Permit> permit = concurrency.tryAcquire(user.get().id().value());
        if (permit.isEmpty()) {
            problem(ctx, Problem.limit("maxConcurrentRequests", "at most " + limits.maxConcurrentRequests()
                    + " requests may be in progress at once"));
            return;
        }
        try {
            byte[] body = LimitedBody.read(ctx.bodyInputStream(), ctx.req().getContentLengthLong(), limits.maxSizeRequest(),
                    "maxSizeRequest");
            json(ctx, dispatcher.handle(body, user.get()));
        } catch (RequestRejected e) {
            problem(ctx, e.problem());
        } finally {
            permit.get().close();
        }
    }

    /** The authenticated user; otherwise the response is already set (401, or 429 after too many failures). */
    private Optional<Account> authenticate(Context ctx) {
        return switch (auth.authenticate(ctx.header("Authorization"), ctx.req().getRemoteAddr())) {
            case HttpAuth.Outcome.Authenticated(Account account) -> Optional.of(account);
            case HttpAuth.Outcome.Refused() -> {
                HttpAuth.CHALLENGES.forEach(challenge -> ctx.res().addHeader("WWW-Authenticate", challenge));
                ctx.status(HttpStatus.UNAUTHORIZED)
                        .contentType("text/plain; charset=utf-8")
                        .result("authentication required\n");
                yield Optional.empty();
            }
            case HttpAuth.Outcome.Throttled(long retryAfter) -> {
                ctx.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header("Retry-After", Long.toString(retryAfter))
                        .contentType("text/plain; charset=utf-8")
                        .result("too many failed logins; try again later\n");
                yield Optional.empty();
            }
        };
    }

    /** Scheme and authority as the client addressed this server, for the session's absolute URLs. */
    private static String baseUrl(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = ctx.req().getLocalAddr().contains(":") ? "[" + ctx.req().getLocalAddr() + "]:" + ctx.req().getLocalPort()
                    : ctx.req().getLocalAddr() + ":" + ctx.req().getLocalPort();
        }
        return ctx.scheme() + "://" + host;
    }

    private void json(Context ctx, ObjectNode body) throws IOException {
        Compression.send(ctx, "application/json; charset=utf-8", mapper.writeValueAsBytes(body));
    }

    private void problem(Context ctx, Problem problem) throws IOException {
        ctx.status(problem.status());
        Compression.send(ctx, PROBLEM_JSON, mapper.writeValueAsBytes(Wire.write(problem)));
    }
}
