// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Decoding of the SASL messages the SMTP AUTH command carries (RFC 4954 section 4): base64 text,
 * PLAIN (RFC 4616) and the LOGIN prompts. Passwords stay in char arrays the caller clears.
 */
public final class Sasl {
    /** Base64 of "Username:", the first LOGIN prompt. */
    public static final String LOGIN_USERNAME_PROMPT = "VXNlcm5hbWU6";
    /** Base64 of "Password:", the second LOGIN prompt. */
    public static final String LOGIN_PASSWORD_PROMPT = "UGFzc3dvcmQ6";
    /** The line a client sends to abandon an exchange (RFC 4954 section 4). */
    public static final String CANCEL = "*";

    /** A user name and a password; the caller clears the password when done. */
    public record Credentials(String username, char[] password) {}

    private Sasl() {}

    /** Decodes a base64 response into UTF-8 chars; {@code "="} is the empty response. */
    public static Optional<char[]> decode(String base64) {
        if (base64.equals("=")) {
            return Optional.of(new char[0]);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return Optional.of(out);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Decodes a PLAIN message {@code [authzid] NUL authcid NUL passwd} (RFC 4616 section 2). An
     * authorization identity other than the authentication identity is refused (empty result).
     */
    public static Optional<Credentials> plain(String base64) {
        Optional<char[]> decoded = decode(base64);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        char[] message = decoded.get();
        try {
            int first = indexOf(message, 0);
            int second = first < 0 ? -1 : indexOf(message, first + 1);
            if (second < 0 || indexOf(message, second + 1) >= 0) {
                return Optional.empty();
            }
            String authzid = new String(message, 0, first);
            String authcid = new String(message, first + 1, second - first - 1);
            if (authcid.isEmpty() || (!authzid.isEmpty() && !authzid.equalsIgnoreCase(authcid))) {
                return Optional.empty();
            }
            return Optional.of(new Credentials(authcid, Arrays.copyOfRange(message, second + 1, message.length)));
        } finally {
            Arrays.fill(message, '\0');
        }
    }

    private static int indexOf(char[] chars, int from) {
        for (int i = from; i < chars.length; i++) {
            if (chars[i] == '\0') {
                return i;
            }
        }
        return -1;
    }
}
