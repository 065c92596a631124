// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The octets of one message as they arrive, held up to a limit. Past the limit the octets are
 * counted and dropped, so an oversized message costs no memory and is refused after its end
 * (RFC 1870 section 6.3: 552 after the data, not a dropped connection).
 */
final class MessageBuffer {
    private final long limit;
    private byte[] bytes;
    private int length;
    private long received;

    MessageBuffer(long limit) {
        this.limit = limit;
        this.bytes = new byte[(int) Math.min(limit, 16 * 1024)];
    }

    /** A buffer that keeps nothing, for a chunk whose BDAT was refused. */
    static MessageBuffer discarding() {
        return new MessageBuffer(0);
    }

    void write(ByteBuf source, int index, int count) {
        received += count;
        if (received > limit) {
            bytes = null;
            length = 0;
            return;
        }
        if (length + count > bytes.length) {
            long wanted = Math.max((long) length + count, Math.min(limit, 2L * bytes.length));
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
        source.getBytes(index, bytes, length, count);
        length += count;
    }

    long received() {
        return received;
    }

    boolean exceeded() {
        return received > limit;
    }

    /** The octets received; only when not {@link #exceeded()}. */
    byte[] toByteArray() {
        if (exceeded()) {
            throw new IllegalStateException("message exceeded the limit");
        }
        return Arrays.copyOf(bytes, length);
    }
}
