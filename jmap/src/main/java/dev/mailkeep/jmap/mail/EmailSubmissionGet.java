// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.GetArguments;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.SubmissionId;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Submission;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code EmailSubmission/get} (RFC 8621 section 7.1): the envelope, undoStatus and each
 * recipient's deliveryStatus as the delivery side has recorded it.
 */
final class EmailSubmissionGet implements Method {
    static final List<String> PROPERTIES = List.of("id", "identityId", "emailId", "threadId", "envelope", "sendAt",
            "undoStatus", "deliveryStatus", "dsnBlobIds", "mdnBlobIds");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        GetArguments get = GetArguments.read(args, context, false, Set.copyOf(PROPERTIES), PROPERTIES);
        args.done();
        String state = context.store().state(get.accountId(), DataType.EMAIL_SUBMISSION).encode();
        List<String> wanted = get.ids();
        if (wanted == null) {
            List<SubmissionId> all = context.store().submissionIds(get.accountId());
            if (all.size() > context.limits().maxObjectsInGet()) {
                throw new MethodException(MethodError.requestTooLarge("the account has more than "
                        + context.limits().maxObjectsInGet() + " submissions; ask for ids (EmailSubmission/query)"));
            }
            wanted = all.stream().map(SubmissionId::value).toList();
        }
        List<SubmissionId> ids = new ArrayList<>();
        for (String id : wanted) {
            try {
                ids.add(new SubmissionId(id));
            } catch (IllegalArgumentException malformed) {
                // reported in notFound below
            }
        }
        Map<SubmissionId, Submission> found = context.store().submissions(get.accountId(), ids);
        Map<EmailId, EmailRecord> emails = context.store().emails(get.accountId(),
                found.values().stream().map(Submission::emailId).filter(e -> e != null).toList());

        ObjectNode response = JSON.objectNode();
        response.put("accountId", get.accountId().value());
        response.put("state", state);
        ArrayNode list = response.putArray("list");
        ArrayNode notFound = response.putArray("notFound");
        for (String id : wanted) {
            Submission submission = found.entrySet().stream().filter(e -> e.getKey().value().equals(id))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (submission == null) {
                notFound.add(id);
            } else {
                list.add(write(submission, emails.get(submission.emailId()), get.properties()));
            }
        }
        return response;
    }

    static ObjectNode write(Submission submission, EmailRecord email, Set<String> properties) {
        ObjectNode node = JSON.objectNode();
        for (String property : PROPERTIES) {
            if (!properties.contains(property)) {
                continue;
            }
            switch (property) {
                case "id" -> node.put("id", submission.id().value());
                case "identityId" -> node.put("identityId", submission.identityId());
                case "emailId" -> node.put("emailId", submission.emailId() == null ? null : submission.emailId().value());
                case "threadId" -> node.put("threadId", email == null ? null : email.threadId().value());
                case "envelope" -> {
                    ObjectNode envelope = node.putObject("envelope");
                    envelope.putObject("mailFrom").put("email", submission.mailFrom()).putNull("parameters");
                    ArrayNode rcptTo = envelope.putArray("rcptTo");
                    submission.recipients().forEach(r -> rcptTo.addObject().put("email", r.address()).putNull("parameters"));
                }
                case "sendAt" -> node.put("sendAt", DateTimeFormatter.ISO_INSTANT.format(submission.sendAt()));
                case "undoStatus" -> node.put("undoStatus", undoStatus(submission));
                case "deliveryStatus" -> {
                    ObjectNode status = node.putObject("deliveryStatus");
                    for (Submission.Recipient r : submission.recipients()) {
                        status.putObject(r.address())
                                .put("smtpReply", smtpReply(r))
                                .put("delivered", switch (r.delivery()) {
                                    case QUEUED -> "queued";
                                    case DELIVERED -> "yes";
                                    case FAILED, CANCELED -> "no";
                                })
                                .put("displayed", "unknown");
                    }
                }
                case "dsnBlobIds", "mdnBlobIds" -> node.putArray(property);
                default -> throw new IllegalStateException("unhandled EmailSubmission property " + property);
            }
        }
        return node;
    }

    /** RFC 8621 section 7 undoStatus. */
    static String undoStatus(Submission submission) {
        return submission.isCanceled() ? "canceled" : submission.isFinal() ? "final" : "pending";
    }

    /** The last SMTP reply about a recipient; before any attempt, one saying where it stands. */
    private static String smtpReply(Submission.Recipient recipient) {
        if (!recipient.smtpReply().isEmpty()) {
            return recipient.smtpReply();
        }
        return recipient.delivery() == Submission.Delivery.CANCELED
                ? "554 5.3.0 canceled before release" : "250 2.0.0 queued";
    }
}
