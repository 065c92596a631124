// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The header block prepended to each delivered copy: {@code Return-Path} (RFC 5321 section
 * 4.4), {@code Delivered-To}, and the {@code Received} trace line in the RFC 5321 section 4.4
 * form {@code from <helo> ([ip]) by <host> with <protocol> id <id> for <rcpt>; <date>}. Header
 * text is UTF-8: non-ASCII only occurs in SMTPUTF8 transactions, where RFC 6532 allows it.
 */
final class TraceHeaders {
    /** RFC 5322 section 3.3 date-time with a numeric zone. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TraceHeaders() {}

    static byte[] render(String hostname, Trace trace, String mailFrom, String recipient) {
        String headers = "Return-Path: <" + mailFrom + ">\r\n"
                + "Delivered-To: " + recipient + "\r\n"
                + "Received: from " + trace.heloName() + " (" + addressLiteral(trace.client()) + ")\r\n"
                + "\tby " + hostname + " with " + trace.protocol() + " id " + trace.id() + "\r\n"
                + "\tfor <" + recipient + ">; " + DATE.format(trace.receivedAt()) + "\r\n";
        return headers.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The header block of a copy a user submitted over JMAP (the queue's local delivery): no
     * {@code from} clause, since no SMTP client handed it over (as a local pickup writes it), and
     * {@code with JMAP}, which the IANA registry of transmission types does not list; the id is the
     * EmailSubmission's.
     */
    static byte[] renderSubmitted(String hostname, String submissionId, String mailFrom, String recipient,
                                  java.time.Instant at) {
        String headers = "Return-Path: <" + mailFrom + ">\r\n"
                + "Delivered-To: " + recipient + "\r\n"
                + "Received: by " + hostname + " with JMAP id " + submissionId + "\r\n"
                + "\tfor <" + recipient + ">; " + DATE.format(at) + "\r\n";
        return headers.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 5321 section 4.1.3 address literal: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    static String addressLiteral(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        if (scope >= 0) {
            text = text.substring(0, scope);
        }
        return address instanceof Inet6Address ? "[IPv6:" + text + "]" : "[" + text + "]";
    }
}
