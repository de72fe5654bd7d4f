package dev.tollgate.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.server.HandlerHelper;
import com.vaadin.flow.server.RouteRegistry;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Gives a page loaded directly the status of what it will show. Vaadin answers every portal address with the same
 * page and picks the view in a second request, so the first answer would be 200 even for an address with no view
 * ({@link NotFoundPage}, 404) or a view the signed-in user's role does not open ({@link AccessDeniedPage}, 403). Signed
 * out visitors never get this far: they are sent to sign in.
 */
@org.springframework.stereotype.Component
class FirstLoadStatus implements VaadinServiceInitListener {

    private final AccessAnnotationChecker access = new AccessAnnotationChecker();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(this::setStatus);
    }

    private void setStatus(IndexHtmlResponse page) {
        VaadinRequest request = page.getVaadinRequest();
        if (!(request instanceof VaadinServletRequest servletRequest)) {
            return;
        }
        // routes are registered without the leading slash the request path has
        String path = HandlerHelper.getRequestPathInsideContext(servletRequest.getHttpServletRequest())
                .replaceFirst("^/", "");
        RouteRegistry routes =
                ApplicationRouteRegistry.getInstance(request.getService().getContext());
        Optional<Class<? extends Component>> view = routes.getNavigationTarget(path);
        if (view.isEmpty()) {
            page.getVaadinResponse().setStatus(HttpServletResponse.SC_NOT_FOUND);
        } else if (!access.hasAccess(view.get(), servletRequest.getHttpServletRequest())) {
            page.getVaadinResponse().setStatus(HttpServletResponse.SC_FORBIDDEN);
        }
    }
}
