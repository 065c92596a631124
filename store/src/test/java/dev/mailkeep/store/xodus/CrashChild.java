// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.AccountExistsException;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Account;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The process {@link CrashTest} kills: delivers forever, printing {@code ack <index> <emailId>}
 * only after {@link XodusMailStore#deliver} returned, as an SMTP server would answer 250.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws AccountExistsException {
        XodusMailStore store = XodusMailStore.open(Path.of(args[0]));
        Account bob = store.createAccount("bob@localhost", "pw".toCharArray());
        Account amy = store.createAccount("amy@localhost", "pw".toCharArray());
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; ; i++) {
            byte[] message = message(i);
            List<EmailId> ids = store.deliver(List.of(
                    new Delivery(bob.id(), MailboxRole.INBOX, message, i % 3 == 0 ? Set.of("$seen") : Set.of()),
                    new Delivery(amy.id(), i % 5 == 0 ? MailboxRole.JUNK : MailboxRole.INBOX, message, Set.of())));
            System.out.println("ack " + i + " " + ids.get(0) + " " + ids.get(1));
            System.out.flush();
        }
    }

    /** Message i replies to message i-1 within runs of four, so threads form (and sometimes merge). */
    static byte[] message(int i) {
        int thread = i / 4;
        String inReplyTo = i % 4 == 0 ? "" : "In-Reply-To: <m" + (i - 1) + "@crash>\r\n";
        String references = i % 4 == 3 ? "References: <m" + (i - 3) + "@crash> <m" + (i - 1) + "@crash>\r\n" : "";
        return ("Message-ID: <m" + i + "@crash>\r\n" + inReplyTo + references
                + "From: Sender <s@example.org>\r\nTo: bob@localhost, amy@localhost\r\n"
                + "Subject: " + (i % 4 == 0 ? "" : "Re: ") + "thread " + thread + "\r\n\r\n"
                + ("body " + i + " ").repeat(200) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
