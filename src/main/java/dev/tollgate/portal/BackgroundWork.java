package dev.tollgate.portal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs long portal work (a streamed reply, a render) off the UI thread, as the signed-in user, so services make the
 * same tenancy decisions they would make on the request thread. Results go back through {@code ui.access}.
 */
@Component
public class BackgroundWork {

    private final ObjectProvider<SecurityContextHolderStrategy> strategies;

    BackgroundWork(ObjectProvider<SecurityContextHolderStrategy> strategies) {
        this.strategies = strategies;
    }

    public Thread start(String name, Runnable work) {
        SecurityContextHolderStrategy strategy =
                strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        SecurityContext context = strategy.getContext();
        return Thread.ofVirtual().name(name).start(() -> {
            strategy.setContext(context);
            try {
                work.run();
            } finally {
                strategy.clearContext();
            }
        });
    }
}
