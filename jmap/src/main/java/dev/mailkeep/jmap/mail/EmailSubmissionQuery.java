// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Filters;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.core.QueryWindow;
import dev.mailkeep.jmap.core.Sorting;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.Submission;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code EmailSubmission/query} (RFC 8621 section 7.3): filters identityIds, emailIds, threadIds,
 * undoStatus, before and after; sorts emailId, threadId and sentAt (default: newest first). The
 * account's submissions are read and ordered in memory.
 */
final class EmailSubmissionQuery implements Method {
    static final int MAX_LIMIT = 1000;

    /** A submission with the thread of its email, as the filters and sorts need it. */
    private record Row(Submission submission, String threadId) {
        String id() {
            return submission.id().value();
        }

        String emailId() {
            return submission.emailId() == null ? "" : submission.emailId().value();
        }
    }

    private static final Map<String, Sorting.Property<Row>> SORTS = Map.of(
            "emailId", c -> Comparator.comparing(Row::emailId),
            "threadId", c -> Comparator.comparing(r -> r.threadId() == null ? "" : r.threadId()),
            "sentAt", c -> Comparator.comparing(r -> r.submission().sendAt()));

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        Predicate<Row> filter = Filters.compile(args.get("filter"), EmailSubmissionQuery::condition);
        Comparator<Row> order = Sorting.compile(args.get("sort"), SORTS,
                Comparator.comparing((Row r) -> r.submission().sendAt()).reversed().thenComparing(Row::id));
        QueryWindow window = QueryWindow.read(args);
        args.done();

        String state = context.store().state(account, DataType.EMAIL_SUBMISSION).encode();
        List<Submission> submissions = List.copyOf(
                context.store().submissions(account, context.store().submissionIds(account)).values());
        Map<EmailId, EmailRecord> emails = context.store().emails(account,
                submissions.stream().map(Submission::emailId).filter(Objects::nonNull).toList());
        List<Row> rows = new ArrayList<>();
        for (Submission s : submissions) {
            EmailRecord email = s.emailId() == null ? null : emails.get(s.emailId());
            Row row = new Row(s, email == null ? null : email.threadId().value());
            if (filter.test(row)) {
                rows.add(row);
            }
        }
        rows.sort(order);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("accountId", account.value());
        response.put("queryState", state);
        response.put("canCalculateChanges", false);
        window.write(response, rows.stream().map(Row::id).toList(), MAX_LIMIT);
        return response;
    }

    private static Predicate<Row> condition(ObjectNode condition) {
        Predicate<Row> all = r -> true;
        for (Map.Entry<String, JsonNode> entry : condition.properties()) {
            JsonNode value = entry.getValue();
            Predicate<Row> one = switch (entry.getKey()) {
                case "identityIds" -> {
                    Set<String> ids = strings(value, "identityIds");
                    yield r -> ids.contains(r.submission().identityId());
                }
                case "emailIds" -> {
                    Set<String> ids = strings(value, "emailIds");
                    yield r -> ids.contains(r.emailId());
                }
                case "threadIds" -> {
                    Set<String> ids = strings(value, "threadIds");
                    yield r -> r.threadId() != null && ids.contains(r.threadId());
                }
                case "undoStatus" -> {
                    if (!value.isTextual() || !Set.of("pending", "final", "canceled").contains(value.textValue())) {
                        throw Args.invalid("filter", "undoStatus must be pending, final or canceled");
                    }
                    String status = value.textValue();
                    yield r -> EmailSubmissionGet.undoStatus(r.submission()).equals(status);
                }
                case "before" -> {
                    Instant before = date(value, "before");
                    yield r -> r.submission().sendAt().isBefore(before);
                }
                case "after" -> {
                    Instant after = date(value, "after");
                    yield r -> !r.submission().sendAt().isBefore(after);
                }
                default -> throw new MethodException(MethodError.unsupportedFilter(
                        "unknown EmailSubmission filter condition: " + entry.getKey()));
            };
            all = all.and(one);
        }
        return all;
    }

    private static Set<String> strings(JsonNode value, String name) {
        if (!value.isArray()) {
            throw Args.invalid("filter", name + " must be an array of ids");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw Args.invalid("filter", name + " must be an array of ids");
            }
            ids.add(item.textValue());
        }
        return ids;
    }

    private static Instant date(JsonNode value, String name) {
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw Args.invalid("filter", name + " must be a UTCDate");
        }
    }
}
