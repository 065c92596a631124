// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import java.security.SecureRandom;

/** Short random ids for mail transactions, as they appear in Received headers and logs. */
final class TransactionIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TransactionIds() {}

    /** 14 characters of Crockford-style base32, 70 random bits. */
    static String next() {
        char[] id = new char[14];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return new String(id);
    }
}
