// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

/** Raw messages as SMTP would hand them to the store. */
final class Messages {
    private Messages() {}

    /** Every convenience header set, with the Date of the RFC 8621 section 4.1.2.7 example offset. */
    static final String DINNER = String.join("\r\n",
            "From: Joe Bloggs <joe@example.com>",
            "Sender: Secretary <sec@example.com>",
            "To: Alice <alice@localhost>, bob@example.org",
            "Cc: \"Carol C.\" <carol@example.net>",
            "Bcc: hidden@example.com",
            "Reply-To: replies@example.com",
            "Subject: Dinner on Thursday?",
            "Date: Thu, 30 Oct 2014 14:12:00 +0800",
            "Message-ID: <1234@local.machine.example>",
            "In-Reply-To: <1233@local.machine.example>",
            "References: <1232@local.machine.example> <1233@local.machine.example>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Shall we meet at eight?",
            "");

    /** An encoded-word subject and sender name, and a PDF attachment. */
    static final String GREETINGS = String.join("\r\n",
            "From: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.de>",
            "To: alice@localhost",
            "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=",
            "Date: Mon, 23 Nov 2026 10:00:00 +0000",
            "Message-ID: <att@example.de>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "See attached.",
            "--b1",
            "Content-Type: application/pdf; name=\"a.pdf\"",
            "Content-Disposition: attachment; filename=\"a.pdf\"",
            "Content-Transfer-Encoding: base64",
            "",
            "JVBERi0xLjQK",
            "--b1--",
            "");

    /** Almost nothing: no Date, no Subject, no Message-ID. */
    static final String BARE = String.join("\r\n",
            "From: someone@example.com",
            "To: alice@localhost",
            "",
            "hi",
            "");
}
