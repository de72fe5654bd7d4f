package dev.tollgate.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start: a platform admin and a default team owned by them, so a fresh install can be signed in to at once.
 * Does nothing once any platform admin exists.
 */
@Component
class AdminBootstrap {

    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_PASSWORD_LENGTH = 20;

    private final UserAccountRepository users;
    private final TeamRepository teams;
    private final MembershipRepository memberships;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AdminBootstrap(
            UserAccountRepository users,
            TeamRepository teams,
            MembershipRepository memberships,
            PasswordEncoder passwordEncoder,
            Clock clock) {
        this.users = users;
        this.teams = teams;
        this.memberships = memberships;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /** What the first start created; the password only when it was generated, so it can be shown once. */
    record Created(String email, Optional<String> generatedPassword) {}

    @Transactional
    Optional<Created> createFirstAdmin(AccountProperties properties) {
        if (users.existsByPlatformAdminTrue()) {
            return Optional.empty();
        }
        EmailAddress email = new EmailAddress(properties.email());
        boolean generate =
                properties.password() == null || properties.password().isBlank();
        String password = generate ? generatePassword() : properties.password();
        UserAccount admin = users.save(
                new UserAccount(email, "Platform admin", passwordEncoder.encode(password), true, clock.instant()));
        TeamName teamName = new TeamName(properties.defaultTeam());
        Team team = teams.existsByNameIgnoringCase(teamName.value())
                ? null
                : teams.save(new Team(teamName, clock.instant()));
        if (team != null) {
            memberships.save(new Membership(team.id(), admin.id(), TeamRole.OWNER, clock.instant()));
        }
        return Optional.of(new Created(email.value(), generate ? Optional.of(password) : Optional.empty()));
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
