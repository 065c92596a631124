// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code PushSubscription/get} (RFC 8620 section 7.2.1): the user's subscriptions, with no
 * accountId and no state; {@code url} and {@code keys} are never returned.
 */
public final class PushSubscriptionGet implements Method {
    static final List<String> PROPERTIES = List.of("id", "deviceClientId", "verificationCode", "expires", "types");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PushSubscriptions subscriptions;

    public PushSubscriptionGet(PushSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public ObjectNode call(Args args, MethodContext context) {
        List<String> ids = args.stringList("ids");
        List<String> properties = args.stringList("properties");
        args.done();
        if (properties != null) {
            for (String property : properties) {
                if (!PROPERTIES.contains(property) && !property.equals("url") && !property.equals("keys")) {
                    throw Args.invalid("properties", "names an unknown property: " + property);
                }
            }
        }
        Set<String> wanted = properties == null ? Set.copyOf(PROPERTIES) : Set.copyOf(properties);
        List<PushSubscriptions.View> views = subscriptions.list(context.user().id());
        Map<String, PushSubscriptions.View> all = views.stream()
                .collect(Collectors.toMap(PushSubscriptions.View::id, Function.identity()));
        ObjectNode response = JSON.objectNode();
        ArrayNode list = response.putArray("list");
        ArrayNode notFound = response.putArray("notFound");
        List<String> asked = ids == null ? views.stream().map(PushSubscriptions.View::id).toList() : ids;
        for (String id : asked) {
            PushSubscriptions.View view = all.get(id);
            if (view == null) {
                notFound.add(id);
            } else {
                list.add(write(view, wanted));
            }
        }
        return response;
    }

    static ObjectNode write(PushSubscriptions.View view, Set<String> properties) {
        ObjectNode node = JSON.objectNode().put("id", view.id());
        if (properties.contains("deviceClientId")) {
            node.put("deviceClientId", view.deviceClientId());
        }
        if (properties.contains("verificationCode")) {
            node.put("verificationCode", view.verificationCode());
        }
        if (properties.contains("expires")) {
            node.put("expires", DateTimeFormatter.ISO_INSTANT.format(view.expires().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        }
        if (properties.contains("types")) {
            if (view.types() == null) {
                node.putNull("types");
            } else {
                ArrayNode types = node.putArray("types");
                view.types().stream().sorted().forEach(type -> types.add(type.typeName()));
            }
        }
        return node;
    }
}
