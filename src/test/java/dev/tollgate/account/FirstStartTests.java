package dev.tollgate.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.TollgateApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A first start with no admin password configured: one is generated into an owner-only file, which the log names
 * without ever showing the password, and it works.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTests {

    private static final Pattern GENERATED = Pattern.compile("(?m)^password: (\\S{20})$");

    @Test
    void createsAnAdminWithAGeneratedPasswordAndADefaultTeamTheyOwn(CapturedOutput output, @TempDir Path data)
            throws IOException {
        Path file = data.resolve("admin-password.txt");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TollgateApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--tollgate.admin.email=first@tollgate.test",
                        "--tollgate.admin.password=",
                        "--tollgate.admin.password-file=" + file)) {
            UserAccount admin = app.getBean(UserAccountRepository.class)
                    .findByEmail("first@tollgate.test")
                    .orElseThrow();
            assertThat(admin.isPlatformAdmin()).isTrue();

            Matcher written = GENERATED.matcher(Files.readString(file));
            assertThat(written.find())
                    .as("the generated password is in the file")
                    .isTrue();
            String password = written.group(1);
            assertThat(app.getBean(PasswordEncoder.class).matches(password, admin.passwordHash()))
                    .isTrue();
            assertThat(Files.getPosixFilePermissions(file))
                    .as("readable by its owner only")
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(output.getAll())
                    .as("the log names the file and never shows the password")
                    .contains(file.toString())
                    .doesNotContain(password);

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
