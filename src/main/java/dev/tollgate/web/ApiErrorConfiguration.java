package dev.tollgate.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Keeps every answer under the API prefixes and media URLs in the API's JSON: unknown paths, the container's error
 * dispatch, and {@code Accept} headers asking for something else.
 */
@Configuration(proxyBeanMethods = false)
class ApiErrorConfiguration implements WebMvcConfigurer {

    /** Right after the annotated endpoints, so a known path called with another method is still a 405. */
    private static final int UNKNOWN_ENDPOINT_ORDER = 1;

    @Bean
    FilterRegistrationBean<ApiErrorPageFilter> apiErrorPageFilter(ApiErrorWriter errors) {
        FilterRegistrationBean<ApiErrorPageFilter> registration =
                new FilterRegistrationBean<>(new ApiErrorPageFilter(errors));
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Paths under the API prefixes and {@code /media/} that nothing serves: a JSON 404, not the portal's "page not
     * found". Only paths no endpoint knows reach it; one known under another method is refused with a 405 before.
     */
    @Bean
    SimpleUrlHandlerMapping unknownApiEndpoints(ApiErrorWriter errors) {
        HttpRequestHandler unknown = (request, response) -> errors.write(
                request,
                response,
                ApiError.notFound(
                        "unknown_endpoint",
                        "Unknown endpoint: " + request.getMethod() + " " + request.getRequestURI()));
        return new SimpleUrlHandlerMapping(
                Map.of(
                        ApiPaths.PUBLIC[0],
                        unknown,
                        ApiPaths.PUBLIC[1],
                        unknown,
                        ApiPaths.ADMIN,
                        unknown,
                        ApiPaths.MEDIA,
                        unknown),
                UNKNOWN_ENDPOINT_ORDER);
    }

    /** The APIs answer in JSON whatever {@code Accept} says, as the providers' own APIs do; the portal negotiates. */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        HeaderContentNegotiationStrategy byHeader = new HeaderContentNegotiationStrategy();
        ContentNegotiationStrategy apisAnswerJson = request -> {
            HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
            return servlet != null && ApiPaths.answersInJson(servlet.getRequestURI())
                    ? List.of(MediaType.APPLICATION_JSON, MediaType.ALL)
                    : byHeader.resolveMediaTypes(request);
        };
        configurer.strategies(List.of(apisAnswerJson));
    }
}
