// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.smtp.delivery.InboundPolicy;
import dev.mailkeep.smtp.delivery.LocalDelivery;
import dev.mailkeep.smtp.protocol.SmtpReplies;
import dev.mailkeep.store.MailStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP server: one Netty acceptor per {@link SmtpListener}, sessions on a shared event loop
 * group, blocking store work on virtual threads. Start it with {@link #start}; {@link #close()}
 * stops accepting, tells open sessions {@code 421} and closes them, then stops the event loops.
 */
public final class SmtpServer implements AutoCloseable {
    /** RFC 5321 section 4.5.3.2.7: the server waits at least five minutes for the next command. */
    private static final int IDLE_SECONDS = 300;

    private final SmtpSettings settings;
    private final EventLoopGroup group;
    private final ExecutorService blocking;
    private final ChannelGroup channels;
    private final Map<String, InetSocketAddress> bound = new LinkedHashMap<>();

    private SmtpServer(SmtpSettings settings) {
        this.settings = settings;
        this.group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        this.blocking = Executors.newVirtualThreadPerTaskExecutor();
        this.channels = new DefaultChannelGroup("smtp", GlobalEventExecutor.INSTANCE);
    }

    /**
     * Binds every listener (port 0 for an ephemeral port) and starts serving.
     *
     * @throws IOException naming the listener and its address when one cannot be bound; the
     *     listeners already bound are closed again
     * @throws IllegalArgumentException for duplicate listener names, or a SUBMISSIONS listener
     *     without TLS material
     */
    public static SmtpServer start(SmtpSettings settings, List<SmtpListener> listeners, MailStore store)
            throws IOException {
        return start(settings, listeners, store, InboundPolicy.acceptingAll());
    }

    /**
     * As {@link #start(SmtpSettings, List, MailStore)}, with {@code policy} deciding on every
     * message received on an {@link SmtpMode#INGRESS} listener (SPF, DKIM, DMARC).
     */
    public static SmtpServer start(SmtpSettings settings, List<SmtpListener> listeners, MailStore store,
                                   InboundPolicy policy) throws IOException {
        var names = new HashSet<String>();
        for (SmtpListener listener : listeners) {
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("duplicate SMTP listener name: " + listener.name());
            }
            if (listener.mode() == SmtpMode.SUBMISSIONS && settings.tls() == null) {
                throw new IllegalArgumentException("SMTP listener '" + listener.name()
                        + "' uses implicit TLS but no TLS certificate is configured");
            }
        }
        SslContext tls = settings.tls() == null ? null : new JdkSslContext(settings.tls(), false, null,
                IdentityCipherSuiteFilter.INSTANCE, null, ClientAuth.NONE, null, false);
        LocalDelivery delivery = new LocalDelivery(store, settings.hostname());
        SmtpServer server = new SmtpServer(settings);
        try {
            for (SmtpListener listener : listeners) {
                var context = new ListenerContext(settings, listener.mode(), store, delivery, policy, server.blocking, tls);
                server.bind(listener, context);
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind(SmtpListener listener, ListenerContext context) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        boolean implicitTls = context.mode() == SmtpMode.SUBMISSIONS;
                        if (implicitTls) {
                            channel.pipeline().addLast("tls", new SslHandler(context.tls().newEngine(channel.alloc())));
                        }
                        SmtpInputDecoder input = new SmtpInputDecoder();
                        channel.pipeline()
                                .addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                                .addLast("input", input)
                                .addLast("replies", SmtpReplyEncoder.INSTANCE)
                                .addLast("session", new SmtpSession(context, input, implicitTls));
                    }
                });
        var future = bootstrap.bind(listener.bind()).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IOException("cannot bind SMTP listener '" + listener.name() + "' to " + listener.bind()
                    + ": " + future.cause().getMessage(), future.cause());
        }
        Channel channel = future.channel();
        channels.add(channel);
        bound.put(listener.name(), (InetSocketAddress) channel.localAddress());
    }

    /** The address each listener is bound to, by listener name, in the order given to {@link #start}. */
    public Map<String, InetSocketAddress> boundAddresses() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(bound));
    }

    @Override
    public void close() {
        channels.writeAndFlush(SmtpReplies.shuttingDown(settings.hostname())).awaitUninterruptibly(2, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        blocking.shutdown();
        try {
            blocking.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
