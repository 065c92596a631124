// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailAddressGroup;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.ContentUtil;

/**
 * The parsed forms of a header field value (RFC 8621 section 4.1.2), each computed from the value
 * in Raw form (section 4.1.2.1). A form that cannot be parsed from the value is null, as the RFC
 * asks; addresses are parsed best effort and never null.
 */
public final class HeaderForms {
    private static final Pattern FOLD = Pattern.compile("\r?\n(?=[ \t])");
    private static final Pattern MSG_ID = Pattern.compile("<([^<>]*)>");
    private static final Pattern URL = Pattern.compile("<([^<>]*)>");

    private HeaderForms() {}

    /** RFC 5322 section 2.2.3: line breaks before white space removed, any other CR or LF dropped. */
    static String unfold(String raw) {
        if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
            return raw;
        }
        return FOLD.matcher(raw).replaceAll("").replaceAll("[\r\n]", "");
    }

    /**
     * Section 4.1.2.2 Text: unfolded, leading and trailing white space removed, RFC 2047 encoded
     * words decoded, NFC. (The RFC removes only leading space; trailing space is trimmed too, so
     * that {@code subject} equals {@code header:Subject:asText} for values sent with it.)
     */
    public static String text(String raw) {
        return Normalizer.normalize(MessageParser.decodeWords(unfold(raw).strip()), Normalizer.Form.NFC)
                .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "").strip();
    }

    /** Section 4.1.2.3 Addresses: groups flattened, display names decoded; empty when none parse. */
    public static List<EmailAddress> addresses(String raw) {
        List<EmailAddress> out = new ArrayList<>();
        groupedAddresses(raw).forEach(g -> out.addAll(g.addresses()));
        return out;
    }

    /**
     * Section 4.1.2.4 GroupedAddresses: each group with its name, and consecutive mailboxes
     * outside a group in one group whose name is null.
     */
    public static List<EmailAddressGroup> groupedAddresses(String raw) {
        String value = unfold(raw);
        List<EmailAddressGroup> groups = new ArrayList<>();
        if (value.isBlank()) {
            return groups;
        }
        // The byte overload with a cursor over all bytes: the CharSequence one bounds the cursor by
        // the character count and cuts addresses after non-ASCII display names.
        ByteSequence bytes = ContentUtil.encode(value);
        AddressList list = LenientAddressParser.DEFAULT.parseAddressList(bytes, new ParserCursor(0, bytes.length()));
        List<EmailAddress> loose = new ArrayList<>();
        for (Address address : list) {
            if (address instanceof Mailbox mailbox) {
                add(loose, mailbox);
            } else if (address instanceof Group group) {
                if (!loose.isEmpty()) {
                    groups.add(new EmailAddressGroup(null, loose));
                    loose = new ArrayList<>();
                }
                List<EmailAddress> members = new ArrayList<>();
                group.getMailboxes().forEach(m -> add(members, m));
                groups.add(new EmailAddressGroup(name(group.getName()), members));
            }
        }
        if (!loose.isEmpty()) {
            groups.add(new EmailAddressGroup(null, loose));
        }
        return groups;
    }

    private static void add(List<EmailAddress> out, Mailbox mailbox) {
        String email = mailbox.getAddress();
        if (email != null && !email.isEmpty()) {
            out.add(new EmailAddress(name(mailbox.getName()), email));
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return Normalizer.normalize(MessageParser.decodeWords(name).strip(), Normalizer.Form.NFC);
    }

    /** Section 4.1.2.5 MessageIds: the ids without angle brackets and CFWS; null when there is none. */
    public static List<String> messageIds(String raw) {
        List<String> ids = new ArrayList<>();
        Matcher m = MSG_ID.matcher(MimeParameters.stripComments(unfold(raw)));
        while (m.find()) {
            String id = m.group(1).replaceAll("\\s+", "");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids.isEmpty() ? null : ids;
    }

    /** Section 4.1.2.6 Date: the RFC 5322 date-time with its own offset; null when it does not parse. */
    public static OffsetDateTime date(String raw) {
        return DateHeader.parse(unfold(raw));
    }

    /**
     * Section 4.1.2.7 URLs: the angle-bracketed URLs of an RFC 2369 list header, brackets, white
     * space and comments removed; null when there is none.
     */
    public static List<String> urls(String raw) {
        List<String> urls = new ArrayList<>();
        Matcher m = URL.matcher(MimeParameters.stripComments(unfold(raw)));
        while (m.find()) {
            String url = m.group(1).replaceAll("\\s+", "");
            if (!url.isEmpty()) {
                urls.add(url);
            }
        }
        return urls.isEmpty() ? null : urls;
    }
}
