// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.smtp.delivery.InboundMessage;
import dev.mailkeep.smtp.delivery.InboundPolicy;
import dev.mailkeep.smtp.delivery.Trace;
import dev.mailkeep.smtp.protocol.CommandParser;
import dev.mailkeep.smtp.protocol.Mailbox;
import dev.mailkeep.smtp.protocol.ParseResult;
import dev.mailkeep.smtp.protocol.SmtpCommand;
import dev.mailkeep.smtp.protocol.SmtpCommand.Auth;
import dev.mailkeep.smtp.protocol.SmtpCommand.Bdat;
import dev.mailkeep.smtp.protocol.SmtpCommand.Hello;
import dev.mailkeep.smtp.protocol.SmtpCommand.Mail;
import dev.mailkeep.smtp.protocol.SmtpCommand.Rcpt;
import dev.mailkeep.smtp.protocol.SmtpReplies;
import dev.mailkeep.smtp.protocol.SmtpReply;
import dev.mailkeep.smtp.server.RecipientPolicy.Decision;
import dev.mailkeep.smtp.server.SessionState.Authenticating;
import dev.mailkeep.smtp.server.SessionState.Chunking;
import dev.mailkeep.smtp.server.SessionState.Connected;
import dev.mailkeep.smtp.server.SessionState.Idle;
import dev.mailkeep.smtp.server.SessionState.ReadingChunk;
import dev.mailkeep.smtp.server.SessionState.ReceivingData;
import dev.mailkeep.smtp.server.SessionState.Transaction;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.account.LoginThrottle;
import dev.mailkeep.store.model.Account;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP server session (RFC 5321 section 4.1.4 command order), one method per command. Frames
 * come from {@link SmtpInputDecoder}; replies go out as {@link SmtpReply} through
 * {@link SmtpReplyEncoder} and are flushed when the client's input is used up, so pipelined
 * commands (RFC 2920) get their replies in order and in one write. Store calls and password
 * checks run on a virtual thread while the decoder is paused; their reply is written back on the
 * event loop, then decoding resumes.
 */
final class SmtpSession extends ChannelInboundHandlerAdapter {
    /** RFC 5321 section 4.5.3.1.8: at least 100 recipients must be accepted. */
    static final int MAX_RECIPIENTS = 100;
    /** Failed AUTH attempts after which the connection is closed. */
    static final int MAX_AUTH_FAILURES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);

    private final ListenerContext context;
    private final SmtpInputDecoder input;
    private SessionChannel channel;
    private SessionState state = new Connected();
    private boolean tls;
    private Account user;
    private int authFailures;

    SmtpSession(ListenerContext context, SmtpInputDecoder input, boolean implicitTls) {
        this.context = context;
        this.input = input;
        this.tls = implicitTls;
    }

    // ---- Netty events --------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = new SessionChannel(ctx, input, context.blocking(), context.hostname());
        channel.reply(SmtpReplies.greeting(context.hostname()));
        channel.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch ((InboundFrame) msg) {
            case InboundFrame.CommandLine line -> onLine(line.text());
            case InboundFrame.LineTooLong tooLong -> onBadLine(SmtpReplies.lineTooLong());
            case InboundFrame.LineNotUtf8 notUtf8 -> onBadLine(SmtpReplies.lineNotUtf8());
            case InboundFrame.DataEnd end -> dataReceived((ReceivingData) state);
            case InboundFrame.ChunkEnd end -> chunkReceived((ReadingChunk) state);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        channel.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            closeWith(SmtpReplies.timeout(context.hostname()));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("SMTP session from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private void onLine(String text) {
        if (state instanceof Authenticating auth) {
            saslStep(SaslDialogue.respond(auth, text));
            return;
        }
        switch (CommandParser.parse(text)) {
            case ParseResult.Invalid invalid -> reply(invalid.reply());
            case ParseResult.Parsed parsed -> dispatch(parsed.command());
        }
    }

    private void onBadLine(SmtpReply reply) {
        if (state instanceof Authenticating auth) {
            state = new Idle(auth.hello());
        }
        reply(reply);
    }

    private void dispatch(SmtpCommand command) {
        switch (command) {
            case Hello hello -> hello(hello);
            case Mail mail -> mail(mail);
            case Rcpt rcpt -> rcpt(rcpt);
            case SmtpCommand.Data data -> data();
            case Bdat bdat -> bdat(bdat);
            case SmtpCommand.Rset rset -> rset();
            case SmtpCommand.Noop noop -> reply(SmtpReplies.ok());
            case SmtpCommand.Vrfy vrfy -> reply(SmtpReplies.cannotVerify());
            case SmtpCommand.Help help -> reply(SmtpReplies.help());
            case SmtpCommand.Quit quit -> closeWith(SmtpReplies.closing(context.hostname()));
            case SmtpCommand.StartTls startTls -> startTls();
            case Auth auth -> auth(auth);
        }
    }

    // ---- commands ------------------------------------------------------------------------------

    /** EHLO/HELO (RFC 5321 section 4.1.1.1); also aborts any transaction. */
    private void hello(Hello hello) {
        state = new Idle(hello);
        reply(hello.extended()
                ? SmtpReplies.ehlo(context.hostname(), extensions())
                : SmtpReplies.helo(context.hostname()));
    }

    private List<String> extensions() {
        List<String> keywords = new ArrayList<>(List.of(
                "PIPELINING", "SIZE " + context.settings().maxMessageSize(), "8BITMIME", "SMTPUTF8",
                "ENHANCEDSTATUSCODES", "CHUNKING"));
        if (context.tls() != null && !tls) {
            keywords.add("STARTTLS");
        }
        if (context.submission() && tls && user == null) {
            keywords.add("AUTH PLAIN LOGIN");
        }
        return keywords;
    }

    /** MAIL (RFC 5321 section 4.1.1.2); on submission listeners only as the authenticated user. */
    private void mail(Mail mail) {
        Hello hello;
        switch (state) {
            case Idle idle -> hello = idle.hello();
            case Connected connected -> {
                reply(SmtpReplies.badSequence("Send EHLO or HELO first"));
                return;
            }
            default -> {
                reply(SmtpReplies.badSequence("Nested MAIL command"));
                return;
            }
        }
        SmtpReply refusal = senderRefusal(mail);
        if (refusal != null) {
            reply(refusal);
            return;
        }
        state = new Transaction(hello, new Envelope(TransactionIds.next(), mail.sender(), mail.parameters(), List.of()));
        reply(SmtpReplies.senderOk());
    }

    private SmtpReply senderRefusal(Mail mail) {
        if (context.submission()) {
            if (!tls) {
                return SmtpReplies.tlsRequired();
            }
            if (user == null) {
                return SmtpReplies.authRequired();
            }
            if (mail.sender().map(s -> !s.address().equalsIgnoreCase(user.address())).orElse(true)) {
                return SmtpReplies.senderNotOwned();
            }
        }
        if (mail.parameters().size().orElse(0) > context.settings().maxMessageSize()) {
            return SmtpReplies.messageTooBig();
        }
        if (mail.sender().map(s -> !s.isAscii()).orElse(false) && !mail.parameters().smtpUtf8()) {
            return SmtpReplies.nonAsciiAddress();
        }
        return null;
    }

    /** RCPT (RFC 5321 section 4.1.1.3): local accounts of served domains only. */
    private void rcpt(Rcpt rcpt) {
        if (!(state instanceof Transaction transaction)) {
            reply(SmtpReplies.badSequence("Need MAIL before RCPT"));
            return;
        }
        Mailbox recipient = rcpt.recipient();
        Envelope envelope = transaction.envelope();
        if (!recipient.isAscii() && !envelope.parameters().smtpUtf8()) {
            reply(SmtpReplies.nonAsciiAddress());
            return;
        }
        if (envelope.hasRecipient(recipient.address())) {
            reply(SmtpReplies.recipientOk());
            return;
        }
        if (envelope.recipients().size() >= MAX_RECIPIENTS) {
            reply(SmtpReplies.tooManyRecipients());
            return;
        }
        Decision.Refuse refused = RecipientPolicy.byDomain(context.settings(), context.mode(), recipient);
        if (refused != null) {
            reply(refused.reply());
            return;
        }
        offload(() -> RecipientPolicy.byAccount(context.store(), recipient), decision -> {
            switch (decision) {
                case Decision.Accept accept -> {
                    state = new Transaction(transaction.hello(), envelope.withRecipient(accept.recipient()));
                    reply(SmtpReplies.recipientOk());
                }
                case Decision.Refuse refuse -> reply(refuse.reply());
            }
        });
    }

    /** DATA (RFC 5321 section 4.1.1.4): 354, then the decoder streams the content. */
    private void data() {
        switch (state) {
            case Transaction t when t.envelope().recipients().isEmpty() -> reply(SmtpReplies.noValidRecipients());
            case Transaction t -> {
                MessageBuffer content = new MessageBuffer(context.settings().maxMessageSize());
                state = new ReceivingData(t.hello(), t.envelope(), content);
                channel.readData(content);
                reply(SmtpReplies.startData());
            }
            case Chunking c -> reply(SmtpReplies.badSequence("DATA after BDAT"));
            default -> reply(SmtpReplies.badSequence("Need MAIL and RCPT before DATA"));
        }
    }

    private void dataReceived(ReceivingData data) {
        state = new Idle(data.hello());
        if (data.content().exceeded()) {
            reply(SmtpReplies.messageTooBig());
            return;
        }
        deliver(data.hello(), data.envelope(), data.content());
    }

    /** BDAT (RFC 3030 section 2): the chunk is always read, even when the command is refused. */
    private void bdat(Bdat bdat) {
        SessionState after = state;
        SmtpReply rejection = null;
        MessageBuffer sink = MessageBuffer.discarding();
        switch (state) {
            case Transaction t when t.envelope().recipients().isEmpty() -> rejection = SmtpReplies.noValidRecipients();
            case Transaction t -> {
                sink = new MessageBuffer(context.settings().maxMessageSize());
                after = new Chunking(t.hello(), t.envelope(), sink);
            }
            case Chunking c -> sink = c.content();
            default -> rejection = SmtpReplies.badSequence("Need MAIL and RCPT before BDAT");
        }
        state = new ReadingChunk(after, bdat.size(), bdat.last(), rejection);
        channel.readChunk(bdat.size(), sink);
    }

    private void chunkReceived(ReadingChunk chunk) {
        state = chunk.after();
        if (chunk.rejection() != null) {
            reply(chunk.rejection());
            return;
        }
        Chunking chunking = (Chunking) chunk.after();
        if (chunking.content().exceeded()) {
            state = new Idle(chunking.hello());
            reply(SmtpReplies.messageTooBig());
        } else if (!chunk.last()) {
            reply(SmtpReplies.chunkReceived(chunk.size()));
        } else {
            state = new Idle(chunking.hello());
            deliver(chunking.hello(), chunking.envelope(), chunking.content());
        }
    }

    /**
     * The 250 is sent only after the store committed (RFC 5321 section 6.1). Ingress mail is first
     * judged by the {@link InboundPolicy} (SPF, DKIM, DMARC), on the same virtual thread.
     */
    private void deliver(Hello hello, Envelope envelope, MessageBuffer content) {
        InetSocketAddress client = channel.remoteAddress();
        String protocol = Trace.protocol(hello.extended(), tls, user != null, envelope.parameters().smtpUtf8());
        Trace trace = new Trace(hello.clientName(), client.getAddress(), protocol, envelope.id(), Instant.now());
        InboundMessage message = new InboundMessage(trace, envelope.mailFrom(), envelope.recipients(), content.toByteArray());
        offload(() -> receive(message), (SmtpReply reply) -> reply(reply));
    }

    private SmtpReply receive(InboundMessage message) {
        InboundPolicy.Decision decision = context.submission()
                ? new InboundPolicy.Decision.Deliver(message.content(), MailboxRole.INBOX, null)
                : context.policy().decide(message);
        String id = message.trace().id();
        return switch (decision) {
            case InboundPolicy.Decision.Deliver deliver -> {
                List<EmailId> ids = context.delivery().deliver(message.withContent(deliver.content()), deliver.target());
                LOG.info("accepted {} from <{}> for {} recipient(s) into {}, {} octets{}", id, message.mailFrom(),
                        ids.size(), deliver.target().jmapName(), message.content().length,
                        deliver.verdict() == null ? "" : ", dmarc=" + deliver.verdict().dmarc().result());
                yield SmtpReplies.messageAccepted(id);
            }
            case InboundPolicy.Decision.Reject reject -> {
                LOG.info("refused {} from <{}>: DMARC policy of {} says reject", id, message.mailFrom(),
                        reject.verdict().dmarc().policyDomain());
                yield SmtpReplies.rejectedByDmarc(reject.verdict().dmarc().policyDomain());
            }
            case InboundPolicy.Decision.Defer defer -> {
                LOG.info("deferred {} from <{}>: DNS failure during authentication checks", id, message.mailFrom());
                yield SmtpReplies.authenticationDeferred();
            }
        };
    }

    private void rset() {
        state = switch (state) {
            case Connected c -> c;
            case Idle idle -> idle;
            case Transaction t -> new Idle(t.hello());
            case Chunking c -> new Idle(c.hello());
            case Authenticating a -> new Idle(a.hello());
            case ReceivingData d -> new Idle(d.hello());
            case ReadingChunk r -> r;
        };
        reply(SmtpReplies.ok());
    }

    /** STARTTLS (RFC 3207 section 4): the session starts over on the TLS layer. */
    private void startTls() {
        if (context.tls() == null) {
            reply(SmtpReplies.notImplemented());
        } else if (tls) {
            reply(SmtpReplies.badSequence("TLS already active"));
        } else if (channel.hasPipelinedInput()) {
            closeWith(SmtpReplies.pipelinedAfterStartTls());
        } else {
            tls = true;
            state = new Connected();
            user = null;
            channel.startTls(context.tls(), SmtpReplies.readyToStartTls());
        }
    }

    /** AUTH (RFC 4954 section 4) with PLAIN (RFC 4616) or LOGIN, over TLS only. */
    private void auth(Auth auth) {
        if (!context.submission() || context.tls() == null) {
            reply(SmtpReplies.notImplemented());
            return;
        }
        if (!tls) {
            reply(SmtpReplies.tlsRequired());
            return;
        }
        if (user != null) {
            reply(SmtpReplies.badSequence("Already authenticated"));
            return;
        }
        if (!(state instanceof Idle idle)) {
            reply(SmtpReplies.badSequence(state instanceof Connected
                    ? "Send EHLO first" : "AUTH not allowed during a mail transaction"));
            return;
        }
        saslStep(SaslDialogue.start(idle, auth));
    }

    private void saslStep(SaslDialogue.Step step) {
        switch (step) {
            case SaslDialogue.Step.Reply r -> {
                state = r.next();
                reply(r.reply());
            }
            case SaslDialogue.Step.Verify v -> {
                state = v.next();
                verify(v.credentials().username(), v.credentials().password());
            }
        }
    }

    /**
     * Checks the password on a virtual thread (hashing is slow by design), unless the shared
     * limiter holds the user or the client address: then 454 and no hash is computed.
     */
    private void verify(String username, char[] password) {
        LoginThrottle logins = context.settings().logins();
        String client = channel.remoteAddress().getAddress().getHostAddress();
        long retryAfter = logins.retryAfterSeconds(client, username);
        if (retryAfter > 0) {
            Arrays.fill(password, '\0');
            LOG.info("SMTP authentication for {} from {} refused: too many failed logins", username, client);
            reply(SmtpReplies.authThrottled(retryAfter));
            if (++authFailures >= MAX_AUTH_FAILURES) {
                closeWith(SmtpReplies.tooManyAuthFailures(context.hostname()));
            }
            return;
        }
        offload(() -> {
            try {
                return context.store().authenticate(username, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }, account -> {
            if (account.isPresent()) {
                user = account.get();
                reply(SmtpReplies.authSucceeded());
            } else {
                logins.failed(client, username);
                LOG.info("SMTP authentication failed for {} from {}", username, client);
                reply(SmtpReplies.authInvalid());
                if (++authFailures >= MAX_AUTH_FAILURES) {
                    closeWith(SmtpReplies.tooManyAuthFailures(context.hostname()));
                }
            }
        });
    }

    private void reply(SmtpReply reply) {
        channel.reply(reply);
    }

    private void closeWith(SmtpReply reply) {
        channel.closeWith(reply);
    }

    private <T> void offload(Callable<T> work, Consumer<T> then) {
        channel.offload(work, then);
    }
}
