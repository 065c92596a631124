// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status code and one or more lines of
 * text (RFC 5321 section 4.2). Instances come from {@link SmtpReplies}.
 *
 * @param status null for replies that carry none: the greeting, EHLO/HELO and intermediate
 *     replies (RFC 2034 section 3)
 */
public record SmtpReply(int code, EnhancedStatus status, List<String> lines) {
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        if (status != null && status.statusClass() != code / 100) {
            throw new IllegalArgumentException("status " + status + " does not match code " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text contains a line break: " + line);
            }
        }
    }

    public SmtpReply(int code, EnhancedStatus status, String text) {
        this(code, status, List.of(Objects.requireNonNull(text)));
    }

    /** 2xx: the command was accepted. */
    public boolean isPositive() {
        return code < 300;
    }

    /** The text of the first line, without code and status. */
    public String text() {
        return lines.getFirst();
    }

    /**
     * The reply as it goes on the wire: every line but the last as {@code code-}, the last as
     * {@code code SP}, each ending in CRLF (RFC 5321 section 4.2.1).
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                out.append(status).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render().strip();
    }
}
