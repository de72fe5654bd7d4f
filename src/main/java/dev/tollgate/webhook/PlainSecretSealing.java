package dev.tollgate.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Seals webhook secrets stored in the clear by earlier versions, once, before the application serves anything. */
@Component
class PlainSecretSealing implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(PlainSecretSealing.class);

    private final TeamWebhookStore store;

    PlainSecretSealing(TeamWebhookStore store) {
        this.store = store;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int sealed = store.sealPlainSecrets();
        if (sealed > 0) {
            log.info("Sealed {} webhook signing secrets stored in the clear", sealed);
        }
    }
}
