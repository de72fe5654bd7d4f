package dev.tollgate.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.TollgateApplication;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A first start with no admin password configured: one is generated, printed once, and works. */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTests {

    private static final Pattern GENERATED = Pattern.compile("generated password:\\s+(\\S{20})\\s");

    @Test
    void createsAnAdminWithAGeneratedPasswordAndADefaultTeamTheyOwn(CapturedOutput output) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TollgateApplication.class)
                .profiles("test")
                .run("--server.port=0", "--tollgate.admin.email=first@tollgate.test", "--tollgate.admin.password=")) {
            UserAccount admin = app.getBean(UserAccountRepository.class)
                    .findByEmail("first@tollgate.test")
                    .orElseThrow();
            assertThat(admin.isPlatformAdmin()).isTrue();

            Matcher printed = GENERATED.matcher(output.getAll());
            assertThat(printed.find()).as("the generated password is printed").isTrue();
            String password = printed.group(1);
            assertThat(app.getBean(PasswordEncoder.class).matches(password, admin.passwordHash()))
                    .isTrue();
            assertThat(printed.find()).as("and printed only once").isFalse();

            List<Membership> theirs = app.getBean(MembershipRepository.class)
                    .findByUserId(admin.id().value());
            assertThat(theirs).singleElement().satisfies(membership -> {
                assertThat(membership.role()).isEqualTo(TeamRole.OWNER);
                assertThat(app.getBean(TeamRepository.class)
                                .findById(membership.teamId().value())
                                .orElseThrow()
                                .toSummary()
                                .name())
                        .isEqualTo("Default");
            });

            AdminBootstrap bootstrap = app.getBean(AdminBootstrap.class);
            assertThat(bootstrap.createFirstAdmin(app.getBean(AccountProperties.class)))
                    .as("a later start creates nothing")
                    .isEmpty();
        }
    }
}
