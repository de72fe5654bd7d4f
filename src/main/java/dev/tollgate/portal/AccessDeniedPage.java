package dev.tollgate.portal;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page the signed-in user's role does not open (a member on an admin page), answered 403 within the layout.
 * Signed-out visitors never get here: they are sent to sign in first.
 */
@PageTitle("No access · Tollgate")
@ParentLayout(MainLayout.class)
@PermitAll
class AccessDeniedPage extends ErrorPage implements HasErrorParameter<AccessDeniedException> {

    AccessDeniedPage() {
        super("No access", "This page is for platform admins. Ask one if you need what is on it.");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
