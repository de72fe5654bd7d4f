package dev.tollgate.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port over a throw-away embedded PostgreSQL. Every integration test uses exactly
 * this set-up, so they all share one cached application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestTeams.class, Actors.class, KeySpender.class})
public @interface IntegrationTest {

    String ADMIN_EMAIL = "admin@tollgate.test";
    String ADMIN_PASSWORD = "admin-password-1";
    String MASTER_KEY = "test-master-key";
}
