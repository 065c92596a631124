// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import dev.mailkeep.smtp.auth.message.HeaderField;
import dev.mailkeep.smtp.auth.message.RawMessage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs outgoing messages, RFC 6376 section 5 with rsa-sha256 or ed25519-sha256 (RFC 8463).
 * Relaxed/relaxed by default; h= lists the fields of {@link #DEFAULT_HEADERS} present in the
 * message, and names From, To, Subject and Date once more than they occur (over-signing,
 * section 8.15) so nobody can add them later. With two keys (RSA and Ed25519, RFC 8463
 * section 5) each signs the message independently. Thread-safe.
 */
public final class DkimSigner {
    public static final List<String> DEFAULT_HEADERS = List.of("from", "sender", "reply-to", "subject", "date",
            "message-id", "to", "cc", "mime-version", "content-type", "content-transfer-encoding", "content-language",
            "in-reply-to", "references", "list-id", "list-unsubscribe", "list-unsubscribe-post");
    public static final List<String> OVERSIGNED = List.of("from", "to", "subject", "date");

    private final List<DkimSigningKey> keys;
    private final Canonicalization headerCanon;
    private final Canonicalization bodyCanon;
    private final Duration validity;
    private final Clock clock;

    /**
     * @param keys one key, or two for a dual signature
     * @param validity how long signatures stay valid (x=), or null for no expiry
     */
    public DkimSigner(List<DkimSigningKey> keys, Canonicalization headerCanon, Canonicalization bodyCanon,
                      Duration validity, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key");
        }
        this.keys = List.copyOf(keys);
        this.headerCanon = headerCanon;
        this.bodyCanon = bodyCanon;
        this.validity = validity;
        this.clock = clock;
    }

    /** relaxed/relaxed, no expiry, system clock. */
    public DkimSigner(List<DkimSigningKey> keys) {
        this(keys, Canonicalization.RELAXED, Canonicalization.RELAXED, null, Clock.systemUTC());
    }

    /** The DKIM-Signature fields to prepend, each ending in CRLF, in key order. */
    public List<String> sign(byte[] message) {
        RawMessage m = RawMessage.parse(message);
        if (m.last("from") == null) {
            throw new IllegalArgumentException("a message without a From field cannot be DKIM-signed");
        }
        List<String> names = SignedHeaders.choose(m.headers(), DEFAULT_HEADERS, OVERSIGNED);
        byte[] bodyHash = BodyHasher.hashBareLf(m.octets(), m.bodyOffset(), m.octets().length, bodyCanon, -1).hash();
        List<String> fields = new ArrayList<>();
        for (DkimSigningKey key : keys) {
            fields.add(signOne(m, names, bodyHash, key));
        }
        return fields;
    }

    /** The message with its DKIM-Signature fields prepended. */
    public byte[] signAndPrepend(byte[] message) {
        byte[] crlf = RawMessage.toCrlf(message);
        StringBuilder prefix = new StringBuilder();
        sign(crlf).forEach(prefix::append);
        byte[] head = prefix.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + crlf.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(crlf, 0, out, head.length, crlf.length);
        return out;
    }

    private String signOne(RawMessage m, List<String> names, byte[] bodyHash, DkimSigningKey key) {
        long now = clock.instant().getEpochSecond();
        Folder f = new Folder("DKIM-Signature:");
        f.tag("v=1;");
        f.tag("a=" + key.algorithm().tag() + ";");
        f.tag("c=" + headerCanon.tag() + "/" + bodyCanon.tag() + ";");
        f.tag("d=" + key.domain() + ";");
        f.tag("s=" + key.selector() + ";");
        f.tag("t=" + now + ";");
        if (validity != null) {
            f.tag("x=" + (now + validity.toSeconds()) + ";");
        }
        f.list("h=", names);
        f.tag("bh=" + Base64.getEncoder().encodeToString(bodyHash) + ";");
        f.tag("b=");
        String unsigned = f.text();
        HeaderField self = new HeaderField("DKIM-Signature", unsigned + "\r\n");
        byte[] data = SignedHeaders.data(m.headers(), self, names, headerCanon);
        byte[] sig;
        try {
            sig = Crypto.sign(key.algorithm(), key.key(), data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + key.algorithm().tag() + " failed", e);
        }
        return unsigned + Folder.foldBase64(Base64.getEncoder().encodeToString(sig)) + "\r\n";
    }

    /** Lays tags out on lines of at most 78 characters, folding with CRLF TAB (RFC 5322 section 2.2.3). */
    private static final class Folder {
        private final StringBuilder out = new StringBuilder();
        private int lineLength;

        Folder(String start) {
            out.append(start);
            lineLength = start.length();
        }

        void tag(String t) {
            if (lineLength + 1 + t.length() > 78) {
                out.append("\r\n\t");
                lineLength = 1;
            } else {
                out.append(' ');
                lineLength++;
            }
            out.append(t);
            lineLength += t.length();
        }

        void list(String prefix, List<String> names) {
            tag(prefix + names.getFirst() + (names.size() == 1 ? ";" : ":"));
            for (int i = 1; i < names.size(); i++) {
                String piece = names.get(i) + (i == names.size() - 1 ? ";" : ":");
                if (lineLength + piece.length() > 78) {
                    out.append("\r\n\t");
                    lineLength = 1;
                }
                out.append(piece);
                lineLength += piece.length();
            }
        }

        String text() {
            return out.toString();
        }

        static String foldBase64(String b64) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < b64.length(); i += 72) {
                s.append("\r\n\t").append(b64, i, Math.min(b64.length(), i + 72));
            }
            return s.toString();
        }
    }
}
