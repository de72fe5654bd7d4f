package dev.tollgate.portal;

import dev.tollgate.calls.Refusal;
import dev.tollgate.catalog.ModelKind;
import java.util.Locale;

/** A refused call, said to the person who made it in the portal: what happened and what they can do about it. */
public final class RefusalWording {

    private RefusalWording() {}

    public static String of(Refusal refusal) {
        return switch (refusal) {
            case Refusal.UnknownModel unknown -> "The model " + unknown.model() + " is not offered. Pick another one.";
            case Refusal.WrongModelKind wrong ->
                wrong.model() + " is " + label(wrong.kind()) + " model. Pick " + label(wrong.wanted()) + " model.";
            case Refusal.ModelNotAllowed notAllowed -> "You may not use " + notAllowed.model() + ".";
            case Refusal.InsufficientCredit lacking ->
                "Your team's balance cannot cover this"
                        + (lacking.price() == null
                                ? ""
                                : " (it costs " + DisplayFormats.exactMoney(lacking.price()) + ")")
                        + ". Ask an owner to add credit"
                        + (lacking.price() == null ? ", or lower Max tokens." : ".");
            case Refusal.KeyBudgetSpent spent -> "The key's budget is spent.";
            case Refusal.RateLimited limited ->
                "Too many requests at once. Try again in "
                        + Math.max(1, limited.retryAfter().toSeconds()) + " s.";
            case Refusal.InvalidRequest invalid -> invalid.message();
            case Refusal.UpstreamUnavailable unavailable ->
                "The model is busy or unavailable right now. Try again in a moment, or pick another model.";
            case Refusal.UpstreamFailed failed ->
                "The model could not answer (" + failed.message() + "). Nothing was charged for it.";
            case Refusal.UpstreamRefused refused -> "The model refused the request: " + refused.message();
        };
    }

    private static String label(ModelKind kind) {
        String label = kind.label().toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }
}
