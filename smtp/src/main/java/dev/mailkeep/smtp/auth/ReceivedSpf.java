// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth;

import dev.mailkeep.smtp.auth.spf.IpText;
import dev.mailkeep.smtp.auth.spf.SpfCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the Received-SPF field of RFC 7208 section 9.1: the result, a comment in the
 * words of the section's examples, and the key-value pairs client-ip, envelope-from, helo,
 * receiver, identity and, for errors, problem.
 */
public final class ReceivedSpf {
    private ReceivedSpf() {}

    public static String render(SpfCheck spf, String receiver, String mailFrom) {
        String ip = IpText.format(spf.client());
        String sender = spf.sender();
        String comment = receiver + ": " + switch (spf.result()) {
            case PASS -> "domain of " + sender + " designates " + ip + " as permitted sender";
            case FAIL -> "domain of " + sender + " does not designate " + ip + " as permitted sender";
            case SOFTFAIL -> "transitioning domain of " + sender + " does not designate " + ip + " as permitted sender";
            case NEUTRAL -> ip + " is neither permitted nor denied by domain of " + sender;
            case NONE -> "domain of " + sender + " does not designate permitted sender hosts";
            case TEMPERROR, PERMERROR -> "error in processing during lookup of " + sender;
        };
        List<String> pairs = new ArrayList<>();
        pairs.add("client-ip=" + ip);
        pairs.add("envelope-from=" + HeaderText.quoted(mailFrom == null ? "" : mailFrom));
        pairs.add("helo=" + HeaderText.dotAtomOrQuoted(spf.helo().isEmpty() ? "unknown" : spf.helo()));
        pairs.add("receiver=" + HeaderText.dotAtomOrQuoted(receiver));
        pairs.add("identity=" + spf.identity());
        if (spf.result() == dev.mailkeep.smtp.auth.spf.SpfResult.TEMPERROR
                || spf.result() == dev.mailkeep.smtp.auth.spf.SpfResult.PERMERROR) {
            pairs.add("problem=" + HeaderText.quoted(spf.outcome().reason()));
        }
        StringBuilder s = new StringBuilder("Received-SPF: ").append(spf.result().keyword()).append(' ')
                .append(HeaderText.comment(comment));
        String sep = "\r\n\t";
        for (String p : pairs) {
            s.append(sep).append(p).append(';');
        }
        return s.append("\r\n").toString();
    }
}
