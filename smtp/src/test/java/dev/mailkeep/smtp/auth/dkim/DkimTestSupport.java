// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import dev.mailkeep.smtp.auth.TestData;
import dev.mailkeep.smtp.auth.message.HeaderField;
import dev.mailkeep.smtp.auth.message.RawMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Test vectors and a raw signer that writes any tags, to build signatures the real signer never would. */
final class DkimTestSupport {
    private DkimTestSupport() {}

    static byte[] vector(String relative) throws IOException {
        return RawMessage.toCrlf(Files.readAllBytes(TestData.file("dkim/" + relative)));
    }

    static String text(String relative) throws IOException {
        return Files.readString(TestData.file("dkim/" + relative), StandardCharsets.ISO_8859_1).strip();
    }

    static PrivateKey key(String relative) throws IOException {
        return DkimKeys.readPrivateKey(text(relative));
    }

    /**
     * Signs {@code message} with a DKIM-Signature made of {@code tags} (everything but bh= and
     * b=), computing bh= over the body (honouring an l= in tags) and b= with {@code key}.
     */
    static byte[] signRaw(byte[] message, String tags, PrivateKey key, String algorithmForCrypto) throws Exception {
        RawMessage m = RawMessage.parse(message);
        var t = TagList.parse(tags, DkimStatus.NEUTRAL);
        String[] c = t.getOrDefault("c", "simple/simple").split("/");
        // an unknown canonicalization (for negative tests) is computed as simple
        Canonicalization hc = java.util.Objects.requireNonNullElse(Canonicalization.fromTag(c[0]), Canonicalization.SIMPLE);
        Canonicalization bc = c.length > 1
                ? java.util.Objects.requireNonNullElse(Canonicalization.fromTag(c[1]), Canonicalization.SIMPLE)
                : Canonicalization.SIMPLE;
        long l = t.containsKey("l") ? Long.parseLong(t.get("l")) : -1;
        byte[] bh = BodyHasher.hash(m.bytes(), m.bodyOffset(), m.bytes().length, bc, l).hash();
        String unsigned = "DKIM-Signature: " + tags + "; bh=" + Base64.getEncoder().encodeToString(bh) + "; b=";
        List<String> names = Arrays.stream(t.get("h").split(":")).map(String::strip).map(String::toLowerCase).toList();
        byte[] data = SignedHeaders.data(m.headers(), new HeaderField("DKIM-Signature", unsigned + "\r\n"), names, hc);
        DkimAlgorithm alg = algorithmForCrypto.equals("ed25519") ? DkimAlgorithm.ED25519_SHA256 : DkimAlgorithm.RSA_SHA256;
        String field = unsigned + Base64.getEncoder().encodeToString(Crypto.sign(alg, key, data)) + "\r\n";
        return prepend(field, m.bytes());
    }

    static byte[] prepend(String field, byte[] message) {
        byte[] head = field.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(head, head.length + message.length);
        System.arraycopy(message, 0, out, head.length, message.length);
        return out;
    }

    static byte[] replace(byte[] message, String from, String to) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        if (!s.contains(from)) {
            throw new IllegalArgumentException("message does not contain " + from);
        }
        return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] append(byte[] message, String more) {
        return (new String(message, StandardCharsets.ISO_8859_1) + more).getBytes(StandardCharsets.ISO_8859_1);
    }
}
