package dev.tollgate.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

@Component
class AdminBootstrapRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrapRunner.class);

    private final AdminBootstrap bootstrap;
    private final AccountProperties properties;

    AdminBootstrapRunner(AdminBootstrap bootstrap, AccountProperties properties) {
        this.bootstrap = bootstrap;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            bootstrap.createFirstAdmin(properties).ifPresent(this::announce);
        } catch (DataIntegrityViolationException e) {
            // another replica sharing the database created the admin at the same moment
            log.info("Platform admin was created concurrently by another instance");
        }
    }

    private void announce(AdminBootstrap.Created created) {
        created.generatedPassword()
                .ifPresentOrElse(
                        password -> {
                            GeneratedPasswordFile file = properties.generatedPasswordFile();
                            file.write(created.email(), password);
                            log.warn(
                                    """

                                    ==============================================================
                                    Created platform admin {} with a generated password, written to

                                        {}

                                    (readable by this user only). Sign in and change the password;
                                    the file is deleted when you do. To choose them instead, set
                                    TOLLGATE_ADMIN_EMAIL and TOLLGATE_ADMIN_PASSWORD before the first start.
                                    ==============================================================""",
                                    created.email(),
                                    file.path().toAbsolutePath().normalize());
                        },
                        () -> log.info("Created platform admin {} from TOLLGATE_ADMIN_EMAIL", created.email()));
    }
}
