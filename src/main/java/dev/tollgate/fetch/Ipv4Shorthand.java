package dev.tollgate.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IPv4 addresses written the way {@code inet_aton} accepts them: one to four parts, each decimal, octal (leading
 * {@code 0}) or hex ({@code 0x}), the last filling the remaining bytes. {@code 127.1}, {@code 2130706433} and
 * {@code 0x7f.0.0.1} are all 127.0.0.1.
 */
final class Ipv4Shorthand {

    private static final Pattern PART = Pattern.compile("0[xX][0-9a-fA-F]+|[0-9]+");

    private Ipv4Shorthand() {}

    /**
     * The address a numeric host stands for, or empty when the host is a name.
     *
     * @throws UnknownHostException when the host is numeric but no address (a part too large, {@code 09})
     */
    static Optional<InetAddress> parse(String host) throws UnknownHostException {
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                return Optional.empty();
            }
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            int bits = last ? 8 * (4 - i) : 8;
            long part = partValue(parts[i], host);
            if (part >= 1L << bits) {
                throw notAnAddress(host);
            }
            value = last ? (value << bits) | part : (value << 8) | part;
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return Optional.of(InetAddress.getByAddress(bytes));
    }

    private static long partValue(String part, String host) throws UnknownHostException {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.length() > 12) {
            throw notAnAddress(host);
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw notAnAddress(host);
        }
    }

    private static UnknownHostException notAnAddress(String host) {
        return new UnknownHostException(host + " is not a valid IPv4 address");
    }
}
