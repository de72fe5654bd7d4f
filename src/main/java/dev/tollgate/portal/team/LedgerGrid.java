package dev.tollgate.portal.team;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import dev.tollgate.account.TeamId;
import dev.tollgate.billing.BillingService;
import dev.tollgate.billing.LedgerLine;
import dev.tollgate.portal.DisplayFormats;
import dev.tollgate.portal.ScreenWidth;
import java.util.List;
import java.util.Map;

/**
 * A team's statement, newest first, paged lazily through the billing service. Amounts follow the money rule (a charge
 * of a fraction of a cent keeps its digits, the balance is to the cent with the exact amount on hover); "By" names the
 * key or person, looked up among the team's own for each page. A phone shows when, amount and balance only.
 */
public class LedgerGrid extends Grid<LedgerLine> {

    private StatementAuthors.Names names = new StatementAuthors.Names(Map.of());

    public LedgerGrid(BillingService billing, StatementAuthors authors, TeamId team) {
        Column<LedgerLine> when = addColumn(line -> DisplayFormats.dateTime(line.createdAt()))
                .setHeader("When")
                .setAutoWidth(true)
                .setFlexGrow(0);
        Column<LedgerLine> entry = addColumn(line -> line.kind().label())
                .setHeader("Entry")
                .setAutoWidth(true)
                .setFlexGrow(0);
        addColumn(line -> DisplayFormats.cost(line.amount()))
                .setHeader("Amount")
                .setTooltipGenerator(line -> DisplayFormats.exactMoney(line.amount()))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("amount");
        addColumn(line -> DisplayFormats.money(line.balanceAfter()))
                .setHeader("Balance")
                .setTooltipGenerator(line -> DisplayFormats.exactMoney(line.balanceAfter()))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("balance");
        Column<LedgerLine> note = addColumn(line -> line.note() == null ? "" : line.note())
                .setHeader("Note")
                .setTooltipGenerator(line -> line.note() == null ? "" : line.note())
                .setWidth("12rem")
                .setFlexGrow(1);
        Column<LedgerLine> by = addColumn(line -> names.of(line.createdBy()))
                .setHeader("By")
                .setTooltipGenerator(line -> names.of(line.createdBy()))
                .setWidth("14rem")
                .setFlexGrow(1)
                .setKey("by");
        // on a phone, when, amount and balance fill the width; the rest would push them out of sight
        ScreenWidth.follow(this, narrow -> {
            List.of(entry, note, by).forEach(column -> column.setVisible(!narrow));
            // the date wraps above the time, so both amounts keep their room
            if (narrow) {
                addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
                when.setAutoWidth(false).setWidth("5.5rem");
            } else {
                removeThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
                when.setAutoWidth(true);
                recalculateColumnWidths();
            }
        });
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        addClassName("money-grid");
        setItems(
                query -> {
                    List<LedgerLine> page = billing.statement(team, query.getPage(), query.getPageSize());
                    names = authors.of(team);
                    return page.stream();
                },
                query -> (int) Math.min(Integer.MAX_VALUE, billing.statementSize(team)));
    }
}
