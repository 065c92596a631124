// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link DnsResolver} over dnsjava. Each query goes to the configured servers over UDP and
 * is retried over TCP when the answer is truncated (RFC 1035 section 4.2.1, RFC 7766);
 * answers and negative answers are kept in a bounded cache for their TTL (negative ones
 * per RFC 2308). The hosts file and search domains are never consulted: names are absolute.
 */
public final class DnsjavaResolver implements DnsResolver {
    private final Resolver resolver;
    private final Cache cache;

    private DnsjavaResolver(Resolver resolver, int cacheEntries) {
        this.resolver = resolver;
        this.cache = new Cache(DClass.IN);
        cache.setMaxEntries(cacheEntries);
    }

    /**
     * A resolver asking {@code servers} in order.
     *
     * @param timeout per query and server, UDP and TCP alike
     * @param cacheEntries how many RRsets to keep; 0 disables caching
     */
    public static DnsjavaResolver create(List<InetSocketAddress> servers, Duration timeout, int cacheEntries) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one DNS server");
        }
        List<Resolver> simple = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            SimpleResolver r = new SimpleResolver(server);
            r.setTimeout(timeout);
            simple.add(r);
        }
        ExtendedResolver extended = new ExtendedResolver(simple);
        extended.setLoadBalance(false);
        extended.setRetries(1);
        extended.setTimeout(timeout);
        return new DnsjavaResolver(extended, cacheEntries);
    }

    /** A resolver using the servers of the operating system's configuration. */
    public static DnsjavaResolver systemDefault(Duration timeout, int cacheEntries) {
        Resolver r = Lookup.getDefaultResolver();
        r.setTimeout(timeout);
        return new DnsjavaResolver(r, cacheEntries);
    }

    @Override
    public DnsResult<TxtRecord> txt(String name) {
        return query(name, Type.TXT, r -> new TxtRecord(((TXTRecord) r).getStringsAsByteArrays().stream()
                .map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList()));
    }

    @Override
    public DnsResult<Inet4Address> a(String name) {
        return query(name, Type.A, r -> (Inet4Address) ((ARecord) r).getAddress());
    }

    @Override
    public DnsResult<Inet6Address> aaaa(String name) {
        return query(name, Type.AAAA, r -> {
            InetAddress a = ((AAAARecord) r).getAddress();
            // dnsjava returns an Inet4Address for IPv4-mapped AAAA data; keep the IPv6 form.
            return a instanceof Inet6Address v6 ? v6 : toMapped(a);
        });
    }

    @Override
    public DnsResult<MxRecord> mx(String name) {
        return query(name, Type.MX, r -> {
            MXRecord mx = (MXRecord) r;
            return new MxRecord(mx.getPriority(), plain(mx.getTarget()));
        });
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return query(ReverseMap.fromAddress(address), Type.PTR, r -> plain(((PTRRecord) r).getTarget()));
    }

    private <T> DnsResult<T> query(String name, int type, Function<Record, T> map) {
        Name absolute;
        try {
            absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new DnsResult.NxDomain<>();
        }
        return query(absolute, type, map);
    }

    private <T> DnsResult<T> query(Name name, int type, Function<Record, T> map) {
        Lookup lookup = new Lookup(name, type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.setSearchPath((List<Name>) null);
        lookup.setHostsFileParser(null);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<T> values = new ArrayList<>();
                for (Record r : records) {
                    if (r.getType() == type) {
                        values.add(map.apply(r));
                    }
                }
                yield DnsResult.of(values);
            }
            case Lookup.HOST_NOT_FOUND -> new DnsResult.NxDomain<>();
            case Lookup.TYPE_NOT_FOUND -> new DnsResult.NoData<>();
            default -> new DnsResult.TempFail<>(name + " " + Type.string(type) + ": " + lookup.getErrorString());
        };
    }

    private static String plain(Name name) {
        String s = name.toString(true).toLowerCase(Locale.ROOT);
        return s.equals(".") ? "" : s;
    }

    private static Inet6Address toMapped(InetAddress v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
