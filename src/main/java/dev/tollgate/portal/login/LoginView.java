package dev.tollgate.portal.login;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.tollgate.account.SignInThrottledException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.security.web.WebAttributes;

@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Tollgate")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    /** Query parameters the sign-in endpoint sends the browser back with. */
    public static final String WRONG_CREDENTIALS = "error";

    public static final String THROTTLED = "locked";
    public static final String FORM_EXPIRED = "expired";

    private final Clock clock;
    private final LoginForm login = new LoginForm();
    private final LoginI18n i18n = LoginI18n.createDefault();

    LoginView(Clock clock) {
        this.clock = clock;
        i18n.getForm().setTitle("Sign in to Tollgate");
        i18n.getForm().setUsername("Email");
        login.setI18n(i18n);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);

        Paragraph tagline = new Paragraph("AI gateway and team portal");
        tagline.addClassName("login-tagline");
        Image logo = new Image("icons/tollgate.svg", "");
        logo.addClassName("login-logo");
        Div brand = new Div(logo, new Div("Tollgate"), tagline);
        brand.addClassName("login-brand");

        add(brand, login);
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        addClassName("login-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Set<String> outcome =
                event.getLocation().getQueryParameters().getParameters().keySet();
        if (outcome.contains(THROTTLED)) {
            showError(
                    "Too many failed sign-ins", "Signing in is paused after several failed attempts. " + whenToRetry());
        } else if (outcome.contains(FORM_EXPIRED)) {
            showError("The sign-in form had expired", "Enter your email and password again.");
        } else if (outcome.contains(WRONG_CREDENTIALS)) {
            showError(
                    "Incorrect email or password", "Check them and try again. A platform admin can reset your access.");
        } else {
            login.setError(false);
        }
    }

    private void showError(String title, String message) {
        i18n.getErrorMessage().setTitle(title);
        i18n.getErrorMessage().setMessage(message);
        login.setI18n(i18n);
        login.setError(true);
    }

    /** From the refusal the sign-in endpoint kept in the session; it is the same for every email, known or not. */
    private String whenToRetry() {
        Object refusal = VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (!(refusal instanceof SignInThrottledException throttled)) {
            return "Wait a few minutes, then try again.";
        }
        Duration wait = Duration.between(clock.instant(), throttled.retryAt());
        if (!wait.isPositive()) {
            return "You can try again now.";
        }
        long minutes = (wait.toMillis() + 59_999) / 60_000;
        return minutes == 1 ? "Try again in 1 minute." : "Try again in " + minutes + " minutes.";
    }
}
