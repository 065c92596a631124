// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Random;

/**
 * Realistic-looking messages for benchmarks: 2 to 20 KB, words drawn from a skewed vocabulary (so
 * some words are common and some rare), a third are replies in a thread, one in ten carries an
 * attachment. Deterministic for a seed.
 */
final class MessageGenerator {
    static final String COMMON_WORD = "meeting";
    static final String RARE_WORD = "zanzibarite";

    private static final String[] WORDS = ("the of and to in is you that it he was for on are as with his they at be this "
            + "have from or one had by word but not what all were we when your can said there use an each which she do how "
            + "their if will up other about out many then them these so some her would make like him into time has look "
            + "two more write go see number no way could people my than first water been call who oil its now find long "
            + "down day did get come made may part project budget report quarter release schedule invoice customer").split(" ");
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Random random;

    MessageGenerator(long seed) {
        this.random = new Random(seed);
    }

    byte[] message(int i) {
        boolean reply = i > 10 && random.nextInt(3) == 0;
        int parent = reply ? i - 1 - random.nextInt(Math.min(i - 1, 50)) : -1;
        int thread = reply ? parent : i;
        StringBuilder m = new StringBuilder(24 * 1024);
        m.append("Message-ID: <m").append(i).append("@bench.example>\r\n");
        if (reply) {
            m.append("In-Reply-To: <m").append(parent).append("@bench.example>\r\n");
            m.append("References: <m").append(parent).append("@bench.example>\r\n");
        }
        m.append("Date: ").append(DATE.format(Instant.ofEpochSecond(1_700_000_000L + i * 60L).atOffset(ZoneOffset.UTC)))
                .append("\r\n");
        m.append("From: Sender ").append(i % 97).append(" <sender").append(i % 97).append("@example.org>\r\n");
        m.append("To: user@localhost\r\n");
        m.append("Subject: ").append(reply ? "Re: " : "").append("Topic ").append(thread % 5000).append(' ')
                .append(word()).append("\r\n");
        m.append("MIME-Version: 1.0\r\n");
        boolean attachment = random.nextInt(10) == 0;
        int bodyBytes = 2000 + random.nextInt(18000);
        if (attachment) {
            bodyBytes /= 2;
            m.append("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n")
                    .append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        } else {
            m.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        }
        int lineLength = 0;
        while (m.length() < bodyBytes) {
            String w = i % 10_000 == 7 && random.nextInt(50) == 0 ? RARE_WORD : word();
            m.append(w).append(' ');
            lineLength += w.length() + 1;
            if (lineLength > 70) {
                m.append("\r\n");
                lineLength = 0;
            }
        }
        m.append("\r\n");
        if (attachment) {
            byte[] data = new byte[bodyBytes / 2];
            random.nextBytes(data);
            m.append("--b\r\nContent-Type: application/octet-stream; name=\"data").append(i).append(".bin\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"data").append(i).append(".bin\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(data)).append("\r\n--b--\r\n");
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A word with a skewed (roughly Zipf) distribution: early words far more frequent. */
    private String word() {
        double u = random.nextDouble();
        int index = (int) Math.min(WORDS.length - 1, Math.floor(Math.pow(u, 3) * WORDS.length));
        if (random.nextInt(200) == 0) {
            return COMMON_WORD;
        }
        return WORDS[index];
    }
}
