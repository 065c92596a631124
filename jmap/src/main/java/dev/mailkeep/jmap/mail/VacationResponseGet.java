// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.GetArguments;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.model.VacationResponse;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/** {@code VacationResponse/get} (RFC 8621 section 8.1): the account's one VacationResponse, id {@code singleton}. */
final class VacationResponseGet implements Method {
    static final List<String> PROPERTIES = List.of("id", "isEnabled", "fromDate", "toDate", "subject", "textBody", "htmlBody");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        GetArguments get = GetArguments.read(args, context, false, Set.copyOf(PROPERTIES), PROPERTIES);
        args.done();
        String state = context.store().state(get.accountId(), DataType.VACATION_RESPONSE).encode();
        VacationResponse vacation = context.store().vacationResponse(get.accountId());
        ObjectNode response = JSON.objectNode();
        response.put("accountId", get.accountId().value());
        response.put("state", state);
        ArrayNode list = response.putArray("list");
        ArrayNode notFound = response.putArray("notFound");
        for (String id : get.ids() == null ? List.of(VacationResponse.ID) : get.ids()) {
            if (id.equals(VacationResponse.ID)) {
                list.add(write(vacation, get.properties()));
            } else {
                notFound.add(id);
            }
        }
        return response;
    }

    static ObjectNode write(VacationResponse vacation, Set<String> properties) {
        ObjectNode node = JSON.objectNode();
        for (String property : PROPERTIES) {
            if (!properties.contains(property)) {
                continue;
            }
            switch (property) {
                case "id" -> node.put("id", VacationResponse.ID);
                case "isEnabled" -> node.put("isEnabled", vacation.isEnabled());
                case "fromDate" -> node.put("fromDate", date(vacation.fromDate()));
                case "toDate" -> node.put("toDate", date(vacation.toDate()));
                case "subject" -> node.put("subject", vacation.subject());
                case "textBody" -> node.put("textBody", vacation.textBody());
                case "htmlBody" -> node.put("htmlBody", vacation.htmlBody());
                default -> throw new IllegalStateException("unhandled VacationResponse property " + property);
            }
        }
        return node;
    }

    private static String date(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
