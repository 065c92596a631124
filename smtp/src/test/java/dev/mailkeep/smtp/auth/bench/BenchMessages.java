// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.bench;

import java.nio.charset.StandardCharsets;

/** A plausible 10 KB text message (headers plus a body of ordinary lines), the same for every run. */
final class BenchMessages {
    private BenchMessages() {}

    static byte[] tenKilobytes() {
        StringBuilder s = new StringBuilder();
        s.append("From: Joe SixPack <joe@football.example.com>\r\n")
                .append("To: Suzie Q <suzie@shopping.example.net>\r\n")
                .append("Subject: Quarterly numbers and the plan for next season\r\n")
                .append("Date: Mon, 23 Nov 2026 12:00:00 +0000\r\n")
                .append("Message-ID: <bench-0001@football.example.com>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Received: from client.football.example.com (client [192.0.2.44])\r\n")
                .append("\tby mail.football.example.com with ESMTPSA; Mon, 23 Nov 2026 11:59:59 +0000\r\n")
                .append("\r\n");
        int line = 0;
        while (s.length() < 10 * 1024) {
            s.append("Line ").append(line++).append(": we lost the game, but  the season is long and the team\t")
                    .append("is getting better every week. \r\n");
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
