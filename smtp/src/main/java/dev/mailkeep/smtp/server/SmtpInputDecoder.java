// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits the client's byte stream into {@link InboundFrame}s, in one of three modes the session
 * chooses as it goes:
 *
 * <ul>
 *   <li>command lines (RFC 5321 section 2.3.8), at most {@value #MAX_COMMAND_LINE} octets with
 *       the line end (section 4.5.3.1.4); a longer line is skipped and reported, the session goes
 *       on. CRLF ends a line; a bare LF is tolerated.
 *   <li>DATA content (section 4.1.1.4), streamed into a {@link MessageBuffer}: a leading dot is
 *       removed (section 4.5.2) and only {@code CRLF "." CRLF} ends the data, so a bare LF never
 *       starts or ends a line of content (the "SMTP smuggling" ambiguity);
 *   <li>a BDAT chunk (RFC 3030 section 2): exactly the announced number of octets, untouched.
 * </ul>
 *
 * <p>The session handles each frame synchronously inside {@code fireChannelRead}, so a mode it sets
 * applies from the very next octet. When it starts blocking work it {@link #pause()}s: nothing more
 * is decoded (and the socket is not read) until {@link #resume()}, which keeps replies to pipelined
 * commands in order (RFC 2920 section 3.1).
 */
final class SmtpInputDecoder extends ChannelInboundHandlerAdapter {
    static final int MAX_COMMAND_LINE = 512;

    private enum Mode { COMMAND, DATA, CHUNK }

    private ChannelHandlerContext ctx;
    private ByteBuf buffer;
    private Mode mode = Mode.COMMAND;
    private boolean paused;
    private boolean draining;
    private boolean discardingLongLine;
    private MessageBuffer sink;
    private boolean atLineStart;
    private boolean previousWasCr;
    private long chunkRemaining;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.buffer = ctx.alloc().buffer(1024);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        buffer.release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            buffer.writeBytes(bytes);
        } finally {
            bytes.release();
        }
        drain();
    }

    /** Stops decoding and reading from the socket until {@link #resume()}. */
    void pause() {
        paused = true;
        ctx.channel().config().setAutoRead(false);
    }

    /** Decodes what is buffered, then reads from the socket again. */
    void resume() {
        paused = false;
        ctx.channel().config().setAutoRead(true);
        drain();
    }

    /** Reads DATA content into {@code content} until the terminating dot line. */
    void readData(MessageBuffer content) {
        mode = Mode.DATA;
        sink = content;
        atLineStart = true;
        previousWasCr = false;
    }

    /** Reads exactly {@code size} octets into {@code content}. */
    void readChunk(long size, MessageBuffer content) {
        mode = Mode.CHUNK;
        sink = content;
        chunkRemaining = size;
    }

    /** True when octets beyond the last frame are already buffered (pipelined input). */
    boolean hasBufferedInput() {
        return buffer.isReadable();
    }

    void discardBufferedInput() {
        buffer.skipBytes(buffer.readableBytes());
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!paused && ctx.channel().isActive()) {
                boolean fired = switch (mode) {
                    case COMMAND -> decodeLine();
                    case DATA -> decodeData();
                    case CHUNK -> decodeChunk();
                };
                if (!fired) {
                    break;
                }
            }
            buffer.discardSomeReadBytes();
        } finally {
            draining = false;
        }
    }

    private boolean decodeLine() {
        int start = buffer.readerIndex();
        int lf = buffer.indexOf(start, buffer.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (discardingLongLine || buffer.readableBytes() >= MAX_COMMAND_LINE) {
                discardingLongLine = true;
                buffer.skipBytes(buffer.readableBytes());
            }
            return false;
        }
        buffer.readerIndex(lf + 1);
        if (discardingLongLine || lf + 1 - start > MAX_COMMAND_LINE) {
            discardingLongLine = false;
            ctx.fireChannelRead(new InboundFrame.LineTooLong());
            return true;
        }
        int end = lf > start && buffer.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        ctx.fireChannelRead(decodeUtf8(buffer.nioBuffer(start, end - start)));
        return true;
    }

    private static InboundFrame decodeUtf8(ByteBuffer bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
            return new InboundFrame.CommandLine(text);
        } catch (CharacterCodingException e) {
            return new InboundFrame.LineNotUtf8();
        }
    }

    private boolean decodeData() {
        while (buffer.isReadable()) {
            int start = buffer.readerIndex();
            if (atLineStart && buffer.getByte(start) == '.') {
                int readable = buffer.readableBytes();
                if (readable < 2 || (buffer.getByte(start + 1) == '\r' && readable < 3)) {
                    return false;
                }
                if (buffer.getByte(start + 1) == '\r' && buffer.getByte(start + 2) == '\n') {
                    buffer.skipBytes(3);
                    mode = Mode.COMMAND;
                    sink = null;
                    ctx.fireChannelRead(new InboundFrame.DataEnd());
                    return true;
                }
                buffer.skipBytes(1);
                previousWasCr = false;
                start++;
            }
            atLineStart = false;
            int lf = buffer.indexOf(start, buffer.writerIndex(), (byte) '\n');
            int end = lf < 0 ? buffer.writerIndex() : lf + 1;
            if (end > start) {
                sink.write(buffer, start, end - start);
            }
            if (lf >= 0) {
                atLineStart = lf > start ? buffer.getByte(lf - 1) == '\r' : previousWasCr;
            }
            previousWasCr = end > start && buffer.getByte(end - 1) == '\r';
            buffer.readerIndex(end);
        }
        return false;
    }

    private boolean decodeChunk() {
        int count = (int) Math.min(buffer.readableBytes(), chunkRemaining);
        if (count > 0) {
            sink.write(buffer, buffer.readerIndex(), count);
            buffer.skipBytes(count);
            chunkRemaining -= count;
        }
        if (chunkRemaining > 0) {
            return false;
        }
        mode = Mode.COMMAND;
        sink = null;
        ctx.fireChannelRead(new InboundFrame.ChunkEnd());
        return true;
    }
}
