// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailkeep.jmap.core.Capability;
import dev.mailkeep.jmap.core.Dispatcher;
import dev.mailkeep.jmap.core.SessionResource;
import dev.mailkeep.jmap.http.JmapHttp;
import dev.mailkeep.jmap.mail.MailMethods;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.jmap.push.PushHub;
import dev.mailkeep.jmap.push.PushSettings;
import dev.mailkeep.jmap.push.PushSubscriptionGet;
import dev.mailkeep.jmap.push.PushSubscriptionSet;
import dev.mailkeep.jmap.push.PushSubscriptions;
import dev.mailkeep.store.MailStore;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import io.javalin.compression.CompressionStrategy;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The JMAP server: HTTPS with HTTP/2 and HTTP/1.1 (Jetty through Javalin, requests on virtual threads) in front of the
 * dispatcher and methods, over a {@link MailStore} the caller owns and closes.
 */
public final class JmapServer implements AutoCloseable {
    private final Javalin app;
    private final InetSocketAddress boundAddress;
    private final PushHub push;
    private final PushSubscriptions subscriptions;
    private final JmapHttp http;

    private JmapServer(Javalin app, InetSocketAddress boundAddress, PushHub push, PushSubscriptions subscriptions,
                       JmapHttp http) {
        this.app = app;
        this.http = http;
        this.boundAddress = boundAddress;
        this.push = push;
        this.subscriptions = subscriptions;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException when the address cannot be bound, naming it and the cause
     */
    public static JmapServer start(JmapSettings settings, MailStore store) {
        return start(settings, store, PushSettings.DEFAULT);
    }

    /** As {@link #start(JmapSettings, MailStore)}, with how PushSubscriptions may reach out. */
    public static JmapServer start(JmapSettings settings, MailStore store, PushSettings pushSettings) {
        ObjectMapper mapper = new ObjectMapper();
        JmapLimits limits = settings.limits();
        SessionResource session = new SessionResource(limits,
                pushSettings.vapid() == null ? null : pushSettings.vapid().applicationServerKey());
        PushHub push = PushHub.listenTo(store);
        PushSubscriptions subscriptions = new PushSubscriptions(store, push, pushSettings, java.time.Clock.systemUTC());
        Dispatcher dispatcher = new Dispatcher(MailMethods.registry()
                .register("PushSubscription/get", Capability.CORE, new PushSubscriptionGet(subscriptions))
                .register("PushSubscription/set", Capability.CORE, new PushSubscriptionSet(subscriptions)),
                store, limits, session, new Wire(mapper));
        JmapHttp http = new JmapHttp(store, limits, dispatcher, session, mapper, push, settings.login(), settings.corsOrigins());

        AtomicReference<ServerConnector> connector = new AtomicReference<>();
        Javalin app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, true));
            // JSON responses are compressed by JmapHttp (gzip or deflate); blobs go out as stored.
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.jetty.addConnector((server, httpConfig) -> {
                ServerConnector c;
                if (settings.tls() == null) {
                    c = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                } else {
                    SecureRequestCustomizer secure = new SecureRequestCustomizer();
                    // Clients reach a self-hosted server by IP or by names its certificate may not list.
                    secure.setSniHostCheck(false);
                    httpConfig.addCustomizer(secure);
                    SslContextFactory.Server tls = new SslContextFactory.Server();
                    tls.setSslContext(settings.tls());
                    // RFC 9113 section 9.2.2: ciphers HTTP/2 forbids are ordered last.
                    tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
                    HttpConnectionFactory http1 = new HttpConnectionFactory(httpConfig);
                    HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(httpConfig);
                    // RFC 7301: h2 when the client offers it by ALPN, else HTTP/1.1.
                    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
                    alpn.setDefaultProtocol(http1.getProtocol());
                    c = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http2, http1);
                }
                c.setHost(settings.bind().getHostString());
                c.setPort(settings.bind().getPort());
                connector.set(c);
                return c;
            });
            // RFC 8887 messages obey maxSizeRequest (answered with a limit RequestError); a frame far
            // beyond it closes the socket before it is buffered whole.
            cfg.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxTextMessageSize(Math.min(Integer.MAX_VALUE, 2 * limits.maxSizeRequest()));
                ws.setIdleTimeout(java.time.Duration.ofMinutes(5));
            });
            http.routes(cfg.routes);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            subscriptions.close();
            push.close();
            app.stop();
            throw new IllegalStateException("JMAP server could not listen on " + settings.bind() + ": " + rootMessage(e), e);
        }
        InetSocketAddress bound = new InetSocketAddress(settings.bind().getAddress(), connector.get().getLocalPort());
        return new JmapServer(app, bound, push, subscriptions, http);
    }

    /** The address actually bound: the configured one, with the ephemeral port filled in. */
    public InetSocketAddress boundAddress() {
        return boundAddress;
    }

    /** Ends push connections, stops listening and waits for requests in progress to end. */
    @Override
    public void close() {
        subscriptions.close();
        push.close();
        http.closeWebSockets();
        app.stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
