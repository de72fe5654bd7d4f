package dev.tollgate.account;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What signed-in users do to their own account. */
@Service
public class UserAccountService {

    private final UserAccountRepository users;
    private final TeamAccess access;
    private final PasswordEncoder passwordEncoder;
    private final PortalSignIn signIn;
    private final AccountProperties properties;

    UserAccountService(
            UserAccountRepository users,
            TeamAccess access,
            PasswordEncoder passwordEncoder,
            PortalSignIn signIn,
            AccountProperties properties) {
        this.users = users;
        this.access = access;
        this.passwordEncoder = passwordEncoder;
        this.signIn = signIn;
        this.properties = properties;
    }

    /**
     * Replaces the signed-in user's password. Their other sessions (other browsers, a copied session cookie) end at
     * their next request; the session it was changed in stays signed in.
     */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        UserId me = access.currentUserId().orElseThrow(() -> new AccessDeniedException("Sign in first"));
        UserAccount user = users.findById(me.value()).orElseThrow(() -> new AccessDeniedException("Sign in first"));
        if (!passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new AccountRuleException("The current password is not correct");
        }
        if (newPassword.length() < TeamService.MINIMUM_PASSWORD_LENGTH) {
            throw new AccountRuleException(
                    "A password has at least " + TeamService.MINIMUM_PASSWORD_LENGTH + " characters");
        }
        user.changePasswordHash(passwordEncoder.encode(newPassword));
        signIn.renewCurrentSession(user);
        if (user.email().equals(new EmailAddress(properties.email()).value())) {
            // the generated first password, if it was one, no longer opens anything
            properties.generatedPasswordFile().delete();
        }
    }
}
