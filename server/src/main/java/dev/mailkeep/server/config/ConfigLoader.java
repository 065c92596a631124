// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.mailkeep.smtp.delivery.Network;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the TOML configuration file (or nothing: every key has a default) into a
 * {@link MailkeepConfig}. Unknown keys and bad values fail with a message naming the key.
 * Relative paths in the file are resolved against the file's folder; the {@code --data} option,
 * when given, replaces {@code data_dir} and is resolved against the working directory.
 */
public final class ConfigLoader {
    public static final Path DEFAULT_DATA_DIR = Path.of("mailkeep-data");
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;
    /** Local programs on this machine: like Postfix's default mynetworks, they are not checked. */
    public static final List<Network> DEFAULT_TRUSTED_NETWORKS =
            List.of(Network.parse("127.0.0.0/8"), Network.parse("::1/128"));

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern ORIGIN =
            Pattern.compile("(?i)https?://([a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\\[[0-9a-f:.]+])(:[0-9]{1,5})?");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]+]?");

    private ConfigLoader() {}

    /**
     * @param file the configuration file, or null to run on the embedded defaults
     * @param dataOverride the {@code --data} folder, or null
     */
    public static MailkeepConfig load(Path file, Path dataOverride) throws ConfigException {
        ObjectNode root = file == null ? new TomlMapper().createObjectNode() : read(file);
        Path base = file == null ? Path.of("") : file.toAbsolutePath().getParent();
        TomlSection top = new TomlSection("", root);

        String hostname = top.parsed("hostname", "localhost", ConfigLoader::domainName);
        List<String> domains = top.list("domains", List.of(hostname), ConfigLoader::domainName);
        if (domains.isEmpty()) {
            throw new ConfigException("domains: at least one domain must be served");
        }
        String configuredData = top.string("data_dir", DEFAULT_DATA_DIR.toString());
        Path dataDir = dataOverride != null
                ? dataOverride.toAbsolutePath().normalize()
                : base.resolve(configuredData).toAbsolutePath().normalize();
        long maxMessageSize = top.integer("max_message_size", 1024, 1L << 30, DEFAULT_MAX_MESSAGE_SIZE);
        int changeRetentionDays = (int) top.integer("change_retention_days", 1, 3650, 30);
        List<InetSocketAddress> resolvers = top.list("dns_resolvers", List.of(), text -> hostPort(text, 53));
        List<Network> trusted = top.list("trusted_networks", DEFAULT_TRUSTED_NETWORKS, Network::parse);

        TomlSection tls = top.section("tls");
        String cert = tls.string("certificate", null);
        String key = tls.string("private_key", null);
        tls.finish();
        if ((cert == null) != (key == null)) {
            throw new ConfigException("tls." + (cert == null ? "certificate" : "private_key")
                    + ": tls.certificate and tls.private_key must be given together");
        }
        boolean generate = cert == null;
        Path certificate = generate ? dataDir.resolve("tls/certificate.pem") : base.resolve(cert).toAbsolutePath();
        Path privateKey = generate ? dataDir.resolve("tls/private-key.pem") : base.resolve(key).toAbsolutePath();

        ListenerConfig jmap = listener(top, "jmap", 8443, true);
        ListenerConfig smtp = listener(top, "smtp", 2525, true);
        ListenerConfig submission = listener(top, "submission", 2587, true);
        ListenerConfig submissions = listener(top, "submissions", 2465, true);
        if (submissions.enabled() && !submissions.tls()) {
            throw new ConfigException("submissions.tls: the implicit-TLS submission listener cannot run without TLS;"
                    + " set submissions.enabled = false instead");
        }
        TomlSection push = top.section("push");
        boolean pushPrivate = push.bool("allow_private_addresses", false);
        int pushMaxExpiryDays = (int) push.integer("max_expiry_days", 1, 365, 7);
        push.finish();
        AccessConfig access = access(top);
        top.finish();
        return new MailkeepConfig(hostname, domains, dataDir, maxMessageSize, changeRetentionDays, resolvers, trusted, certificate, privateKey,
                generate, jmap, smtp, submission, submissions, pushPrivate, pushMaxExpiryDays, access);
    }

    /** The {@code [auth]} and {@code [cors]} tables. */
    private static AccessConfig access(TomlSection top) throws ConfigException {
        AccessConfig defaults = AccessConfig.DEFAULTS;
        TomlSection auth = top.section("auth");
        int perUser = (int) auth.integer("max_failures_per_user", 1, 1_000_000, defaults.maxFailuresPerUser());
        int perIp = (int) auth.integer("max_failures_per_ip", 1, 1_000_000, defaults.maxFailuresPerIp());
        long window = auth.integer("failure_window_seconds", 1, 86_400, defaults.failureWindow().toSeconds());
        auth.finish();
        TomlSection cors = top.section("cors");
        List<String> origins = cors.list("allowed_origins", defaults.corsOrigins(), ConfigLoader::origin);
        cors.finish();
        return new AccessConfig(perUser, perIp, java.time.Duration.ofSeconds(window), origins);
    }

    /** A web origin as browsers send it (RFC 6454 section 6.1): scheme://host[:port], lowercase; or "*". */
    static String origin(String text) {
        if (text.equals("*")) {
            return text;
        }
        if (!ORIGIN.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an origin like https://mail.example.org"
                    + " or http://localhost:5173 (scheme, host and optional port; no path) nor \"*\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static ObjectNode read(Path file) throws ConfigException {
        try {
            JsonNode node = new TomlMapper().readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                return new TomlMapper().createObjectNode();
            }
            return (ObjectNode) node;
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file not found: " + file);
        } catch (JacksonException e) {
            throw new ConfigException(file + ": not valid TOML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ListenerConfig listener(TomlSection top, String name, int defaultPort, boolean defaultTls)
            throws ConfigException {
        TomlSection section = top.section(name);
        boolean enabled = section.bool("enabled", true);
        String address = section.parsed("address", "127.0.0.1", ConfigLoader::ipLiteral);
        int port = (int) section.integer("port", 0, 65535, defaultPort);
        boolean tls = section.bool("tls", defaultTls);
        section.finish();
        return new ListenerConfig(name, enabled, address, port, tls);
    }

    static String domainName(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (!DOMAIN.matcher(lower).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid domain name");
        }
        return lower;
    }

    static String ipLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IP_LITERAL.matcher(bare).matches() || !isIpAddress(bare)) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or ::)");
        }
        return bare;
    }

    static InetSocketAddress hostPort(String text, int defaultPort) {
        String host = text;
        int port = defaultPort;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon > 0 && (bracketed ? text.lastIndexOf(']') < colon : text.indexOf(':') == colon)) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" has no valid port");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("\"" + text + "\": port out of range 1..65535");
            }
        }
        return new InetSocketAddress(ipLiteral(host), port);
    }

    private static boolean isIpAddress(String text) {
        if (text.contains(":")) {
            try {
                return java.net.InetAddress.getByName(text) instanceof java.net.Inet6Address;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
