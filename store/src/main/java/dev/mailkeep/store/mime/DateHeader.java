// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an RFC 5322 section 3.3 date-time, keeping its own offset. Accepts the obsolete forms
 * of section 4.3 that still occur: no day of week, comments, two-digit years, and named zones.
 */
final class DateHeader {
    private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");
    private static final Pattern SHAPE = Pattern.compile(
            "(?:[A-Za-z]{3},\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([+-]\\d{4}|[A-Za-z]{1,3})?");
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("UT", 0), Map.entry("GMT", 0), Map.entry("Z", 0), Map.entry("EST", -5), Map.entry("EDT", -4),
            Map.entry("CST", -6), Map.entry("CDT", -5), Map.entry("MST", -7), Map.entry("MDT", -6),
            Map.entry("PST", -8), Map.entry("PDT", -7));
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private DateHeader() {}

    /** The date-time, or null when the value is not a date-time. */
    static OffsetDateTime parse(String value) {
        String text = value.indexOf('(') < 0 ? value.strip() : COMMENT.matcher(value).replaceAll(" ").strip();
        Matcher m = SHAPE.matcher(text);
        if (!m.lookingAt()) {
            return null;
        }
        try {
            int day = Integer.parseInt(m.group(1));
            int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
            if (month == 0) {
                return null;
            }
            int year = Integer.parseInt(m.group(3));
            if (m.group(3).length() == 2) {
                year += year < 50 ? 2000 : 1900;
            } else if (m.group(3).length() == 3) {
                year += 1900;
            }
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            ZoneOffset offset = offset(m.group(7));
            return OffsetDateTime.of(year, month, day, Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Math.min(second, 59), 0, offset);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        if (zone.charAt(0) == '+' || zone.charAt(0) == '-') {
            int sign = zone.charAt(0) == '-' ? -1 : 1;
            int hours = Integer.parseInt(zone.substring(1, 3));
            int minutes = Integer.parseInt(zone.substring(3, 5));
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        return ZoneOffset.ofHours(ZONES.getOrDefault(zone.toUpperCase(Locale.ROOT), 0));
    }
}
