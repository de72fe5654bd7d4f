package dev.tollgate.database;

import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * Two ways to run a transaction. JPA's is the default. Model calls settle in plain-JDBC transactions
 * ({@code @Transactional(transactionManager = "jdbcTransactionManager")}): they only run SQL statements, and skipping
 * the persistence context on every call is a large part of the gateway's per-request cost. A JDBC transaction must
 * not call into JPA-transactional code, which would need its own connection.
 */
@Configuration(proxyBeanMethods = false)
class TransactionManagerConfiguration {

    @Bean
    @Primary
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTransactionManager jdbcTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
