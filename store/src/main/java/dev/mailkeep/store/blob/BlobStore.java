// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.blob;

import dev.mailkeep.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content-addressed message bytes: {@code root/ab/cd/<sha-256 hex>}. A blob is written to a
 * temporary file, fsynced, atomically renamed and its directory fsynced, so once {@link #put}
 * returns the bytes survive a crash and a record may refer to them.
 */
public final class BlobStore {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final ReentrantLock lock = new ReentrantLock();

    public BlobStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root.resolve("tmp"));
        } catch (IOException e) {
            throw new StoreException("cannot create blob folder " + root, e);
        }
    }

    /** The SHA-256 of the bytes as lowercase hex. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the bytes durably (if not already present) and returns their SHA-256 hex. */
    public String put(byte[] bytes) {
        String hex = sha256Hex(bytes);
        Path target = path(hex);
        try {
            lock.lock();
            try {
                if (Files.exists(target)) {
                    // a fresh time keeps the sweeper away until the caller's record commits
                    Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
                    return hex;
                }
            } finally {
                lock.unlock();
            }
            boolean newDirs = !Files.isDirectory(target.getParent());
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(root.resolve("tmp"), hex.substring(0, 8), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            fsyncDirectory(target.getParent());
            if (newDirs) {
                fsyncDirectory(target.getParent().getParent());
                fsyncDirectory(root);
            }
            return hex;
        } catch (IOException e) {
            throw new StoreException("cannot write blob " + hex, e);
        }
    }

    /** The bytes of a stored blob; empty when absent or when {@code hex} is not a SHA-256 hex. */
    public Optional<InputStream> open(String hex) {
        if (!HEX.matcher(hex).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(path(hex)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read blob " + hex, e);
        }
    }

    /** All the bytes of a stored blob; empty when absent. */
    public Optional<byte[]> read(String hex) {
        Optional<InputStream> in = open(hex);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        } catch (IOException e) {
            throw new StoreException("cannot read blob " + hex, e);
        }
    }

    /**
     * Deletes blob files (and leftover temporary files) last written before {@code cutoff} for
     * which {@code referenced} is false; returns how many were deleted. The check and the delete
     * happen under the lock {@link #put} takes, so a blob being stored again is never deleted.
     */
    public long sweep(Instant cutoff, Predicate<String> referenced) {
        long deleted = 0;
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                boolean temporary = file.getParent().equals(root.resolve("tmp"));
                if (!temporary && !HEX.matcher(name).matches()) {
                    continue;
                }
                lock.lock();
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
                            && (temporary || !referenced.test(name))) {
                        Files.deleteIfExists(file);
                        deleted++;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot sweep blobs in " + root, e);
        }
        return deleted;
    }

    Path path(String hex) {
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
