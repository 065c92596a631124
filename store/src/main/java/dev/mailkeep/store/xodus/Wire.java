// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;

/** A compact binary value encoding for records: fixed-width numbers and length-prefixed UTF-8. */
final class Wire {
    static final ByteIterable EMPTY = new ArrayByteIterable(new byte[0]);

    private Wire() {}

    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Out u8(int v) {
            return run(() -> out.writeByte(v));
        }

        Out i32(int v) {
            return run(() -> out.writeInt(v));
        }

        Out i64(long v) {
            return run(() -> out.writeLong(v));
        }

        Out bool(boolean v) {
            return run(() -> out.writeBoolean(v));
        }

        /** A string that may be null. */
        Out str(String v) {
            return run(() -> {
                if (v == null) {
                    out.writeInt(-1);
                } else {
                    byte[] b = v.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            });
        }

        ByteIterable build() {
            return new ArrayByteIterable(bytes.toByteArray());
        }

        private Out run(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    static final class In {
        private final DataInputStream in;

        In(ByteIterable value) {
            in = new DataInputStream(new ByteArrayInputStream(value.getBytesUnsafe(), 0, value.getLength()));
        }

        int u8() {
            return get(in::readUnsignedByte);
        }

        int i32() {
            return get(in::readInt);
        }

        long i64() {
            return get(in::readLong);
        }

        boolean bool() {
            return get(in::readBoolean);
        }

        String str() {
            int length = i32();
            if (length < 0) {
                return null;
            }
            byte[] b = get(() -> in.readNBytes(length));
            return new String(b, StandardCharsets.UTF_8);
        }

        private <T> T get(IoSupplier<T> supplier) {
            try {
                return supplier.get();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }
}
