// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import dev.mailkeep.store.model.EmailAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.DefaultFieldParser;
import org.apache.james.mime4j.field.address.AddressFormatter;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Writes a new message (RFC 5322 with MIME, RFC 2045-2047 and 2231) from a neutral description:
 * header fields given as parsed values, and a tree of parts whose content is given decoded. Used
 * for drafts created over JMAP (RFC 8621 section 4.6) and for messages the server writes itself.
 *
 * <p>Header values are encoded here (encoded words for non-ASCII text and display names, folding
 * at 78 columns); a {@link Value.Raw} value is written as it is, after checking that it cannot
 * start another header field. Text parts are written as 7bit when they are short-lined ASCII and
 * as quoted-printable otherwise; other parts as base64. Boundaries are random.
 */
public final class MessageComposer {
    /** RFC 5322 section 3.3 date-time, as a Date header is written. */
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private MessageComposer() {}

    /** A header field value in one of the parsed forms of RFC 8621 section 4.1.2. */
    public sealed interface Value {
        /** Written as it is: the caller has the exact text (RFC 8621 asRaw). */
        record Raw(String text) implements Value {}

        /** Unstructured text, encoded as needed (asText). */
        record Text(String text) implements Value {}

        /** A list of mailboxes (asAddresses). */
        record Addresses(List<EmailAddress> addresses) implements Value {
            public Addresses {
                addresses = List.copyOf(addresses);
            }
        }

        /** Groups of mailboxes; a null group name means mailboxes outside any group (asGroupedAddresses). */
        record GroupedAddresses(List<AddressGroup> groups) implements Value {
            public GroupedAddresses {
                groups = List.copyOf(groups);
            }
        }

        /** Message identifiers without their angle brackets (asMessageIds). */
        record MessageIds(List<String> ids) implements Value {
            public MessageIds {
                ids = List.copyOf(ids);
            }
        }

        /** A date-time with its offset (asDate). */
        record Date(OffsetDateTime date) implements Value {}

        /** URLs, each written in angle brackets (asURLs). */
        record Urls(List<String> urls) implements Value {
            public Urls {
                urls = List.copyOf(urls);
            }
        }
    }

    /** One group of {@link Value.GroupedAddresses}. */
    public record AddressGroup(String name, List<EmailAddress> addresses) {
        public AddressGroup {
            addresses = List.copyOf(addresses);
        }
    }

    /** A header field to write. */
    public record Header(String name, Value value) {
        public Header {
            Objects.requireNonNull(value, "value");
            if (name == null || !name.matches("[\\x21-\\x39\\x3b-\\x7e]+")) {
                throw new IllegalArgumentException("not a header field name: " + name);
            }
        }
    }

    /** A node of the body tree. */
    public sealed interface Part {
        /** Header fields of the part other than the Content-* ones this composer writes. */
        List<Header> headers();
    }

    /**
     * A leaf part. {@code content} is the decoded content; for a text part without a
     * {@code charset}, the content is UTF-8 and is labelled so.
     */
    public record Leaf(String type, String charset, byte[] content, String disposition, String name, String cid,
            List<String> language, String location, List<Header> headers) implements Part {
        public Leaf {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(content, "content");
            language = language == null ? null : List.copyOf(language);
            headers = headers == null ? List.of() : List.copyOf(headers);
        }
    }

    /** A multipart of the given subtype ({@code mixed}, {@code alternative}, {@code related} ...). */
    public record Multi(String subtype, List<Part> parts, List<Header> headers) implements Part {
        public Multi {
            Objects.requireNonNull(subtype, "subtype");
            parts = List.copyOf(parts);
            headers = headers == null ? List.of() : List.copyOf(headers);
        }
    }

    /** The message: its header fields in order, MIME-Version added, then the body tree. */
    public static byte[] compose(List<Header> headers, Part body) {
        Message.Builder message = Message.Builder.of();
        for (Header header : headers) {
            message.addField(typed(field(header)));
        }
        message.addField(typed(new RawField("MIME-Version", "1.0")));
        fill(body, new EntityTarget() {
            @Override
            public void contentType(String type, NameValuePair... params) {
                message.setContentType(type, params);
            }

            @Override
            public void field(RawField field) {
                message.addField(typed(field));
            }

            @Override
            public void body(Body content) {
                message.setBody(content);
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new DefaultMessageWriter().writeMessage(message.build(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What {@link #fill} writes into: a message or a body part builder. */
    private interface EntityTarget {
        void contentType(String type, NameValuePair... params);

        void field(RawField field);

        void body(Body content);
    }

    private static void fill(Part part, EntityTarget target) {
        for (Header header : part.headers()) {
            target.field(field(header));
        }
        switch (part) {
            case Multi multi -> {
                String boundary = MimeUtil.createUniqueBoundary();
                target.contentType("multipart/" + multi.subtype(), new NameValuePair("boundary", boundary));
                MultipartBuilder builder = MultipartBuilder.create(multi.subtype());
                for (Part child : multi.parts()) {
                    BodyPartBuilder bodyPart = BodyPartBuilder.create();
                    fill(child, new EntityTarget() {
                        @Override
                        public void contentType(String type, NameValuePair... params) {
                            bodyPart.setContentType(type, params);
                        }

                        @Override
                        public void field(RawField field) {
                            bodyPart.addField(typed(field));
                        }

                        @Override
                        public void body(Body content) {
                            bodyPart.setBody(content);
                        }
                    });
                    builder.addBodyPart(bodyPart.build());
                }
                Multipart built = builder.build();
                target.body(built);
            }
            case Leaf leaf -> leaf(leaf, target);
        }
    }

    private static void leaf(Leaf leaf, EntityTarget target) {
        boolean text = leaf.type().toLowerCase(Locale.ROOT).startsWith("text/");
        List<NameValuePair> params = new ArrayList<>();
        if (text) {
            params.add(new NameValuePair("charset", leaf.charset() == null ? "utf-8" : leaf.charset()));
        }
        if (leaf.name() != null && leaf.disposition() == null) {
            params.add(new NameValuePair("name", encodeWord(leaf.name())));
        }
        target.contentType(leaf.type(), params.toArray(NameValuePair[]::new));
        String encoding = !text ? "base64" : isSevenBit(leaf.content()) ? "7bit" : "quoted-printable";
        target.field(new RawField("Content-Transfer-Encoding", encoding));
        if (leaf.disposition() != null) {
            StringBuilder disposition = new StringBuilder(leaf.disposition());
            if (leaf.name() != null) {
                disposition.append(filenameParameter(leaf.name()));
            }
            target.field(new RawField("Content-Disposition", MimeUtil.fold(disposition.toString(), 21)));
        }
        if (leaf.cid() != null) {
            target.field(new RawField("Content-ID", "<" + leaf.cid() + ">"));
        }
        if (leaf.language() != null && !leaf.language().isEmpty()) {
            target.field(new RawField("Content-Language", String.join(", ", leaf.language())));
        }
        if (leaf.location() != null) {
            target.field(new RawField("Content-Location", leaf.location()));
        }
        target.body(BasicBodyFactory.INSTANCE.binaryBody(leaf.content()));
    }

    /**
     * The filename parameter of a Content-Disposition: a quoted string when the name is ASCII,
     * else RFC 2231 {@code filename*=utf-8''...} percent-encoding, which mail readers decode.
     */
    static String filenameParameter(String name) {
        if (name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "; filename=\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        StringBuilder out = new StringBuilder("; filename*=utf-8''");
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String encodeWord(String text) {
        return EncoderUtil.hasToBeEncoded(text, 0) ? EncoderUtil.encodeEncodedWord(text, EncoderUtil.Usage.TEXT_TOKEN) : text;
    }

    /** True when the content can go as 7bit: ASCII, no NUL, bare CR or LF, lines of at most 998 octets. */
    static boolean isSevenBit(byte[] content) {
        int line = 0;
        for (int i = 0; i < content.length; i++) {
            int c = content[i] & 0xff;
            if (c == 0 || c > 0x7f) {
                return false;
            }
            if (c == '\r') {
                if (i + 1 >= content.length || content[i + 1] != '\n') {
                    return false;
                }
                i++;
                line = 0;
            } else if (c == '\n') {
                return false;
            } else if (++line > 998) {
                return false;
            }
        }
        return true;
    }

    /** Checks that a header field can be written: throws {@link IllegalArgumentException} naming the problem. */
    public static void validate(Header header) {
        field(header);
    }

    private static RawField field(Header header) {
        String name = header.name();
        int used = name.length() + 2;
        String body = switch (header.value()) {
            case Value.Raw raw -> {
                checkRaw(raw.text());
                yield raw.text().startsWith(" ") ? raw.text().substring(1) : raw.text();
            }
            // encoded words come back already split into folded lines of at most 76 octets
            case Value.Text text -> EncoderUtil.hasToBeEncoded(oneLine(text.text()), used)
                    ? EncoderUtil.encodeEncodedWord(text.text(), EncoderUtil.Usage.TEXT_TOKEN, used, null, null)
                    : MimeUtil.fold(text.text(), used);
            case Value.Addresses addresses -> MimeUtil.fold(formatAddresses(
                    addresses.addresses().stream().map(MessageComposer::mailbox).map(Address.class::cast).toList()), used);
            case Value.GroupedAddresses grouped -> {
                List<Address> all = new ArrayList<>();
                for (AddressGroup group : grouped.groups()) {
                    List<Mailbox> members = group.addresses().stream().map(MessageComposer::mailbox).toList();
                    if (group.name() == null) {
                        all.addAll(members);
                    } else {
                        all.add(new Group(group.name(), members));
                    }
                }
                yield MimeUtil.fold(formatAddresses(all), used);
            }
            case Value.MessageIds ids -> MimeUtil.fold(String.join(" ",
                    ids.ids().stream().map(MessageComposer::messageId).toList()), used);
            case Value.Date date -> RFC_5322_DATE.format(date.date());
            case Value.Urls urls -> MimeUtil.fold(String.join(", ",
                    urls.urls().stream().map(u -> "<" + oneLine(u) + ">").toList()), used);
        };
        return new RawField(name, body);
    }

    /** The writer reads some fields (Content-Transfer-Encoding) through their parsed types. */
    private static Field typed(RawField raw) {
        return DefaultFieldParser.getParser().parse(raw, DecodeMonitor.SILENT);
    }

    private static String formatAddresses(List<Address> addresses) {
        List<String> parts = new ArrayList<>();
        for (Address address : addresses) {
            parts.add(switch (address) {
                case Mailbox mailbox -> AddressFormatter.DEFAULT.encode(mailbox);
                case Group group -> AddressFormatter.DEFAULT.encode(group);
                default -> throw new IllegalArgumentException("unknown address kind " + address);
            });
        }
        return String.join(", ", parts);
    }

    private static Mailbox mailbox(EmailAddress address) {
        String email = oneLine(address.email());
        int at = email.lastIndexOf('@');
        String local = at < 0 ? email : email.substring(0, at);
        String domain = at < 0 ? null : email.substring(at + 1);
        return new Mailbox(address.name() == null ? null : oneLine(address.name()), local, domain);
    }

    private static String messageId(String id) {
        String clean = oneLine(id);
        if (clean.isEmpty() || clean.contains("<") || clean.contains(">") || clean.contains(" ")) {
            throw new IllegalArgumentException("not a message id: " + id);
        }
        return "<" + clean + ">";
    }

    /** Refuses text that would end the header field and start another (header injection). */
    private static String oneLine(String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a header value may not contain line breaks");
        }
        return text;
    }

    /** A raw value may fold (CRLF followed by white space) but not end the field. */
    private static void checkRaw(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException("a header value may not contain NUL");
            }
            if (c == '\r' || c == '\n') {
                boolean folding = c == '\r' && i + 2 < text.length() && text.charAt(i + 1) == '\n'
                        && (text.charAt(i + 2) == ' ' || text.charAt(i + 2) == '\t');
                if (!folding) {
                    throw new IllegalArgumentException("a raw header value may only contain folding line breaks");
                }
                i++;
            }
        }
    }

    /** Writes an RFC 5322 date as the composer does, for callers that need the same text. */
    public static String date(OffsetDateTime date) {
        return RFC_5322_DATE.format(date);
    }
}
