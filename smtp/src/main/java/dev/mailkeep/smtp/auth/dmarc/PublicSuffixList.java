// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dmarc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List and its algorithm (https://publicsuffix.org/list/): normal,
 * wildcard and exception rules, both the ICANN and the private section, and the default
 * rule "*". Names are compared in their ASCII (A-label) form; results keep the form of the
 * input. Used for DMARC organizational domains, RFC 7489 section 3.2.
 */
public final class PublicSuffixList {
    private static final String RESOURCE = "public_suffix_list.dat";
    private static volatile PublicSuffixList bundled;

    private final Set<String> rules = new HashSet<>();
    private final Set<String> wildcards = new HashSet<>();
    private final Set<String> exceptions = new HashSet<>();

    private PublicSuffixList() {}

    /** The list bundled with Mailkeep. */
    public static PublicSuffixList bundled() {
        PublicSuffixList psl = bundled;
        if (psl == null) {
            try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing");
                }
                psl = read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = psl;
        }
        return psl;
    }

    public static PublicSuffixList read(InputStream in) throws IOException {
        PublicSuffixList psl = new PublicSuffixList();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            String rule = line.strip();
            int space = rule.indexOf(' ');
            if (space >= 0) {
                rule = rule.substring(0, space);
            }
            if (rule.isEmpty() || rule.startsWith("//")) {
                continue;
            }
            if (rule.startsWith("!")) {
                add(psl.exceptions, rule.substring(1));
            } else if (rule.startsWith("*.")) {
                add(psl.wildcards, rule.substring(2));
            } else {
                add(psl.rules, rule);
            }
        }
        return psl;
    }

    private static void add(Set<String> set, String rule) {
        String ascii = toAscii(rule);
        if (ascii != null) {
            set.add(ascii);
        }
    }

    /**
     * The registrable domain (public suffix plus one label), in the input's form, lower case;
     * null when the name is itself a public suffix or not a valid name.
     */
    public String registrableDomain(String domain) {
        if (domain == null || domain.isEmpty() || domain.startsWith(".")) {
            return null;
        }
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        String ascii = toAscii(name);
        if (ascii == null) {
            return null;
        }
        String[] labels = ascii.split("\\.", -1);
        int suffixLabels = publicSuffixLabels(labels);
        if (labels.length <= suffixLabels) {
            return null;
        }
        String[] original = name.toLowerCase(Locale.ROOT).split("\\.", -1);
        return String.join(".", java.util.Arrays.copyOfRange(original, original.length - suffixLabels - 1,
                original.length));
    }

    /** RFC 7489 section 3.2: the registrable domain, or the name itself when it is a public suffix. */
    public String organizationalDomain(String domain) {
        String org = registrableDomain(domain);
        String name = domain.toLowerCase(Locale.ROOT);
        return org != null ? org : (name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
    }

    private int publicSuffixLabels(String[] labels) {
        int n = labels.length;
        for (int i = 0; i < n; i++) {
            String suffix = String.join(".", java.util.Arrays.copyOfRange(labels, i, n));
            if (exceptions.contains(suffix)) {
                return n - i - 1;
            }
            String parent = i + 1 < n ? String.join(".", java.util.Arrays.copyOfRange(labels, i + 1, n)) : null;
            if (rules.contains(suffix) || (parent != null && wildcards.contains(parent))) {
                return n - i;
            }
        }
        return 1;
    }

    private static String toAscii(String name) {
        try {
            String ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            for (String label : ascii.split("\\.", -1)) {
                if (label.isEmpty()) {
                    return null;
                }
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
