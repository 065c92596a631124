// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.jmap.core.SetResults;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import dev.mailkeep.jmap.protocol.SetError;
import dev.mailkeep.jmap.protocol.Wire;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.model.VacationResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code VacationResponse/set} (RFC 8621 section 8.2): only the {@code singleton} may be updated;
 * creating or destroying one is the {@code singleton} SetError.
 */
final class VacationResponseSet implements Method {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        AccountId account = context.account(args);
        String ifInState = args.get("ifInState") == null ? null : args.requiredString("ifInState");
        JsonNode create = args.get("create");
        JsonNode update = args.get("update");
        List<String> destroy = args.stringList("destroy");
        args.done();
        String oldState = context.store().state(account, DataType.VACATION_RESPONSE).encode();
        if (ifInState != null && !ifInState.equals(oldState)) {
            throw new MethodException(new MethodError("stateMismatch", "the VacationResponse state is " + oldState));
        }
        SetError singleton = new SetError("singleton", "the VacationResponse is a singleton", List.of());
        ObjectNode notCreated = JSON.objectNode();
        if (create != null && create.isObject()) {
            create.fieldNames().forEachRemaining(id -> notCreated.set(id, Wire.write(singleton)));
        }
        ObjectNode notDestroyed = JSON.objectNode();
        if (destroy != null) {
            destroy.forEach(id -> notDestroyed.set(id, Wire.write(id.equals(VacationResponse.ID) ? singleton : SetError.notFound())));
        }
        ObjectNode updated = JSON.objectNode();
        ObjectNode notUpdated = JSON.objectNode();
        if (update != null && update.isObject()) {
            for (Map.Entry<String, JsonNode> entry : update.properties()) {
                if (!entry.getKey().equals(VacationResponse.ID)) {
                    notUpdated.set(entry.getKey(), Wire.write(SetError.notFound()));
                    continue;
                }
                VacationResponse current = context.store().vacationResponse(account);
                try {
                    context.store().setVacationResponse(account, apply(current, entry.getValue()));
                    updated.putNull(VacationResponse.ID);
                } catch (Invalid e) {
                    notUpdated.set(entry.getKey(), Wire.write(SetError.invalidProperties(e.getMessage(), e.properties)));
                }
            }
        }
        ObjectNode response = JSON.objectNode();
        response.put("accountId", account.value());
        response.put("oldState", oldState);
        response.put("newState", context.store().state(account, DataType.VACATION_RESPONSE).encode());
        return SetResults.put(response, null, updated, null, notCreated, notUpdated, notDestroyed);
    }

    private static final class Invalid extends Exception {
        private final List<String> properties;

        Invalid(List<String> properties) {
            super("invalid or not settable: " + String.join(", ", properties), null, false, false);
            this.properties = properties;
        }
    }

    private static VacationResponse apply(VacationResponse current, JsonNode patch) throws Invalid {
        if (!patch.isObject()) {
            throw new Invalid(List.of());
        }
        boolean enabled = current.isEnabled();
        Instant from = current.fromDate();
        Instant to = current.toDate();
        String subject = current.subject();
        String text = current.textBody();
        String html = current.htmlBody();
        List<String> invalid = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case "isEnabled" -> {
                    if (value.isBoolean()) {
                        enabled = value.booleanValue();
                    } else {
                        invalid.add("isEnabled");
                    }
                }
                case "fromDate" -> from = date(value, "fromDate", invalid, from);
                case "toDate" -> to = date(value, "toDate", invalid, to);
                case "subject" -> subject = text(value, "subject", invalid, subject);
                case "textBody" -> text = text(value, "textBody", invalid, text);
                case "htmlBody" -> html = text(value, "htmlBody", invalid, html);
                default -> invalid.add(entry.getKey());
            }
        }
        if (!invalid.isEmpty()) {
            throw new Invalid(invalid);
        }
        return new VacationResponse(enabled, from, to, subject, text, html);
    }

    private static Instant date(JsonNode value, String name, List<String> invalid, Instant unchanged) {
        if (value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            invalid.add(name);
            return unchanged;
        }
    }

    private static String text(JsonNode value, String name, List<String> invalid, String unchanged) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            invalid.add(name);
            return unchanged;
        }
        return value.textValue();
    }
}
