// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.smtp.protocol.SmtpReply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes {@link SmtpReply#render()} as UTF-8 (ASCII for every reply but SMTPUTF8 echoes). */
@Sharable
final class SmtpReplyEncoder extends MessageToByteEncoder<SmtpReply> {
    static final SmtpReplyEncoder INSTANCE = new SmtpReplyEncoder();

    private SmtpReplyEncoder() {
        super(SmtpReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SmtpReply reply, ByteBuf out) {
        out.writeCharSequence(reply.render(), StandardCharsets.UTF_8);
    }
}
