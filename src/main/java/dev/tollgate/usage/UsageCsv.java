package dev.tollgate.usage;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Writes usage rows as CSV straight from the result set, one line per row as it arrives. Amounts are written exactly
 * as stored (nine decimals), times as ISO-8601 UTC instants.
 */
final class UsageCsv implements RowCallbackHandler {

    static final List<String> HEADER = List.of(
            "created_at",
            "request_id",
            "api_key_id",
            "api_key_name",
            "user_id",
            "user_email",
            "source",
            "model",
            "kind",
            "dialect",
            "channel",
            "status",
            "input_tokens",
            "output_tokens",
            "cache_read_tokens",
            "cache_write_tokens",
            "cache_write_1h_tokens",
            "input_cost",
            "output_cost",
            "cache_read_cost",
            "cache_write_cost",
            "cache_write_1h_cost",
            "request_cost",
            "total_cost",
            "latency_ms",
            "first_token_ms",
            "finish_reason",
            "error",
            // added columns go last, so scripts reading columns by position still read the same ones
            "requested_model",
            "session_id",
            "reasoning_tokens");

    private final CsvWriter csv;
    private long rows;

    UsageCsv(Writer out) {
        this.csv = CsvWriter.builder().build(out);
        csv.writeRecord(HEADER);
    }

    @Override
    public void processRow(ResultSet rs) throws SQLException {
        csv.writeRecord()
                .writeField(rs.getObject("created_at", OffsetDateTime.class)
                        .toInstant()
                        .toString())
                .writeField(rs.getString("request_id"))
                .writeField(text(rs.getString("api_key_id")))
                .writeField(freeText(rs.getString("api_key_name")))
                .writeField(text(rs.getString("user_id")))
                .writeField(text(rs.getString("user_email")))
                .writeField(rs.getString("source"))
                .writeField(rs.getString("model"))
                .writeField(rs.getString("kind"))
                .writeField(text(rs.getString("dialect")))
                .writeField(freeText(rs.getString("channel")))
                .writeField(rs.getString("status"))
                .writeField(rs.getString("input_tokens"))
                .writeField(rs.getString("output_tokens"))
                .writeField(rs.getString("cache_read_tokens"))
                .writeField(rs.getString("cache_write_tokens"))
                .writeField(rs.getString("cache_write_1h_tokens"))
                .writeField(amount(rs, "input_cost"))
                .writeField(amount(rs, "output_cost"))
                .writeField(amount(rs, "cache_read_cost"))
                .writeField(amount(rs, "cache_write_cost"))
                .writeField(amount(rs, "cache_write_1h_cost"))
                .writeField(amount(rs, "request_cost"))
                .writeField(amount(rs, "total_cost"))
                .writeField(rs.getString("latency_ms"))
                .writeField(text(rs.getString("first_token_ms")))
                .writeField(text(rs.getString("finish_reason")))
                .writeField(freeText(rs.getString("error")))
                .writeField(text(rs.getString("requested_model")))
                .writeField(text(rs.getString("session_id")))
                .writeField(rs.getString("reasoning_tokens"))
                .endRecord();
        rows++;
    }

    /** Pushes what is buffered to the writer; the writer stays open for its owner to close. */
    long finish() {
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String amount(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column).toPlainString();
    }

    /**
     * Text people or upstreams chose (key names, error messages): one that a spreadsheet would run as a formula
     * (starting with =, +, -, @, tab or carriage return) is written after an apostrophe, which spreadsheets show as text.
     */
    static String freeText(@Nullable String value) {
        String text = text(value);
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
