package dev.tollgate.portal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.tollgate.account.PortalUser;
import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.account.UserAccountService;
import dev.tollgate.billing.BillingService;
import dev.tollgate.billing.BudgetAlertService;
import dev.tollgate.money.Credits;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The frame around every signed-in view: navigation, the team switcher, the team's balance, its budget alerts and the
 * user menu.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final CurrentTeam currentTeam;
    private final BillingService billing;
    private final AuthenticationContext authentication;
    private final UserAccountService userAccounts;
    private final Span balance = new Span();
    private final BudgetAlertBell alertBell;
    private final Select<TeamMembership> teamSwitcher = new Select<>();
    private final Span teamName = new Span();
    private @Nullable Registration balanceListener;

    MainLayout(
            CurrentTeam currentTeam,
            BillingService billing,
            TeamAccess access,
            AuthenticationContext authentication,
            UserAccountService userAccounts,
            BudgetAlertService budgetAlerts) {
        this.currentTeam = currentTeam;
        this.alertBell = new BudgetAlertBell(budgetAlerts);
        this.billing = billing;
        this.authentication = authentication;
        this.userAccounts = userAccounts;
        setPrimarySection(Section.DRAWER);
        addToDrawer(brand(), navigation(access.isPlatformAdmin()));
        addToNavbar(new DrawerToggle(), teamArea(), userMenu());
    }

    private Div brand() {
        Image logo = new Image("icons/tollgate.svg", "");
        logo.addClassName("brand-mark");
        Span name = new Span("Tollgate");
        name.addClassName("brand-name");
        Div brand = new Div(logo, name);
        brand.addClassName("brand");
        return brand;
    }

    private SideNav navigation(boolean platformAdmin) {
        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Overview", "", VaadinIcon.DASHBOARD.create()));
        nav.addItem(new SideNavItem("Playground", "playground", VaadinIcon.CHAT.create()));
        nav.addItem(new SideNavItem("Gallery", "gallery", VaadinIcon.PICTURE.create()));
        nav.addItem(new SideNavItem("Video queue", "videos", VaadinIcon.FILM.create()));
        nav.addItem(new SideNavItem("Usage", "usage", VaadinIcon.LIST.create()));
        nav.addItem(new SideNavItem("Spending", "spending", VaadinIcon.CHART.create()));
        nav.addItem(new SideNavItem("API keys", "keys", VaadinIcon.KEY.create()));
        nav.addItem(new SideNavItem("Pricing", "pricing", VaadinIcon.MONEY.create()));
        if (platformAdmin) {
            SideNavItem admin = new SideNavItem("Admin");
            admin.setPrefixComponent(VaadinIcon.COG.create());
            admin.addItem(new SideNavItem("Teams", "admin/teams", VaadinIcon.USERS.create()));
            admin.addItem(new SideNavItem("Spending by team", "admin/spending", VaadinIcon.CHART.create()));
            admin.addItem(new SideNavItem("Channels", "admin/channels", VaadinIcon.CONNECT.create()));
            admin.setExpanded(true);
            nav.addItem(admin);
        }
        nav.addClassName("main-nav");
        return nav;
    }

    private HorizontalLayout teamArea() {
        teamSwitcher.setItemLabelGenerator(membership -> membership.team().name());
        teamSwitcher.setAriaLabel("Team");
        teamSwitcher.addClassName("team-switcher");
        teamSwitcher.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                currentTeam.select(event.getValue());
                UI.getCurrent().getPage().reload();
            }
        });
        teamName.addClassName("team-name");
        balance.addClassName("balance-chip");
        balance.setId("team-balance");
        HorizontalLayout area = new HorizontalLayout(teamSwitcher, teamName, balance, alertBell);
        area.setAlignItems(FlexComponent.Alignment.CENTER);
        area.addClassName("team-area");
        return area;
    }

    private MenuBar userMenu() {
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        menu.addClassName("user-menu");
        authentication.getAuthenticatedUser(PortalUser.class).ifPresent(user -> {
            Avatar avatar = new Avatar(user.displayName());
            avatar.addClassName("user-avatar");
            Span name = new Span(user.displayName());
            name.addClassName("user-name");
            HorizontalLayout label = new HorizontalLayout(avatar, name);
            label.setAlignItems(FlexComponent.Alignment.CENTER);
            label.setSpacing(true);
            MenuItem root = menu.addItem(label);
            root.getSubMenu().addItem(user.email()).setEnabled(false);
            root.getSubMenu().addItem("Change password", e -> new ChangePasswordDialog(userAccounts).open());
            root.getSubMenu().addItem("Sign out", e -> authentication.logout());
        });
        return menu;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        refreshTeamArea();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        balanceListener = ComponentUtil.addListener(attachEvent.getUI(), BalanceChanged.class, e -> refreshTeamArea());
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent detachEvent) {
        if (balanceListener != null) {
            balanceListener.remove();
        }
        super.onDetach(detachEvent);
    }

    private void refreshTeamArea() {
        List<TeamMembership> choices = currentTeam.choices();
        currentTeam
                .get()
                .ifPresentOrElse(
                        team -> {
                            boolean several = choices.size() > 1;
                            teamSwitcher.setVisible(several);
                            teamName.setVisible(!several);
                            if (several) {
                                teamSwitcher.setItems(choices);
                                teamSwitcher.setValue(choices.stream()
                                        .filter(choice -> choice.team()
                                                .id()
                                                .equals(team.team().id()))
                                        .findFirst()
                                        .orElse(null));
                            }
                            teamName.setText(team.team().name());
                            Credits current = billing.balance(team.team().id());
                            balance.setText(DisplayFormats.money(current));
                            balance.getElement()
                                    .setAttribute(
                                            "title",
                                            "Balance of " + team.team().name() + ": "
                                                    + DisplayFormats.exactMoney(current));
                            balance.setVisible(true);
                            alertBell.show(team.team().id(), team.role());
                        },
                        () -> {
                            teamSwitcher.setVisible(false);
                            teamName.setText("No team");
                            balance.setVisible(false);
                            alertBell.show(null, null);
                        });
    }
}
