// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs push messages to PushSubscription URLs (RFC 8620 section 7.2, RFC 8030 section 5): the
 * URL is checked against the {@link PushUrlPolicy} before every request (a host may resolve
 * differently later), a {@code TTL} header is always sent, and with keys the body is encrypted
 * (RFC 8291) and sent as {@code Content-Encoding: aes128gcm}; without keys it is the JSON itself.
 * With a {@link VapidKey}, every request carries its {@code Authorization: vapid} header.
 */
final class PushSender implements AutoCloseable {
    /** How long a push service may keep a message for an offline device (RFC 8030 section 5.2). */
    static final Duration TTL = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final PushUrlPolicy policy;
    private final HttpClient http;
    private final VapidKey vapid;

    /** @param vapid null to send without VAPID */
    PushSender(PushUrlPolicy policy, VapidKey vapid) {
        this.policy = policy;
        this.vapid = vapid;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends one message; failures are logged, never thrown (the next change is another try).
     *
     * @param keys null to send the JSON unencrypted
     * @throws InterruptedException when the thread is interrupted while waiting for the answer
     */
    void send(String subscriptionId, URI url, WebPushEncryption.Keys keys, ObjectNode message) throws InterruptedException {
        try {
            URI target = policy.check(url.toString());
            byte[] json = message.toString().getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                    .header("TTL", Long.toString(TTL.toSeconds()));
            if (vapid != null) {
                request.header("Authorization", vapid.authorization(target, java.time.Instant.now()));
            }
            if (keys == null) {
                request.header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json));
            } else {
                request.header("Content-Type", "application/octet-stream")
                        .header("Content-Encoding", "aes128gcm")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(WebPushEncryption.encrypt(json, keys)));
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.info("push subscription {}: {} answered {}", subscriptionId, url.getHost(), response.statusCode());
            }
        } catch (IllegalArgumentException e) {
            LOG.info("push subscription {}: not sent: {}", subscriptionId, e.getMessage());
        } catch (IOException e) {
            LOG.info("push subscription {}: {} unreachable: {}", subscriptionId, url.getHost(), e.toString());
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
