package dev.tollgate.provider.bedrock;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.UpstreamFailures;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Turns what the SDK throws (an HTTP error answer, an exception event inside the stream, a connection failure) into an
 * {@link UpstreamException}. Only a request Bedrock found invalid fails everywhere; throttling, overload, model errors,
 * a channel without access or without the model, and broken connections may succeed on another channel.
 */
final class BedrockFailures {

    private BedrockFailures() {}

    static UpstreamException of(Throwable thrown) {
        Throwable failure = unwrap(thrown);
        if (failure instanceof UpstreamException upstream) {
            return upstream;
        }
        if (failure instanceof AwsServiceException service) {
            return ofService(service);
        }
        if (failure instanceof SdkClientException client) {
            return new UpstreamException("Bedrock could not be reached: " + client.getMessage(), true, client);
        }
        return new UpstreamException("The call to Bedrock failed: " + failure, true, failure);
    }

    /** The same failure once output has reached the caller: it can no longer be retried elsewhere. */
    static UpstreamException afterOutput(UpstreamException failure) {
        return failure.retryable()
                ? new UpstreamException(failure.getMessage(), false, failure.status(), failure.retryAfter())
                : failure;
    }

    private static UpstreamException ofService(AwsServiceException service) {
        int status = status(service);
        boolean retryable = !(service instanceof ValidationException)
                && (service instanceof AccessDeniedException || !(status == 400 || status == 413 || status == 422));
        String code = service.awsErrorDetails() == null
                ? null
                : service.awsErrorDetails().errorCode();
        String message = service.awsErrorDetails() == null
                ? service.getMessage()
                : service.awsErrorDetails().errorMessage();
        String name = code == null ? service.getClass().getSimpleName() : code;
        return new UpstreamException(
                "Bedrock answered " + status + " (" + name + ")" + (message == null ? "" : ": " + message),
                retryable,
                status,
                retryAfter(service));
    }

    /**
     * The status routing sees: the one Bedrock's error type stands for (an exception event inside a 200 stream has
     * none of its own; model-side failures answer 424, which routing would not recognise as the upstream's fault), or
     * the answer's own status for other types.
     */
    private static int status(AwsServiceException service) {
        return switch (service) {
            case ThrottlingException e -> 429;
            case ServiceQuotaExceededException e -> 429;
            case ValidationException e -> 400;
            case AccessDeniedException e -> 403;
            case ResourceNotFoundException e -> 404;
            case ModelTimeoutException e -> 504;
            case ServiceUnavailableException e -> 503;
            case ModelNotReadyException e -> 503;
            case ModelStreamErrorException e -> 502;
            case ModelErrorException e -> 502;
            case InternalServerException e -> 500;
            default -> service.statusCode() >= 400 && service.statusCode() <= 599 ? service.statusCode() : 500;
        };
    }

    private static @Nullable Duration retryAfter(AwsServiceException service) {
        if (service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null) {
            return null;
        }
        var headers = service.awsErrorDetails().sdkHttpResponse().headers();
        return UpstreamFailures.retryAfter(HttpHeaders.of(headers, (name, value) -> true));
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable failure = thrown;
        while ((failure instanceof CompletionException || failure instanceof ExecutionException)
                && failure.getCause() != null) {
            failure = failure.getCause();
        }
        // the SDK wraps an exception event in an SdkClientException at times; the event is what matters
        if (failure instanceof SdkClientException && failure.getCause() instanceof AwsServiceException service) {
            return service;
        }
        return failure;
    }
}
