package dev.tollgate.fetch;

import java.net.InetAddress;

/** A CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
record AddressBlock(byte[] prefix, int bits) {

    AddressBlock {
        if (bits < 0 || bits > prefix.length * 8) {
            throw new IllegalArgumentException("A /" + bits + " block does not fit " + prefix.length + " bytes");
        }
    }

    /** Reads CIDR notation; only literals, so nothing is looked up. */
    static AddressBlock parse(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] prefix = InetAddress.ofLiteral(cidr.substring(0, slash)).getAddress();
        return new AddressBlock(prefix, Integer.parseInt(cidr.substring(slash + 1)));
    }

    boolean contains(byte[] address) {
        if (address.length != prefix.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (prefix[whole] & mask);
    }
}
