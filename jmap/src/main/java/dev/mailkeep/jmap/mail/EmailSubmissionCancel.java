// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.SubmissionCancel;
import dev.mailkeep.store.SubmissionId;
import java.util.List;
import java.util.Map;

/**
 * The update half of {@code EmailSubmission/set} (RFC 8621 section 7.5): the only property a
 * client may change is {@code undoStatus}, and only to {@code canceled}. A pending submission
 * whose sendAt has not come is canceled; one already released or final is {@code cannotUnsend};
 * an id not of this account is {@code notFound}.
 */
final class EmailSubmissionCancel {
    private EmailSubmissionCancel() {}

    /**
     * Applies each patch, writing {@code updated} (id to null: nothing else changed that the client
     * did not set) and {@code notUpdated}; the canceled submissions are added to {@code done}.
     */
    static void apply(JsonNode update, MethodContext context, AccountId account, ObjectNode updated,
            ObjectNode notUpdated, Map<String, EmailSubmissionSet.Created> done) {
        for (Map.Entry<String, JsonNode> entry : update.properties()) {
            SubmissionId id = submissionId(context.resolveId(entry.getKey()));
            // Answered by the real id, also when the client named the submission by "#creationId".
            String key = id == null ? entry.getKey() : id.value();
            SetError error = id == null ? new SetError("notFound", null, List.of()) : refusal(entry.getValue());
            if (error == null && entry.getValue().isEmpty()) {
                if (context.store().submissions(account, List.of(id)).isEmpty()) {
                    error = new SetError("notFound", null, List.of());
                } else {
                    updated.putNull(key);
                }
            } else if (error == null) {
                SubmissionCancel result = context.store().cancelSubmission(account, id);
                switch (result.outcome()) {
                    case CANCELED -> {
                        updated.putNull(key);
                        EmailSubmissionSet.Created canceled =
                                new EmailSubmissionSet.Created(result.submission(), result.submission().emailId());
                        done.put(entry.getKey(), canceled);
                        done.put(key, canceled);
                    }
                    case CANNOT_UNSEND -> error = new SetError("cannotUnsend",
                            "the submission was already released (or is final) and cannot be recalled", List.of());
                    case NOT_FOUND -> error = new SetError("notFound", null, List.of());
                }
            }
            if (error != null) {
                notUpdated.set(key, Wire.write(error));
            }
        }
    }

    /** Why a patch is neither a cancel request nor empty, or null when it is one of those. */
    private static SetError refusal(JsonNode patch) {
        if (!patch.isObject()) {
            return new SetError("invalidPatch", "a PatchObject must be an object", List.of());
        }
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (!field.getKey().equals("undoStatus")) {
                return new SetError("invalidProperties", "only undoStatus may be updated", List.of(field.getKey()));
            }
            if (!"canceled".equals(field.getValue().textValue())) {
                return new SetError("invalidProperties", "undoStatus may only be set to canceled",
                        List.of("undoStatus"));
            }
        }
        return null;
    }

    private static SubmissionId submissionId(String id) {
        try {
            return new SubmissionId(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
