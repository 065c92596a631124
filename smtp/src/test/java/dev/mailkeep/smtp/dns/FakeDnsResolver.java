// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DnsResolver} answering from zone data held in memory, for tests. Names are
 * matched without case; CNAMEs are followed. A name marked with {@link #timeout} answers
 * every type it has no records of with a temporary failure; other absent types are "no
 * data" when the name exists, NXDOMAIN when it does not.
 */
public final class FakeDnsResolver implements DnsResolver {
    private final Map<String, Map<String, List<Object>>> zone = new HashMap<>();
    private final Set<String> timeouts = new HashSet<>();
    private final AtomicInteger queries = new AtomicInteger();

    /**
     * Reads zone lines {@code name TYPE value}: TXT values are one or more double-quoted
     * strings (or the rest of the line), MX is {@code pref host}, A/AAAA/PTR/CNAME one value,
     * and {@code name TIMEOUT} marks a name. Blank lines and lines starting with ';' are skipped.
     */
    public static FakeDnsResolver fromZone(String text) {
        FakeDnsResolver dns = new FakeDnsResolver();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith(";")) {
                continue;
            }
            String[] f = l.split("\\s+", 3);
            String name = f[0];
            switch (f[1].toUpperCase(Locale.ROOT)) {
                case "TIMEOUT" -> dns.timeout(name);
                case "TXT" -> dns.txt(name, quoted(f[2]).toArray(String[]::new));
                case "A" -> dns.a(name, f[2]);
                case "AAAA" -> dns.aaaa(name, f[2]);
                case "MX" -> {
                    String[] mx = f[2].split("\\s+");
                    dns.mx(name, Integer.parseInt(mx[0]), mx.length > 1 ? mx[1] : "");
                }
                case "PTR" -> dns.add(name, "PTR", f[2]);
                case "CNAME" -> dns.cname(name, f[2]);
                default -> throw new IllegalArgumentException("zone line: " + line);
            }
        }
        return dns;
    }

    private static List<String> quoted(String value) {
        if (!value.startsWith("\"")) {
            return List.of(value);
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        while ((i = value.indexOf('"', i)) >= 0) {
            int end = value.indexOf('"', i + 1);
            out.add(value.substring(i + 1, end));
            i = end + 1;
        }
        return out;
    }

    public FakeDnsResolver txt(String name, String... strings) {
        return add(name, "TXT", new TxtRecord(List.of(strings)));
    }

    public FakeDnsResolver a(String name, String ip) {
        return add(name, "A", address(ip));
    }

    public FakeDnsResolver aaaa(String name, String ip) {
        return add(name, "AAAA", address(ip));
    }

    public FakeDnsResolver mx(String name, int preference, String host) {
        return add(name, "MX", new MxRecord(preference, key(host)));
    }

    public FakeDnsResolver ptr(InetAddress address, String host) {
        return add(reverseName(address), "PTR", host);
    }

    public FakeDnsResolver cname(String name, String target) {
        return add(name, "CNAME", key(target));
    }

    public FakeDnsResolver timeout(String name) {
        timeouts.add(key(name));
        zone.computeIfAbsent(key(name), k -> new HashMap<>());
        return this;
    }

    /** Adds a record of any type; PTR and CNAME values are names. */
    public FakeDnsResolver add(String name, String type, Object value) {
        Object v = value instanceof String s && (type.equals("PTR") || type.equals("CNAME")) ? key(s) : value;
        zone.computeIfAbsent(key(name), k -> new HashMap<>()).computeIfAbsent(type, k -> new ArrayList<>()).add(v);
        return this;
    }

    /** Whether the name has any records of this type (before following CNAMEs). */
    public boolean has(String name, String type) {
        return zone.getOrDefault(key(name), Map.of()).containsKey(type);
    }

    /** How many queries were answered so far. */
    public int queryCount() {
        return queries.get();
    }

    @Override
    public DnsResult<TxtRecord> txt(String name) {
        return query(name, "TXT", TxtRecord.class);
    }

    @Override
    public DnsResult<Inet4Address> a(String name) {
        return query(name, "A", Inet4Address.class);
    }

    @Override
    public DnsResult<Inet6Address> aaaa(String name) {
        DnsResult<InetAddress> r = query(name, "AAAA", InetAddress.class);
        if (r instanceof DnsResult.Records<InetAddress> rs) {
            return new DnsResult.Records<>(rs.values().stream().map(FakeDnsResolver::toV6).toList());
        }
        @SuppressWarnings("unchecked")
        DnsResult<Inet6Address> other = (DnsResult<Inet6Address>) (DnsResult<?>) r;
        return other;
    }

    @Override
    public DnsResult<MxRecord> mx(String name) {
        return query(name, "MX", MxRecord.class);
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return query(reverseName(address), "PTR", String.class);
    }

    private <T> DnsResult<T> query(String name, String type, Class<T> cls) {
        queries.incrementAndGet();
        String n = key(name);
        for (int hops = 0; hops < 10; hops++) {
            Map<String, List<Object>> records = zone.get(n);
            if (records == null) {
                return new DnsResult.NxDomain<>();
            }
            List<Object> values = records.get(type);
            if (values != null) {
                List<T> typed = new ArrayList<>();
                for (Object v : values) {
                    if (cls.isInstance(v)) {
                        typed.add(cls.cast(v));
                    }
                }
                return DnsResult.of(typed);
            }
            List<Object> cname = records.get("CNAME");
            if (cname != null) {
                n = (String) cname.getFirst();
                continue;
            }
            if (timeouts.contains(n)) {
                return new DnsResult.TempFail<>("timeout for " + n + " " + type);
            }
            return new DnsResult.NoData<>();
        }
        return new DnsResult.TempFail<>("CNAME chain too long at " + name);
    }

    static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** The in-addr.arpa or ip6.arpa name of an address (RFC 1035 section 3.5, RFC 3596 section 2.5). */
    public static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder s = new StringBuilder();
        if (b.length == 4) {
            for (int i = 3; i >= 0; i--) {
                s.append(b[i] & 0xff).append('.');
            }
            return s.append("in-addr.arpa").toString();
        }
        for (int i = 15; i >= 0; i--) {
            s.append(Character.forDigit(b[i] & 0xf, 16)).append('.').append(Character.forDigit((b[i] >> 4) & 0xf, 16))
                    .append('.');
        }
        return s.append("ip6.arpa").toString();
    }

    private static InetAddress address(String ip) {
        if (!ip.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP literal: " + ip);
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    private static Inet6Address toV6(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            return v6;
        }
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(a.getAddress(), 0, b, 12, 4);
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
