// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic authentication (RFC 7617) against the store's accounts. The credentials are
 * UTF-8; the decoded password is wiped once the store has checked it.
 */
final class BasicAuth {
    static final String CHALLENGE = "Basic realm=\"Mailkeep\"";

    private final MailStore store;

    BasicAuth(MailStore store) {
        this.store = store;
    }

    /** The account the Authorization header proves, or empty for missing, malformed or wrong credentials. */
    Optional<Account> authenticate(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = indexOf(decoded, (byte) ':');
        if (colon <= 0) {
            Arrays.fill(decoded, (byte) 0);
            return Optional.empty();
        }
        String user = new String(decoded, 0, colon, StandardCharsets.UTF_8);
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(decoded, colon + 1, decoded.length - colon - 1));
        char[] password = new char[chars.remaining()];
        chars.get(password);
        try {
            return store.authenticate(user, password);
        } finally {
            Arrays.fill(decoded, (byte) 0);
            Arrays.fill(chars.array(), '\0');
            Arrays.fill(password, '\0');
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
