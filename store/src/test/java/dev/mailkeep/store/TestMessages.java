// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.nio.charset.StandardCharsets;

/** Real-world shaped MIME messages for the contract tests, with CRLF line ends. */
final class TestMessages {
    private TestMessages() {}

    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** multipart/mixed: a plain part and a PDF attachment; folded To with two recipients. */
    static final String MULTIPART = """
            Return-Path: <alice@example.org>
            Message-ID: <multi-1@example.org>
            Date: Tue, 3 Nov 2026 09:15:30 +0100
            From: Alice Example <alice@example.org>
            Sender: list-bounces@example.org
            To: bob@localhost,
             "Carol C." <carol@example.net>
            Cc: dave@example.com
            Reply-To: replies@example.org
            Subject: Quarterly report
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            This is a multi-part message in MIME format.
            --b1
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 7bit

            Hello Bob,
               please find    the report attached.

            Alice
            --b1
            Content-Type: application/pdf; name="report.pdf"
            Content-Disposition: attachment; filename="report.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K
            --b1--
            """;

    /** quoted-printable body in UTF-8, RFC 2047 subject (Q and B words) and display name. */
    static final String QUOTED_PRINTABLE = """
            Message-ID: <qp-1@example.de>
            In-Reply-To: <multi-1@example.org>
            References: <root-0@example.org> <multi-1@example.org>
            Date: Wed, 4 Nov 2026 18:00:00 -0500
            From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.de>
            To: =?ISO-8859-1?Q?Bj=F6rn?= <bjorn@localhost>
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_?= =?UTF-8?B?YXVzIEvDtmxu?=
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: quoted-printable

            Sch=C3=B6ne Gr=C3=BC=C3=9Fe aus K=C3=B6ln, das ist eine sehr lange Zeile die=
             weich umbrochen wurde.
            """;

    /** base64 body in ISO-8859-1; no Date header at all. */
    static final String BASE64_NO_DATE = """
            Message-ID: <b64@example.fr>
            From: francois@example.fr
            To: bob@localhost
            Subject: Caf\u00e9?
            MIME-Version: 1.0
            Content-Type: text/plain; charset=ISO-8859-1
            Content-Transfer-Encoding: base64

            Q2Fm6SBjcuhtZSBicvts6WU=
            """.replace("Subject: Caf\u00e9?", "Subject: =?iso-8859-1?q?Caf=E9?=");

    /** SMTPUTF8 mail: raw 8-bit UTF-8 in Subject and From display name, 8bit body. */
    static final String RAW_UTF8 = """
            Message-ID: <utf8@example.jp>
            Date: Thu, 5 Nov 2026 07:00:00 +0900
            From: 山田 太郎 <taro@example.jp>
            To: bob@localhost
            Subject: 会議の件 – Grüße
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            明日の会議は10時からです。
            """;

    /** HTML only: preview comes from the text with tags, style and entities handled; inline image is no attachment. */
    static final String HTML_ONLY = """
            Message-ID: <html@example.com>
            Date: Fri, 6 Nov 2026 12:00:00 GMT
            From: "News" <news@example.com>
            To: bob@localhost
            Subject: Re: [list] Fwd: Weekly news
            MIME-Version: 1.0
            Content-Type: multipart/related; boundary="rel"

            --rel
            Content-Type: text/html; charset=utf-8

            <html><head><style>p { color: red; }</style></head>
            <body><p>Fish &amp; chips</p><p>tonight&nbsp;at&#32;8</p><img src="cid:logo"></body></html>
            --rel
            Content-Type: image/png
            Content-Disposition: inline
            Content-ID: <logo>
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --rel--
            """;

    /** A plain message with a given Message-ID, subject and optional In-Reply-To. */
    static byte[] simple(String messageId, String subject, String inReplyTo) {
        return crlf("Message-ID: <" + messageId + ">\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\nReferences: <" + inReplyTo + ">\n")
                + "From: a@example.org\nTo: b@localhost\nSubject: " + subject + "\n\nbody of " + messageId + "\n");
    }
}
