// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The input decoder in an EmbeddedChannel, driven the way the session drives it. */
class SmtpInputDecoderTest {

    /** Records frames; switches the decoder to DATA after "DATA" and to a chunk after "BDAT n". */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> frames = new ArrayList<>();
        final List<MessageBuffer> messages = new ArrayList<>();
        final SmtpInputDecoder decoder;
        final long limit;

        Recorder(SmtpInputDecoder decoder, long limit) {
            this.decoder = decoder;
            this.limit = limit;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            frames.add(msg);
            if (msg instanceof InboundFrame.CommandLine line) {
                if (line.text().equals("DATA")) {
                    messages.add(new MessageBuffer(limit));
                    decoder.readData(messages.getLast());
                } else if (line.text().startsWith("BDAT ")) {
                    messages.add(new MessageBuffer(limit));
                    decoder.readChunk(Long.parseLong(line.text().substring(5)), messages.getLast());
                }
            }
        }
    }

    private SmtpInputDecoder decoder;
    private Recorder recorder;
    private EmbeddedChannel channel;

    SmtpInputDecoderTest() {
        useLimit(1_000_000);
    }

    /** A fresh channel whose messages are limited to {@code limit} octets. */
    private void useLimit(long limit) {
        decoder = new SmtpInputDecoder();
        recorder = new Recorder(decoder, limit);
        channel = new EmbeddedChannel(decoder, recorder);
    }

    private void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    private void writeByteByByte(byte[] bytes) {
        for (byte b : bytes) {
            write(new byte[] {b});
        }
    }

    private static InboundFrame.CommandLine line(String text) {
        return new InboundFrame.CommandLine(text);
    }

    @Test
    void splitsPipelinedLinesOnCrlfAndBareLf() {
        write("EHLO a\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\nNOO");
        assertEquals(List.of(line("EHLO a"), line("MAIL FROM:<a@b>"), line("RCPT TO:<c@d>")), recorder.frames);
        write("P\r\n");
        assertEquals(line("NOOP"), recorder.frames.getLast());
    }

    @Test
    void linesArriveWholeWhateverTheSegmentation() {
        writeByteByByte("HELO x\r\nRSET\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(line("HELO x"), line("RSET")), recorder.frames);
    }

    @Test
    void commandLinesAreLimitedTo512OctetsWithTheirCrlf() {
        String longest = "NOOP " + "x".repeat(505);
        write(longest + "\r\n" + longest + "x\r\nQUIT\r\n");
        assertEquals(List.of(line(longest), new InboundFrame.LineTooLong(), line("QUIT")), recorder.frames);
    }

    @Test
    void aVeryLongLineIsDiscardedAsItArrivesAndReportedOnce() {
        for (int i = 0; i < 100; i++) {
            write("y".repeat(1000));
        }
        assertTrue(recorder.frames.isEmpty());
        write("zzz\r\nNOOP\r\n");
        assertEquals(List.of(new InboundFrame.LineTooLong(), line("NOOP")), recorder.frames);
    }

    @Test
    void reportsLinesThatAreNotUtf8() {
        write(new byte[] {'V', 'R', 'F', 'Y', ' ', (byte) 0xC3, '(', '\r', '\n'});
        write("VRFY ü\r\n");
        assertEquals(List.of(new InboundFrame.LineNotUtf8(), line("VRFY ü")), recorder.frames);
    }

    @Test
    void dataIsUnstuffedAndEndsAtTheDotLine() {
        String wire = "DATA\r\n"
                + "Subject: x\r\n\r\n"
                + "..leading dot\r\n"
                + "...two\r\n"
                + ". space\r\n"
                + "mid.dle\r\n"
                + "bare\n.\nlf and bare\r.\rcr\r\n"
                + "\r\n"
                + ".\r\n"
                + "QUIT\r\n";
        String content = "Subject: x\r\n\r\n"
                + ".leading dot\r\n"
                + "..two\r\n"
                + " space\r\n"
                + "mid.dle\r\n"
                + "bare\n.\nlf and bare\r.\rcr\r\n"
                + "\r\n";
        byte[] bytes = wire.getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= bytes.length; split++) {
            useLimit(1_000_000);
            write(java.util.Arrays.copyOfRange(bytes, 0, split));
            write(java.util.Arrays.copyOfRange(bytes, split, bytes.length));
            assertEquals(List.of(line("DATA"), new InboundFrame.DataEnd(), line("QUIT")), recorder.frames, "split " + split);
            assertArrayEquals(content.getBytes(StandardCharsets.US_ASCII), recorder.messages.getFirst().toByteArray(), "split " + split);
        }
        useLimit(1_000_000);
        writeByteByByte(bytes);
        assertArrayEquals(content.getBytes(StandardCharsets.US_ASCII), recorder.messages.getFirst().toByteArray());
    }

    @Test
    void emptyMessageAndEightBitBytesArePreserved() {
        write("DATA\r\n.\r\nDATA\r\n");
        byte[] eightBit = {(byte) 0xff, (byte) 0x80, 0, (byte) 0xc3, (byte) 0xa9, '\r', '\n'};
        write(eightBit);
        write(".\r\n");
        assertArrayEquals(new byte[0], recorder.messages.get(0).toByteArray());
        assertArrayEquals(eightBit, recorder.messages.get(1).toByteArray());
    }

    @Test
    void anOversizedMessageIsCountedReadToItsEndAndFlagged() {
        useLimit(100);
        write("DATA\r\n" + ("x".repeat(48) + "\r\n").repeat(3) + ".\r\nNOOP\r\n");
        assertEquals(List.of(line("DATA"), new InboundFrame.DataEnd(), line("NOOP")), recorder.frames);
        MessageBuffer message = recorder.messages.getFirst();
        assertTrue(message.exceeded());
        assertEquals(150, message.received());
    }

    @Test
    void aMessageOfExactlyTheLimitFits() {
        useLimit(100);
        write("DATA\r\n" + ("x".repeat(48) + "\r\n").repeat(2) + ".\r\n");
        assertFalse(recorder.messages.getFirst().exceeded());
        assertEquals(100, recorder.messages.getFirst().toByteArray().length);
    }

    @Test
    void chunksAreReadByCountWithoutUnstuffing() {
        write("BDAT 8\r\n.\r\n..\r\n.QUIT\r\n");
        assertEquals(List.of(line("BDAT 8"), new InboundFrame.ChunkEnd(), line("QUIT")), recorder.frames);
        assertArrayEquals(".\r\n..\r\n.".getBytes(StandardCharsets.US_ASCII), recorder.messages.getFirst().toByteArray());
        write("BDAT 0\r\n");
        assertEquals(new InboundFrame.ChunkEnd(), recorder.frames.getLast());
    }

    @Test
    void nothingIsDecodedWhilePaused() {
        write("NOOP\r\n");
        decoder.pause();
        write("RSET\r\nQUIT\r\n");
        assertEquals(List.of(line("NOOP")), recorder.frames);
        assertTrue(decoder.hasBufferedInput());
        decoder.resume();
        assertEquals(List.of(line("NOOP"), line("RSET"), line("QUIT")), recorder.frames);
        assertFalse(decoder.hasBufferedInput());
    }
}
