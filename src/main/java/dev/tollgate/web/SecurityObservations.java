package dev.tollgate.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes every filter of every chain, every authentication and every authorization when an
 * observation registry exists: most of the observation cost of an API request, for spans nobody reads. Requests
 * keep their own server observation; security is left out of it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
