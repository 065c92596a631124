// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import dev.mailkeep.smtp.protocol.ParseResult.Invalid;
import dev.mailkeep.smtp.protocol.ParseResult.Parsed;
import dev.mailkeep.smtp.protocol.PathParser.PathSyntaxException;
import dev.mailkeep.smtp.protocol.SmtpCommand.Auth;
import dev.mailkeep.smtp.protocol.SmtpCommand.Bdat;
import dev.mailkeep.smtp.protocol.SmtpCommand.Data;
import dev.mailkeep.smtp.protocol.SmtpCommand.Hello;
import dev.mailkeep.smtp.protocol.SmtpCommand.Help;
import dev.mailkeep.smtp.protocol.SmtpCommand.Mail;
import dev.mailkeep.smtp.protocol.SmtpCommand.Noop;
import dev.mailkeep.smtp.protocol.SmtpCommand.Quit;
import dev.mailkeep.smtp.protocol.SmtpCommand.Rcpt;
import dev.mailkeep.smtp.protocol.SmtpCommand.Rset;
import dev.mailkeep.smtp.protocol.SmtpCommand.StartTls;
import dev.mailkeep.smtp.protocol.SmtpCommand.Vrfy;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses one command line (without its CRLF) into an {@link SmtpCommand} (RFC 5321 section
 * 4.1.1): the verb is case-insensitive; a bad argument gives {@code 501 5.5.4}, an unknown verb
 * {@code 500 5.5.1}, an unknown MAIL or RCPT parameter {@code 555 5.5.4}. Syntax only: whether a
 * command is allowed now is the session's business.
 */
public final class CommandParser {
    private static final Pattern DOMAIN_ARG = Pattern.compile("[^\\s\\p{Cntrl}]+");
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern MECHANISM = Pattern.compile("[A-Z0-9_-]{1,20}");
    private static final Pattern BASE64_OR_EMPTY = Pattern.compile("=|[A-Za-z0-9+/]+={0,2}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Set<String> NOT_IMPLEMENTED = Set.of("EXPN", "TURN", "ETRN", "SEND", "SOML", "SAML");

    private CommandParser() {}

    public static ParseResult parse(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).stripTrailing();
        return switch (verb) {
            case "EHLO" -> hello(argument, true);
            case "HELO" -> hello(argument, false);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> bare(argument, new Data(), "DATA");
            case "BDAT" -> bdat(argument);
            case "RSET" -> bare(argument, new Rset(), "RSET");
            case "QUIT" -> bare(argument, new Quit(), "QUIT");
            case "STARTTLS" -> bare(argument, new StartTls(), "STARTTLS");
            case "NOOP" -> ok(new Noop());
            case "HELP" -> ok(new Help());
            case "VRFY" -> argument.isEmpty() ? error("VRFY <string>") : ok(new Vrfy(argument));
            case "AUTH" -> auth(argument);
            default -> new Invalid(NOT_IMPLEMENTED.contains(verb)
                    ? SmtpReplies.notImplemented()
                    : SmtpReplies.unrecognizedCommand());
        };
    }

    private static ParseResult hello(String argument, boolean extended) {
        String usage = (extended ? "EHLO" : "HELO") + " <domain>";
        return DOMAIN_ARG.matcher(argument).matches() ? ok(new Hello(argument, extended)) : error(usage);
    }

    /** {@code "MAIL FROM:" Reverse-path [SP Mail-parameters]}; a space after the colon is tolerated. */
    private static ParseResult mail(String argument) {
        String usage = "MAIL FROM:<address> [parameters]";
        int start = prefix(argument, "FROM:");
        if (start < 0) {
            return error(usage);
        }
        PathParser paths = new PathParser(argument, start);
        Mailbox sender;
        try {
            sender = paths.reversePath();
        } catch (PathSyntaxException e) {
            return error(usage);
        }
        String[] params = parameters(argument, paths.position());
        if (params == null) {
            return error(usage);
        }
        OptionalLong size = OptionalLong.empty();
        MailParameters.Body body = MailParameters.Body.SEVEN_BIT;
        boolean smtpUtf8 = false;
        Set<String> seen = new HashSet<>();
        for (String param : params) {
            int eq = param.indexOf('=');
            String keyword = (eq < 0 ? param : param.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : param.substring(eq + 1);
            if (!KEYWORD.matcher(keyword).matches() || !seen.add(keyword) || (value != null && !isEsmtpValue(value))) {
                return error(usage);
            }
            switch (keyword) {
                case "SIZE" -> {
                    if (value == null || !DIGITS.matcher(value).matches()) {
                        return error("SIZE=<octets>");
                    }
                    size = OptionalLong.of(Long.parseLong(value));
                }
                case "BODY" -> {
                    String type = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    switch (type) {
                        case "7BIT" -> body = MailParameters.Body.SEVEN_BIT;
                        case "8BITMIME" -> body = MailParameters.Body.EIGHT_BIT_MIME;
                        default -> {
                            return new Invalid(SmtpReplies.unsupportedParameter("BODY=" + value));
                        }
                    }
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        return error("SMTPUTF8 takes no value");
                    }
                    smtpUtf8 = true;
                }
                // RFC 4954 section 5: the AUTH parameter is accepted; the session knows who is authenticated.
                case "AUTH" -> {
                    if (value == null) {
                        return error("AUTH=<mailbox>");
                    }
                }
                default -> {
                    return new Invalid(SmtpReplies.unsupportedParameter(keyword));
                }
            }
        }
        return ok(new Mail(Optional.ofNullable(sender), new MailParameters(size, body, smtpUtf8)));
    }

    /** {@code "RCPT TO:" Forward-path [SP Rcpt-parameters]}; no RCPT parameter is supported. */
    private static ParseResult rcpt(String argument) {
        String usage = "RCPT TO:<address>";
        int start = prefix(argument, "TO:");
        if (start < 0) {
            return error(usage);
        }
        PathParser paths = new PathParser(argument, start);
        Mailbox recipient;
        try {
            recipient = paths.path();
        } catch (PathSyntaxException e) {
            return error(usage);
        }
        String[] params = parameters(argument, paths.position());
        if (params == null) {
            return error(usage);
        }
        if (params.length > 0) {
            return new Invalid(SmtpReplies.unsupportedParameter(params[0].split("=", 2)[0].toUpperCase(Locale.ROOT)));
        }
        return ok(new Rcpt(recipient));
    }

    /** {@code "BDAT" SP chunk-size [SP end-marker]} (RFC 3030 section 4). */
    private static ParseResult bdat(String argument) {
        String[] parts = argument.split(" ", -1);
        boolean last = parts.length == 2 && parts[1].equalsIgnoreCase("LAST");
        if ((parts.length != 1 && !last) || !DIGITS.matcher(parts[0]).matches()) {
            return error("BDAT <size> [LAST]");
        }
        return ok(new Bdat(Long.parseLong(parts[0]), last));
    }

    /** {@code "AUTH" SP sasl-mech [SP initial-response]} (RFC 4954 section 4). */
    private static ParseResult auth(String argument) {
        String[] parts = argument.split(" ", -1);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        if (parts.length > 2 || !MECHANISM.matcher(mechanism).matches()
                || (parts.length == 2 && !BASE64_OR_EMPTY.matcher(parts[1]).matches())) {
            return error("AUTH <mechanism> [initial-response]");
        }
        return ok(new Auth(mechanism, parts.length == 2 ? parts[1] : null));
    }

    private static ParseResult bare(String argument, SmtpCommand command, String usage) {
        return argument.isEmpty() ? ok(command) : error(usage);
    }

    /** The index after a case-insensitive {@code prefix} and an optional space, or -1. */
    private static int prefix(String argument, String prefix) {
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return -1;
        }
        return argument.startsWith(" ", prefix.length()) ? prefix.length() + 1 : prefix.length();
    }

    /** The space-separated parameters after a path, or null when the path is followed by junk. */
    private static String[] parameters(String argument, int end) {
        String rest = argument.substring(end);
        if (rest.isEmpty()) {
            return new String[0];
        }
        if (!rest.startsWith(" ") || rest.isBlank()) {
            return null;
        }
        String[] params = rest.substring(1).split(" ", -1);
        for (String param : params) {
            if (param.isEmpty()) {
                return null;
            }
        }
        return params;
    }

    /** {@code esmtp-value = 1*(%d33-60 / %d62-126)} plus UTF-8 (RFC 6531 section 3.3). */
    private static boolean isEsmtpValue(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> (c >= 33 && c <= 126 && c != '=') || c >= 0x80);
    }

    private static ParseResult ok(SmtpCommand command) {
        return new Parsed(command);
    }

    private static ParseResult error(String usage) {
        return new Invalid(SmtpReplies.syntaxError(usage));
    }
}
