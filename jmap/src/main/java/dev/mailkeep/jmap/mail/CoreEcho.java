// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.core.Args;
import dev.mailkeep.jmap.core.Method;
import dev.mailkeep.jmap.core.MethodContext;

/** {@code Core/echo} (RFC 8620 section 4): returns its arguments unchanged. */
final class CoreEcho implements Method {
    @Override
    public ObjectNode call(Args args, MethodContext context) {
        return args.raw().deepCopy();
    }
}
