package dev.tollgate.gateway;

import dev.tollgate.apikey.AuthenticatedKey;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a {@code vai-} key; the key, not a person, is the principal. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final AuthenticatedKey key;

    ApiKeyAuthentication(AuthenticatedKey key) {
        super(List.of(new SimpleGrantedAuthority("ROLE_API_KEY")));
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public AuthenticatedKey getPrincipal() {
        return key;
    }

    @Override
    public String getName() {
        return "key:" + key.id();
    }
}
