// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server;

import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.jmap.JmapServer;
import dev.mailkeep.jmap.JmapSettings;
import dev.mailkeep.jmap.push.PushSettings;
import dev.mailkeep.jmap.push.VapidKey;
import dev.mailkeep.server.admin.AdminSocket;
import dev.mailkeep.server.admin.LocalUserAdmin;
import dev.mailkeep.server.config.AccessConfig;
import dev.mailkeep.server.config.ConfigException;
import dev.mailkeep.server.config.ListenerConfig;
import dev.mailkeep.server.config.MailkeepConfig;
import dev.mailkeep.server.tls.SelfSignedCertificate;
import dev.mailkeep.server.tls.TlsContexts;
import dev.mailkeep.server.tls.VapidKeyFile;
import dev.mailkeep.smtp.auth.MessageAuthenticator;
import dev.mailkeep.smtp.delivery.InboundPolicy;
import dev.mailkeep.smtp.delivery.SubmissionQueue;
import dev.mailkeep.smtp.server.SmtpListener;
import dev.mailkeep.smtp.server.SmtpMode;
import dev.mailkeep.smtp.server.SmtpServer;
import dev.mailkeep.smtp.server.SmtpSettings;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.account.LoginLimits;
import dev.mailkeep.store.account.LoginThrottle;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Mailkeep: the store, the SMTP listeners and the JMAP listener, wired by hand.
 * Start order is store, SMTP, JMAP; {@link #close()} stops them in reverse.
 */
public final class MailkeepServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailkeepServer.class);

    private final MailkeepConfig config;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, BoundListener> bound = new LinkedHashMap<>();
    /** One limiter of failed logins for JMAP and SMTP AUTH alike, so guesses cannot switch protocol. */
    private final LoginThrottle logins;

    private MailkeepServer(MailkeepConfig config) {
        AccessConfig access = config.access();
        this.logins = new LoginThrottle(new LoginLimits(access.maxFailuresPerUser(), access.maxFailuresPerIp(),
                access.failureWindow()));
        this.config = config;
    }

    /** Starts everything the configuration enables, or stops what already started and throws. */
    public static MailkeepServer start(MailkeepConfig config) throws Exception {
        MailkeepServer server = new MailkeepServer(config);
        try {
            server.startAll();
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Files.createDirectories(config.dataDir());
        Files.deleteIfExists(config.listenersFile());
        SSLContext tls = tlsContext();
        MailStore store = XodusMailStore.open(config.dataDir());
        running.add(store);
        running.add(StoreMaintenance.start(store, java.time.Duration.ofDays(config.changeRetentionDays())));
        SmtpSettings served = new SmtpSettings(config.hostname(), java.util.Set.copyOf(config.domains()),
                config.maxMessageSize(), null);
        running.add(new SubmissionQueue(store, config.hostname(), served::serves, java.time.Clock.systemUTC(),
                java.time.Duration.ofHours(1)).start(java.time.Duration.ofSeconds(1)));
        startSmtp(store, tls);
        startJmap(store, tls);
        running.add(AdminSocket.start(config.adminSocket(), new LocalUserAdmin(config, store, false)));
        ListenersFile.write(config.listenersFile(), bound.values());
        log.info("mailkeep is serving {} from {}", config.domains(), config.dataDir());
    }

    private SSLContext tlsContext() throws IOException {
        if (config.listeners().stream().noneMatch(l -> l.enabled() && l.tls())) {
            return null;
        }
        if (config.generateCertificate()
                && SelfSignedCertificate.ensure(config.certificate(), config.privateKey(), config.hostname())) {
            log.info("generated a self-signed certificate for {} at {}", config.hostname(), config.certificate());
        }
        return TlsContexts.fromPem(config.certificate(), config.privateKey());
    }

    private void startSmtp(MailStore store, SSLContext tls) throws IOException {
        InboundPolicy policy = InboundPolicy.authenticating(
                new MessageAuthenticator(Dns.resolver(config), config.hostname()), config.trustedNetworks());
        // SmtpSettings carries one TLS context: listeners with TLS off run in a server of their own.
        for (boolean withTls : new boolean[] {true, false}) {
            List<SmtpListener> listeners = new ArrayList<>();
            for (ListenerConfig listener : List.of(config.smtp(), config.submission(), config.submissions())) {
                if (listener.enabled() && listener.tls() == withTls) {
                    listeners.add(new SmtpListener(listener.name(), listener.socketAddress(), mode(listener)));
                }
            }
            if (listeners.isEmpty()) {
                continue;
            }
            SmtpSettings settings = new SmtpSettings(config.hostname(), java.util.Set.copyOf(config.domains()),
                    config.maxMessageSize(), withTls ? tls : null, logins);
            SmtpServer smtp = SmtpServer.start(settings, listeners, store, policy);
            running.add(smtp);
            smtp.boundAddresses().forEach((name, address) -> {
                ListenerConfig listener = listenerNamed(name);
                bind(new BoundListener(name, protocolOf(listener), address, listener.tls()));
            });
        }
        if (config.submission().enabled() && !config.submission().tls()) {
            log.warn("submission.tls is false: AUTH is never offered without TLS, so nobody can submit on {}",
                    config.submission().socketAddress());
        }
    }

    private void startJmap(MailStore store, SSLContext tls) throws ConfigException, IOException {
        ListenerConfig jmap = config.jmap();
        if (!jmap.enabled()) {
            return;
        }
        if (!jmap.tls() && !InetAddress.getByName(jmap.address()).isLoopbackAddress()) {
            throw new ConfigException("jmap.tls: plain HTTP would send passwords in clear text;"
                    + " it is only allowed on a loopback address, not " + jmap.address());
        }
        java.nio.file.Path vapidFile = config.dataDir().resolve("vapid-key.pem");
        boolean newKey = !Files.exists(vapidFile);
        VapidKey vapid = new VapidKey(VapidKeyFile.loadOrCreate(vapidFile, VapidKey::generateKeyPair),
                "mailto:postmaster@" + config.domains().getFirst());
        if (newKey) {
            forgetPushSubscriptions(store);
        }
        PushSettings push = new PushSettings(config.pushAllowPrivateAddresses(),
                java.time.Duration.ofDays(config.pushMaxExpiryDays()), vapid);
        JmapServer server = JmapServer.start(new JmapSettings(jmap.socketAddress(), jmap.tls() ? tls : null,
                JmapLimits.defaults(), logins, config.access().corsOrigins()), store, push);
        running.add(server);
        bind(new BoundListener("jmap", jmap.tls() ? "https" : "http", server.boundAddress(), jmap.tls()));
    }

    /**
     * RFC 9749 section 5: push subscriptions are bound to the VAPID key the client was given, so
     * with a new key (first start, or the key file deleted) the existing ones are destroyed; their
     * clients see them gone and subscribe again with the key the session now advertises.
     */
    private static void forgetPushSubscriptions(MailStore store) {
        int destroyed = 0;
        for (var account : store.accounts()) {
            for (var subscription : store.pushSubscriptions(account.id())) {
                if (store.deletePushSubscription(account.id(), subscription.id())) {
                    destroyed++;
                }
            }
        }
        if (destroyed > 0) {
            log.info("new VAPID key: destroyed {} push subscription(s) made under the previous one", destroyed);
        }
    }

    private void bind(BoundListener listener) {
        bound.put(listener.name(), listener);
        log.info("{} listening on {} ({})", listener.name(), listener.hostPort(), listener.url());
    }

    private ListenerConfig listenerNamed(String name) {
        return config.listeners().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private static SmtpMode mode(ListenerConfig listener) {
        return switch (listener.name()) {
            case "smtp" -> SmtpMode.INGRESS;
            case "submission" -> SmtpMode.SUBMISSION;
            case "submissions" -> SmtpMode.SUBMISSIONS;
            default -> throw new IllegalArgumentException(listener.name());
        };
    }

    private static String protocolOf(ListenerConfig listener) {
        return listener.name().equals("submissions") ? "smtps" : "smtp";
    }

    /** The listeners that are bound, by name: jmap, smtp, submission, submissions. */
    public Map<String, InetSocketAddress> boundAddresses() {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        bound.forEach((name, listener) -> out.put(name, listener.address()));
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            Files.deleteIfExists(config.listenersFile());
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", config.listenersFile(), e.toString());
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", running.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        if (!running.isEmpty()) {
            log.info("mailkeep stopped");
        }
        running.clear();
    }
}
