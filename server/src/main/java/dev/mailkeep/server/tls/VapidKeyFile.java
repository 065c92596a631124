// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's VAPID key pair (RFC 8292) in the data folder: a PEM file with the PKCS#8 private
 * key and the X.509 public key, mode 0600, made on first start. It must stay the same across
 * restarts: clients bound their push subscriptions to its public half.
 */
public final class VapidKeyFile {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN (PRIVATE KEY|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private VapidKeyFile() {}

    /**
     * Reads the key pair, first writing a new one from {@code generate} when the file does not
     * exist.
     *
     * @throws IOException when the file cannot be read or written, or holds no P-256 key pair
     */
    public static KeyPair loadOrCreate(Path file, Supplier<KeyPair> generate) throws IOException {
        if (!Files.exists(file)) {
            KeyPair keys = generate.get();
            String pem = pem("PRIVATE KEY", keys.getPrivate().getEncoded()) + pem("PUBLIC KEY", keys.getPublic().getEncoded());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return keys;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] privateKey = null;
        byte[] publicKey = null;
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (m.group(1).equals("PRIVATE KEY")) {
                privateKey = der;
            } else {
                publicKey = der;
            }
        }
        if (privateKey == null || publicKey == null) {
            throw new IOException(file + ": needs a PRIVATE KEY and a PUBLIC KEY block (delete it to make a new key;"
                    + " clients then have to subscribe to push again)");
        }
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            return new KeyPair(ec.generatePublic(new X509EncodedKeySpec(publicKey)),
                    ec.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an EC key pair: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
