package dev.tollgate.account;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * What failed sign-ins are counted against: the email as typed (trimmed, any case; it need not belong to an account)
 * and the client address as the servlet container sees it. IPv6 clients are counted by their /64, which one
 * subscriber usually holds whole.
 */
record SignInAttempt(String account, String address) {

    /** Longer input is cut, so that counting a flood of made-up names costs bounded memory. */
    private static final int LONGEST_KEY = 320;

    static SignInAttempt of(Authentication attempt) {
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress()
                : "unknown";
        return new SignInAttempt(accountKey(attempt.getName()), addressKey(address));
    }

    static String accountKey(String email) {
        return cut(email.strip().toLowerCase(Locale.ROOT));
    }

    static String addressKey(String address) {
        try {
            InetAddress parsed = InetAddress.ofLiteral(address);
            if (parsed instanceof Inet6Address && !parsed.isLoopbackAddress()) {
                byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (Exception notAnAddress) {
            return cut(address);
        }
    }

    private static String cut(String key) {
        return key.length() > LONGEST_KEY ? key.substring(0, LONGEST_KEY) : key;
    }
}
