package dev.tollgate.portal.team;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import dev.tollgate.account.TeamId;
import dev.tollgate.billing.BillingService;
import dev.tollgate.billing.LedgerLine;
import dev.tollgate.portal.DisplayFormats;

/** A team's statement, newest first, paged lazily through the billing service. */
public class LedgerGrid extends Grid<LedgerLine> {

    public LedgerGrid(BillingService billing, TeamId team) {
        addColumn(line -> DisplayFormats.dateTime(line.createdAt()))
                .setHeader("When")
                .setAutoWidth(true);
        addColumn(line -> line.kind().label()).setHeader("Entry").setAutoWidth(true);
        addColumn(line ->
                        (line.amount().isPositive() ? "+" : "") + line.amount().toPlainString())
                .setHeader("Amount (Cr$)")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        addColumn(line -> line.balanceAfter().toPlainString())
                .setHeader("Balance (Cr$)")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        addColumn(line -> line.note() == null ? "" : line.note())
                .setHeader("Note")
                .setFlexGrow(1);
        addColumn(line -> line.createdBy() == null ? "" : line.createdBy())
                .setHeader("By")
                .setAutoWidth(true);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setItems(query -> billing.statement(team, query.getPage(), query.getPageSize()).stream(), query ->
                (int) Math.min(Integer.MAX_VALUE, billing.statementSize(team)));
    }
}
