// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VAPID key across restarts (RFC 9749 section 5): the same key and the same push
 * subscriptions after a restart; a new key (its file deleted) destroys the subscriptions made
 * under the old one, so their clients subscribe again with the key now advertised.
 */
class VapidRotationTest {
    private static final String USER = "dana@example.test";
    private static final String PASSWORD = "dana's password";

    @TempDir
    Path work;
    private MailkeepProcess mailkeep;

    @AfterEach
    void stop() {
        if (mailkeep != null) {
            mailkeep.close();
        }
    }

    private String key(Jmap dana) {
        return dana.session().getString("capabilities.'urn:ietf:params:jmap:webpush-vapid'.applicationServerKey");
    }

    private List<String> subscriptions(Jmap dana) {
        return dana.call("[[\"PushSubscription/get\", {\"ids\": null}, \"g\"]]").getList("methodResponses[0][1].list.id");
    }

    @Test
    void aNewKeyDestroysTheSubscriptionsMadeUnderTheOldOne() throws Exception {
        mailkeep = new MailkeepProcess(work, "[push]\nallow_private_addresses = true\n");
        assertEquals(0, mailkeep.cli(PASSWORD + "\n", "user", "add", USER, "--password-stdin").exitCode());
        mailkeep.start();
        Jmap dana = new Jmap(mailkeep.baseUrl(), USER, PASSWORD);
        String first = key(dana);
        dana.call("[[\"PushSubscription/set\", {\"create\": {\"p\": {\"deviceClientId\": \"phone\","
                + " \"url\": \"https://127.0.0.1:9/push\", \"types\": [\"Email\"]}}}, \"s\"]]");
        List<String> made = subscriptions(dana);
        assertEquals(1, made.size());

        mailkeep.close();
        mailkeep.start();
        dana = new Jmap(mailkeep.baseUrl(), USER, PASSWORD);
        assertEquals(first, key(dana), "the key survives a restart");
        assertEquals(made, subscriptions(dana), "and so do the subscriptions bound to it");

        mailkeep.close();
        Files.delete(work.resolve("data/vapid-key.pem"));
        mailkeep.start();
        dana = new Jmap(mailkeep.baseUrl(), USER, PASSWORD);
        assertNotEquals(first, key(dana), "a new key");
        assertEquals(List.of(), subscriptions(dana), "subscriptions made under the old key are destroyed");
    }
}
