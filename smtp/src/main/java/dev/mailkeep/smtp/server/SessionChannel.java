// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.smtp.protocol.SmtpReplies;
import dev.mailkeep.smtp.protocol.SmtpReply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection as {@link SmtpSession} uses it: replies written in order and flushed when the
 * input is used up (RFC 2920 section 3.1), blocking work run on a virtual thread while the decoder
 * waits, the TLS upgrade, and closing. Every method runs on the channel's event loop.
 */
final class SessionChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SessionChannel.class);

    private final ChannelHandlerContext ctx;
    private final SmtpInputDecoder input;
    private final Executor blocking;
    private final String hostname;
    private boolean closing;

    SessionChannel(ChannelHandlerContext ctx, SmtpInputDecoder input, Executor blocking, String hostname) {
        this.ctx = ctx;
        this.input = input;
        this.blocking = blocking;
        this.hostname = hostname;
    }

    /** Queues a reply; it goes out with the next flush. */
    void reply(SmtpReply reply) {
        ctx.write(reply);
    }

    void flush() {
        ctx.flush();
    }

    /** Sends a last reply and closes; nothing more is read. */
    void closeWith(SmtpReply reply) {
        closing = true;
        input.pause();
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }

    /** Makes the decoder stream DATA content into {@code content}. */
    void readData(MessageBuffer content) {
        input.readData(content);
    }

    /** Makes the decoder read a BDAT chunk of {@code size} octets into {@code content}. */
    void readChunk(long size, MessageBuffer content) {
        input.readChunk(size, content);
    }

    /** True when the client sent more after the command being handled (pipelined input). */
    boolean hasPipelinedInput() {
        return input.hasBufferedInput();
    }

    /**
     * Puts TLS under the session (RFC 3207 section 4.2): the handler goes first in the pipeline in
     * start-TLS mode, so the {@code reply} still goes out in plain text and the next octet read is
     * the client's handshake.
     */
    void startTls(SslContext tls, SmtpReply reply) {
        ctx.pipeline().addFirst("tls", new SslHandler(tls.newEngine(ctx.alloc()), true));
        reply(reply);
    }

    /**
     * Runs {@code work} on a virtual thread while the decoder waits, then {@code then} with its
     * result on the event loop; a failure of the work is answered {@code 451 4.3.0}. Decoding of
     * pipelined input resumes afterwards, so replies stay in command order.
     */
    <T> void offload(Callable<T> work, Consumer<T> then) {
        input.pause();
        ctx.flush();
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(() -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, blocking);
        } catch (RejectedExecutionException e) {
            closeWith(SmtpReplies.shuttingDown(hostname));
            return;
        }
        future.whenCompleteAsync((result, error) -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (error == null) {
                then.accept(result);
            } else {
                LOG.warn("SMTP session from {}: store call failed", remoteAddress(), error);
                reply(SmtpReplies.localError());
            }
            if (!closing) {
                input.resume();
            }
            ctx.flush();
        }, ctx.executor());
    }
}
