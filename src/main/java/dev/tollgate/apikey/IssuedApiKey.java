package dev.tollgate.apikey;

/** A newly issued key with its plaintext: the only moment the secret exists outside the caller's hands. */
public record IssuedApiKey(ApiKeyView key, String plaintext) {

    @Override
    public String toString() {
        return "IssuedApiKey[" + key.maskedKey() + "]";
    }
}
