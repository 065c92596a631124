// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.JmapLimits;
import dev.mailkeep.store.model.Account;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The JMAP Session resource (RFC 8620 section 2) for one authenticated user, who reaches exactly
 * one account: their own. The mail capability's account limits are those of RFC 8621 section 1.3.1.
 */
public final class SessionResource {
    /** Where the HTTP layer serves each resource, relative to the server's base URL. */
    public static final String SESSION_PATH = "/jmap/session";
    public static final String API_PATH = "/jmap/api";
    public static final String DOWNLOAD_PATH = "/jmap/download";
    public static final String UPLOAD_PATH = "/jmap/upload";
    public static final String EVENT_SOURCE_PATH = "/jmap/eventsource";
    public static final String WEBSOCKET_PATH = "/jmap/ws";

    /** The Email/query sort properties (RFC 8621 section 4.4.2) this server implements. */
    public static final List<String> EMAIL_QUERY_SORT_OPTIONS = List.of("receivedAt", "sentAt", "size", "from", "to", "subject",
            "hasKeyword", "allInThreadHaveKeyword", "someInThreadHaveKeyword");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_SIZE_MAILBOX_NAME = 255;
    /** The most DataSourceObjects one Blob/upload may concatenate (RFC 9404 maxDataSources). */
    public static final int MAX_DATA_SOURCES = 64;

    private final JmapLimits limits;
    private final String applicationServerKey;

    public SessionResource(JmapLimits limits) {
        this(limits, null);
    }

    /** @param applicationServerKey the VAPID public key to advertise (RFC 9749); null for none */
    public SessionResource(JmapLimits limits, String applicationServerKey) {
        this.limits = limits;
        this.applicationServerKey = applicationServerKey;
    }

    /**
     * The session as JSON.
     *
     * @param baseUrl scheme, host and port the client used, e.g. {@code https://mail.example:8443}
     */
    public ObjectNode describe(Account user, String baseUrl) {
        ObjectNode session = JSON.objectNode();
        ObjectNode capabilities = session.putObject("capabilities");
        capabilities.set(Capability.CORE.uri(), coreCapability());
        capabilities.putObject(Capability.MAIL.uri());
        capabilities.putObject(Capability.SUBMISSION.uri());
        capabilities.putObject(Capability.VACATION_RESPONSE.uri());
        capabilities.putObject(Capability.BLOB.uri());
        capabilities.putObject(Capability.WEBSOCKET.uri())
                .put("url", baseUrl.replaceFirst("^http", "ws") + WEBSOCKET_PATH)
                .put("supportsPush", true);
        if (applicationServerKey != null) {
            capabilities.putObject(Capability.WEBPUSH_VAPID.uri()).put("applicationServerKey", applicationServerKey);
        }

        String accountId = user.id().value();
        ObjectNode account = session.putObject("accounts").putObject(accountId);
        account.put("name", user.address());
        account.put("isPersonal", true);
        account.put("isReadOnly", false);
        ObjectNode accountCapabilities = account.putObject("accountCapabilities");
        accountCapabilities.set(Capability.MAIL.uri(), mailAccountCapability());
        // RFC 8621 section 1.3.2: delayed send up to maxDelayedSend through the RFC 4865 FUTURERELEASE
        // parameters (HOLDFOR, HOLDUNTIL) of the envelope's mailFrom. Its EHLO arguments would also
        // name the latest date-time, which moves every second; only the interval is given, so the
        // session state stays put.
        ObjectNode submission = accountCapabilities.putObject(Capability.SUBMISSION.uri());
        long maxDelay = dev.mailkeep.jmap.mail.FutureRelease.MAX_DELAY.toSeconds();
        submission.put("maxDelayedSend", maxDelay);
        submission.putObject("submissionExtensions").putArray("FUTURERELEASE").add(Long.toString(maxDelay));
        accountCapabilities.putObject(Capability.VACATION_RESPONSE.uri());
        // RFC 9404 section 4: the types Blob/lookup answers (mail.BlobLookup.TYPE_NAMES).
        ObjectNode blob = accountCapabilities.putObject(Capability.BLOB.uri());
        blob.put("maxSizeBlobSet", limits.maxSizeUpload());
        blob.put("maxDataSources", MAX_DATA_SOURCES);
        blob.putArray("supportedTypeNames").add("Mailbox").add("Thread").add("Email");
        blob.putArray("supportedDigestAlgorithms").add("sha").add("sha-256");

        ObjectNode primary = session.putObject("primaryAccounts");
        primary.put(Capability.CORE.uri(), accountId);
        primary.put(Capability.MAIL.uri(), accountId);
        primary.put(Capability.SUBMISSION.uri(), accountId);
        primary.put(Capability.VACATION_RESPONSE.uri(), accountId);
        primary.put(Capability.BLOB.uri(), accountId);

        session.put("username", user.address());
        session.put("apiUrl", baseUrl + API_PATH);
        session.put("downloadUrl", baseUrl + DOWNLOAD_PATH + "/{accountId}/{blobId}/{name}?type={type}");
        session.put("uploadUrl", baseUrl + UPLOAD_PATH + "/{accountId}/");
        session.put("eventSourceUrl", baseUrl + EVENT_SOURCE_PATH + "?types={types}&closeafter={closeafter}&ping={ping}");
        session.put("state", state(user));
        return session;
    }

    private ObjectNode coreCapability() {
        ObjectNode core = JSON.objectNode();
        core.put("maxSizeUpload", limits.maxSizeUpload());
        core.put("maxConcurrentUpload", limits.maxConcurrentUpload());
        core.put("maxSizeRequest", limits.maxSizeRequest());
        core.put("maxConcurrentRequests", limits.maxConcurrentRequests());
        core.put("maxCallsInRequest", limits.maxCallsInRequest());
        core.put("maxObjectsInGet", limits.maxObjectsInGet());
        core.put("maxObjectsInSet", limits.maxObjectsInSet());
        ArrayNode collations = core.putArray("collationAlgorithms");
        for (Collation collation : Collation.values()) {
            collations.add(collation.id());
        }
        return core;
    }

    private ObjectNode mailAccountCapability() {
        ObjectNode mail = JSON.objectNode();
        mail.putNull("maxMailboxesPerEmail");
        mail.putNull("maxMailboxDepth");
        mail.put("maxSizeMailboxName", MAX_SIZE_MAILBOX_NAME);
        mail.put("maxSizeAttachmentsPerEmail", limits.maxSizeUpload());
        ArrayNode sorts = mail.putArray("emailQuerySortOptions");
        EMAIL_QUERY_SORT_OPTIONS.forEach(sorts::add);
        mail.put("mayCreateTopLevelMailbox", true);
        return mail;
    }

    /**
     * The session state (RFC 8620 section 2): a digest of everything the session describes that
     * can change for this user (accounts, their names, the limits), so it changes when they do.
     */
    public String state(Account user) {
        String content = user.id().value() + '\n' + user.address() + '\n' + limits + '\n' + EMAIL_QUERY_SORT_OPTIONS;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
