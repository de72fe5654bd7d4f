package dev.tollgate.portal;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** An address the portal has no page for, answered 404 within the layout. Signed-out visitors are asked to sign in. */
@PageTitle("Page not found · Tollgate")
@ParentLayout(MainLayout.class)
@PermitAll
class NotFoundPage extends ErrorPage implements HasErrorParameter<NotFoundException> {

    NotFoundPage() {
        super("Page not found", "There is no page at this address in the portal. Check the link, or go back.");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
