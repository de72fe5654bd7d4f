package dev.tollgate.fetch;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FetchConfiguration {

    /** Its own bean so that a test can point names at local servers. */
    @Bean
    HostResolver hostResolver() {
        return HostResolver.system();
    }
}
