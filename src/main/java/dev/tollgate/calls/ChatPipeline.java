package dev.tollgate.calls;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.Hold;
import dev.tollgate.billing.InsufficientCreditException;
import dev.tollgate.billing.KeyBudgetExceededException;
import dev.tollgate.billing.LiveHold;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.catalog.TokenPricing;
import dev.tollgate.money.Credits;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatRouter;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.ModelAvailability;
import dev.tollgate.provider.RoutedChatStream;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.UnsupportedFieldException;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.usage.UsageKind;
import dev.tollgate.usage.UsageRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Every chat request, from the API in either dialect or from the playground, goes through here: authorize, price,
 * reserve (and keep the hold alive while the call runs), call the upstream, meter, settle exactly once and record
 * usage. Database work on the hot path is a share of one
 * transaction that reserves many calls together (a single statement for a call alone) and a share of one plain-JDBC
 * transaction that settles many calls together ({@link Settlements}), which also writes the usage rows.
 */
@Service
public class ChatPipeline {

    private static final Logger log = LoggerFactory.getLogger(ChatPipeline.class);

    private final Catalog catalog;
    private final ModelAvailability availability;
    private final KeyRateLimiter rateLimiter;
    private final TokenCounter tokenCounter;
    private final CreditHolds holds;
    private final ChatRouter router;
    private final Settlements settlements;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChatPipeline(
            Catalog catalog,
            ModelAvailability availability,
            KeyRateLimiter rateLimiter,
            TokenCounter tokenCounter,
            CreditHolds holds,
            ChatRouter router,
            Settlements settlements,
            ApplicationEventPublisher events,
            Clock clock) {
        this.catalog = catalog;
        this.availability = availability;
        this.rateLimiter = rateLimiter;
        this.tokenCounter = tokenCounter;
        this.holds = holds;
        this.router = router;
        this.settlements = settlements;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The chat model a call names (by its id, an alias or a native id the catalog resolves), if the caller may use it;
     * otherwise its {@link Refusal}.
     */
    public CatalogModel authorize(@Nullable AuthenticatedKey key, String modelId) {
        CatalogModel model = catalog.resolve(modelId).orElseThrow(() -> Refusals.unknownModel(modelId));
        if (model.kind() != ModelKind.CHAT) {
            throw Refusals.wrongKind(modelId, model.kind(), ModelKind.CHAT);
        }
        if (key != null && !key.allows(model.id())) {
            throw Refusals.modelNotAllowed(modelId);
        }
        return model;
    }

    /** The chat models something serves now, for pickers. */
    public List<CatalogModel> models() {
        return catalog.ofKind(ModelKind.CHAT).stream()
                .filter(availability::isServed)
                .toList();
    }

    /** Tokens of the prompt as the gateway counts them (Anthropic's {@code count_tokens}). */
    public long countPromptTokens(ChatRequest request) {
        return tokenCounter.countPrompt(request);
    }

    /**
     * Runs the call, handing the reply to {@code listener} as it is produced. Refusals (unknown model, no credit, rate
     * limit, upstream down before any output) are thrown as {@link CallRefusedException} before the listener hears
     * anything.
     */
    public ChatOutcome execute(ChatCall asked, ChatReplyListener listener) {
        Metering metering = new Metering(clock.instant(), asked.request().model());
        CallOutcome outcome = CallOutcome.ERROR;
        try {
            ChatOutcome done = execute(asked, listener, metering);
            outcome = CallOutcome.of(done.status());
            return done;
        } catch (CallRefusedException refused) {
            outcome = CallOutcome.of(refused.refusal());
            throw refused;
        } finally {
            announce(metering.finished(asked.caller().dialect(), outcome, clock.instant()));
        }
    }

    /**
     * Tells metrics and traces how the call ended (never what it said). The call is settled by then, so a listener's
     * failure is logged rather than turned into the caller's error.
     */
    private void announce(ChatCallFinished finished) {
        try {
            events.publishEvent(finished);
        } catch (RuntimeException listenerFailed) {
            log.warn("A listener of finished chat calls failed", listenerFailed);
        }
    }

    private ChatOutcome execute(ChatCall asked, ChatReplyListener listener, Metering metering) {
        CatalogModel model = authorize(asked.key(), metering.requested().value());
        metering.model(model.id());
        // from here on the request names the model that serves it, so routing and channels see a catalog id
        ChatCall call = asked.servedBy(model.id());
        requireOutputWithinLimit(call, model);
        requireHonourableFields(call.request());
        if (call.key() != null) {
            rateLimiter.acquire(call.key());
        }
        Held held = hold(call, model);
        try (LiveHold alive = holds.keepAlive(held.hold())) {
            return run(call, model, held.request(), held.hold(), metering, listener);
        }
    }

    /** The request as it goes upstream, with the output cap its hold was sized for, and that hold. */
    private record Held(ChatRequest request, Hold hold) {}

    /** Streams the reply while the hold is kept alive, and settles it whatever happens. */
    private ChatOutcome run(
            ChatCall call,
            CatalogModel model,
            ChatRequest request,
            Hold hold,
            Metering metering,
            ChatReplyListener listener) {
        try {
            ChatStream stream = openStream(request, metering);
            try (stream) {
                listener.onStart(stream::usageSoFar);
                while (goesOn(stream, listener)) {
                    ChatEvent event = stream.next();
                    metering.observe(event, clock.instant());
                    listener.onEvent(event);
                }
                metering.succeeded(stream.usageSoFar());
            } catch (ClientDisconnectedException gone) {
                metering.cancelled(stream.usageSoFar());
            } catch (RuntimeException failure) {
                metering.failed(stream.usageSoFar(), failure, listener.deliversIncrementally());
                if (!metering.hasOutput() || !listener.deliversIncrementally()) {
                    throw failure instanceof UpstreamException upstream ? Refusals.ofUpstream(upstream) : failure;
                }
                log.warn("Chat request {} failed after output began", call.requestId(), failure);
                try {
                    listener.onFailure(failure.getMessage());
                    listener.flush();
                } catch (ClientDisconnectedException alsoGone) {
                    // nobody left to tell
                }
            }
        } catch (UpstreamException beforeOutput) {
            metering.failed(TokenCounts.NONE, beforeOutput, false);
            throw Refusals.ofUpstream(beforeOutput);
        } finally {
            settle(call, model, hold, metering);
        }
        return metering.outcome(call.requestId(), model.requireTokenPricing());
    }

    /**
     * Whether the reply goes on. Unless its next event has already arrived, what the listener holds is sent first:
     * nothing waits in the gateway's buffer while the gateway waits for the upstream (nor while the call settles).
     */
    private static boolean goesOn(ChatStream stream, ChatReplyListener listener) {
        if (!stream.nextEventReady()) {
            listener.flush();
        }
        return stream.hasNext();
    }

    /**
     * A {@code max_tokens} the model cannot give is refused rather than lowered, as OpenAI and Anthropic do: the caller
     * asked for something that cannot be honoured, and the hold for it would be out of all proportion.
     */
    private static void requireOutputWithinLimit(ChatCall call, CatalogModel model) {
        int limit = model.requireMaxOutputTokens();
        if (call.outputCapChosen() && call.request().maxTokens() > limit) {
            throw Refusals.invalid(
                    "max_tokens: " + call.request().maxTokens() + " > " + limit + ", the most output tokens the model '"
                            + model.id() + "' can give. Ask for " + limit + " or fewer.",
                    "max_tokens");
        }
    }

    /** Fields the channels serving the model cannot honour are refused by name, before any credit is held. */
    private void requireHonourableFields(ChatRequest request) {
        try {
            router.admit(request);
        } catch (UnsupportedFieldException unsupported) {
            throw Refusals.invalid(unsupported.getMessage(), unsupported.field());
        }
    }

    /**
     * Holds the most the request can cost. The prompt is first taken at an upper bound of its tokens, found without
     * tokenising it (decision 0060); only when the credit does not cover that is it counted, and everything below
     * decided on the count, as it always was. An output cap the caller left to us is at most the model's limit, lowered
     * further to what the balance covers (not below a floor) when the hold for it is refused: the balance is read only
     * then, so a team whose credit covers the request pays one statement for its hold, not a read before it too.
     */
    private Held hold(ChatCall call, CatalogModel model) {
        TokenPricing pricing = model.requireTokenPricing();
        ChatRequest request = call.request();
        int cap = call.outputCapChosen()
                ? request.maxTokens()
                : Math.min(request.maxTokens(), model.requireMaxOutputTokens());
        try {
            return new Held(
                    withOutputCap(request, cap), reserve(call, pricing, tokenCounter.promptUpperBound(request), cap));
        } catch (CallRefusedException refusedAtTheBound) {
            // the prompt's own count may fit
        }
        long promptTokens = tokenCounter.countPrompt(request);
        try {
            return new Held(withOutputCap(request, cap), reserve(call, pricing, promptTokens, cap));
        } catch (CallRefusedException refused) {
            if (call.outputCapChosen()) {
                throw refused;
            }
            Credits available = holds.available(call.team());
            if (HoldEstimate.of(pricing, promptTokens, cap).amount().compareTo(available) <= 0) {
                throw refused;
            }
            int fitted = Math.min(cap, HoldEstimate.largestCapWithin(pricing, promptTokens, cap, available));
            if (fitted == cap) {
                throw refused;
            }
            return new Held(withOutputCap(request, fitted), reserve(call, pricing, promptTokens, fitted));
        }
    }

    private static ChatRequest withOutputCap(ChatRequest request, int cap) {
        return cap == request.maxTokens() ? request : request.withMaxTokens(cap);
    }

    private Hold reserve(ChatCall call, TokenPricing pricing, long promptTokens, int outputCap) {
        return reserve(call, HoldEstimate.of(pricing, promptTokens, outputCap).amount());
    }

    /** Reserves from the team's balance and, when the key has a budget, from the key's budget, in one go. */
    private Hold reserve(ChatCall call, Credits amount) {
        try {
            AuthenticatedKey key = call.key();
            return key == null
                    ? holds.reserve(call.team(), null, call.requestId(), amount)
                    : holds.reserve(call.team(), key.id(), key.revision(), call.requestId(), amount);
        } catch (InsufficientCreditException e) {
            throw Refusals.insufficientCredit(null);
        } catch (KeyBudgetExceededException e) {
            throw Refusals.keyBudgetSpent();
        }
    }

    private ChatStream openStream(ChatRequest request, Metering metering) {
        RoutedChatStream stream;
        try {
            stream = router.open(request);
        } catch (UnsupportedFieldException unsupported) {
            // a channel added since admission that cannot honour a field; nothing was sent, so nothing is charged
            throw Refusals.invalid(unsupported.getMessage(), unsupported.field());
        }
        metering.servedBy(stream.channel());
        return stream;
    }

    /** Settles the call (with others finishing at the same time) and returns once its charge has committed. */
    private void settle(ChatCall call, CatalogModel model, Hold hold, Metering metering) {
        TokenPricing pricing = model.requireTokenPricing();
        ChatCost cost = pricing.costOf(metering.usage());
        String note = "Chat " + model.id() + " (" + metering.usage().total() + " tokens)";
        metering.charged(settlements.settle(new Settlements.Settlement(
                holds.charge(hold, cost.total(), note), usageRecord(call, model, metering, cost))));
    }

    private UsageRecord usageRecord(ChatCall call, CatalogModel model, Metering metering, ChatCost cost) {
        return new UsageRecord(
                call.caller(),
                UsageKind.CHAT,
                model.id(),
                metering.channel(),
                metering.status(),
                metering.finishReason() == null ? null : metering.finishReason().name(),
                metering.error(),
                metering.usage(),
                cost,
                Credits.ZERO,
                metering.started(),
                Duration.between(metering.started(), clock.instant()),
                metering.timeToFirstToken(),
                metering.requested(),
                metering.reasoningTokens());
    }
}
