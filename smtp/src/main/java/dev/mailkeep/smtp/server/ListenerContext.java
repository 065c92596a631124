// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.smtp.delivery.InboundPolicy;
import dev.mailkeep.smtp.delivery.LocalDelivery;
import dev.mailkeep.store.MailStore;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.ExecutorService;

/**
 * What every session of one listener shares.
 *
 * @param policy decides on ingress mail from its authentication verdict; submissions skip it
 * @param blocking runs store calls and password checks off the event loop (virtual threads)
 * @param tls null when the server has no TLS material
 */
record ListenerContext(
        SmtpSettings settings,
        SmtpMode mode,
        MailStore store,
        LocalDelivery delivery,
        InboundPolicy policy,
        ExecutorService blocking,
        SslContext tls) {

    String hostname() {
        return settings.hostname();
    }

    boolean submission() {
        return mode != SmtpMode.INGRESS;
    }
}
