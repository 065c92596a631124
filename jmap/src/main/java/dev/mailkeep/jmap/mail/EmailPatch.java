// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.store.EmailUpdate;
import dev.mailkeep.store.MailboxId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Email/set update (RFC 8621 section 4.6): a PatchObject (RFC 8620 section 5.3) over the
 * only mutable properties, {@code keywords} and {@code mailboxIds}, either replaced whole or
 * changed one entry at a time ({@code keywords/$seen}, {@code mailboxIds/M1}). Keywords are
 * case-insensitive and stored lowercase.
 */
final class EmailPatch {
    /** The update, or why it cannot be applied. */
    sealed interface Result {
        record Valid(EmailUpdate update, Set<String> touched) implements Result {}

        record Invalid(SetError error) implements Result {}
    }

    private EmailPatch() {}

    static Result read(JsonNode patch) {
        if (!patch.isObject()) {
            return new Result.Invalid(new SetError("invalidPatch", "an update must be a PatchObject", List.of()));
        }
        Set<String> keywords = null;
        Map<String, Boolean> keywordPatch = new LinkedHashMap<>();
        Set<MailboxId> mailboxes = null;
        Map<MailboxId, Boolean> mailboxPatch = new LinkedHashMap<>();
        List<String> invalid = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : ((ObjectNode) patch).properties()) {
            String path = entry.getKey();
            JsonNode value = entry.getValue();
            int slash = path.indexOf('/');
            String property = slash < 0 ? path : path.substring(0, slash);
            String key = slash < 0 ? null : unescape(path.substring(slash + 1));
            touched.add(property);
            switch (property) {
                case "keywords" -> {
                    if (key == null) {
                        keywords = trueSet(value);
                        if (keywords == null) {
                            invalid.add(path);
                        } else {
                            keywords = lower(keywords);
                        }
                    } else if (value.isNull() || value.isBoolean() && value.booleanValue()) {
                        keywordPatch.put(key.toLowerCase(Locale.ROOT), !value.isNull());
                    } else {
                        invalid.add(path);
                    }
                }
                case "mailboxIds" -> {
                    if (key == null) {
                        Set<String> ids = trueSet(value);
                        mailboxes = ids == null ? null : mailboxIds(ids);
                        if (mailboxes == null) {
                            invalid.add(path);
                        }
                    } else if ((value.isNull() || value.isBoolean() && value.booleanValue()) && mailboxId(key) != null) {
                        mailboxPatch.put(mailboxId(key), !value.isNull());
                    } else {
                        invalid.add(path);
                    }
                }
                default -> invalid.add(path);
            }
        }
        if (!invalid.isEmpty()) {
            return new Result.Invalid(SetError.invalidProperties(
                    "only keywords and mailboxIds can be changed, to maps of true", invalid));
        }
        if ((keywords != null && !keywordPatch.isEmpty()) || (mailboxes != null && !mailboxPatch.isEmpty())) {
            return new Result.Invalid(new SetError("invalidPatch",
                    "a property is both replaced and patched in one update", List.of()));
        }
        return new Result.Valid(new EmailUpdate(keywords, keywordPatch, mailboxes, mailboxPatch), touched);
    }

    /** The keys of an {@code Id[Boolean]}-style map whose values are all true; null otherwise. */
    private static Set<String> trueSet(JsonNode value) {
        if (!value.isObject()) {
            return null;
        }
        Set<String> keys = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : ((ObjectNode) value).properties()) {
            if (!entry.getValue().isBoolean() || !entry.getValue().booleanValue()) {
                return null;
            }
            keys.add(entry.getKey());
        }
        return keys;
    }

    private static Set<String> lower(Set<String> keywords) {
        Set<String> lower = new HashSet<>();
        keywords.forEach(k -> lower.add(k.toLowerCase(Locale.ROOT)));
        return lower;
    }

    private static Set<MailboxId> mailboxIds(Set<String> ids) {
        Set<MailboxId> mailboxes = new HashSet<>();
        for (String id : ids) {
            MailboxId mailbox = mailboxId(id);
            if (mailbox == null) {
                return null;
            }
            mailboxes.add(mailbox);
        }
        return mailboxes;
    }

    private static MailboxId mailboxId(String id) {
        try {
            return new MailboxId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** RFC 6901 section 4: {@code ~1} is {@code /}, then {@code ~0} is {@code ~}. */
    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
