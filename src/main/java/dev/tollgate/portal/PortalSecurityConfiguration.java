package dev.tollgate.portal;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.tollgate.account.PortalSignIn;
import dev.tollgate.account.SignInThrottledException;
import dev.tollgate.account.StaleSessionFilter;
import dev.tollgate.portal.login.LoginView;
import java.util.LinkedHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Everything that is not an API: the portal's form sign-in (with its CSRF token, throttled) and session, the security
 * headers of its pages, plus the public health endpoint.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    /**
     * Only this origin may serve scripts, styles, images, fonts and connections, receive forms or frame the portal.
     * Vaadin Flow 25 needs inline scripts (its bootstrap page starts the client engine with one) and eval (the engine
     * runs the expressions the server sends as functions), and inline styles; see decision 0021. Images may also be
     * data: and blob: URLs (icons in the components' styles, previews).
     */
    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final String SIGN_IN = "/login";

    @Bean
    @Order(10)
    SecurityFilterChain portalSecurity(
            HttpSecurity http,
            PortalSignIn signIn,
            RequestUtil vaadinRequests,
            ObjectProvider<SecurityContextHolderStrategy> contexts)
            throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/icons/**",
                                "/styles.css",
                                "/charts/**",
                                "/_static/**",
                                "/error")
                        .permitAll())
                .with(
                        VaadinSecurityConfigurer.vaadin(),
                        vaadin -> vaadin.loginView(LoginView.class)
                                .enableCsrfConfiguration(false)
                                // an address that is no view reaches the portal's own not-found page, in its layout
                                // (the visitor signed in first), rather than being refused outright
                                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated))
                // after Vaadin's configurer, so that its sign-in view replaces Spring Security's generated page
                .formLogin(form -> form.failureHandler(signInFailures()))
                .authenticationManager(signIn::authenticate)
                // Vaadin's own configuration would also exempt the sign-in form, which lets another site sign a
                // visitor in to an account of its choosing; its internal requests carry Vaadin's own token
                .csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest))
                .exceptionHandling(handling -> handling.accessDeniedHandler(expiredSignInForm()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .withObjectPostProcessor(headersBeforeTheResponse()))
                .addFilterAfter(
                        new StaleSessionFilter(
                                signIn, contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)),
                        SecurityContextHolderFilter.class)
                .build();
    }

    /**
     * A throttled sign-in gets its own page state; both keep the refusal in the session, where the view reads when to
     * try again.
     */
    private static AuthenticationFailureHandler signInFailures() {
        LinkedHashMap<Class<? extends AuthenticationException>, AuthenticationFailureHandler> handlers =
                new LinkedHashMap<>();
        handlers.put(
                SignInThrottledException.class,
                new SimpleUrlAuthenticationFailureHandler(SIGN_IN + "?" + LoginView.THROTTLED));
        return new DelegatingAuthenticationFailureHandler(
                handlers, new SimpleUrlAuthenticationFailureHandler(SIGN_IN + "?" + LoginView.WRONG_CREDENTIALS));
    }

    /**
     * A sign-in form posted without its session's token (the session ended since the form was shown, or another site
     * posted it) goes back to the sign-in page with a word of explanation rather than to an error page.
     */
    private static AccessDeniedHandler expiredSignInForm() {
        RequestMatcher signInPost = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, SIGN_IN);
        LinkedHashMap<RequestMatcher, AccessDeniedHandler> handlers = new LinkedHashMap<>();
        handlers.put(
                signInPost,
                (request, response, denied) ->
                        response.sendRedirect(request.getContextPath() + SIGN_IN + "?" + LoginView.FORM_EXPIRED));
        return new RequestMatcherDelegatingAccessDeniedHandler(handlers, new AccessDeniedHandlerImpl());
    }

    /**
     * Vaadin writes its pages from a servlet Spring MVC forwards to, and the response is committed before Spring
     * Security's usual after-the-fact header writing gets to it; written first, the headers reach every page. Static
     * resources still set their own caching, which replaces the no-store default.
     */
    private static ObjectPostProcessor<HeaderWriterFilter> headersBeforeTheResponse() {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        };
    }
}
