package dev.tollgate.media;

import dev.tollgate.account.TeamId;
import dev.tollgate.caller.CallerColumns;
import dev.tollgate.money.Credits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Media metadata; every read is scoped to a team except the one that serves bytes by their unguessable id. */
@Repository
class MediaRepository {

    private static final String COLUMNS = """
            id, %s, kind, model, prompt, width, height,
            media_type, extension, bytes, checksum, cost, edited_from, has_thumbnail, created_at""".formatted(CallerColumns.NAMES);

    private final JdbcClient jdbc;

    MediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(MediaItem item) {
        jdbc.sql("insert into media_item (" + COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(CallerColumns.row(
                        item.id().value(),
                        item.caller(),
                        item.kind().name(),
                        item.model(),
                        item.prompt(),
                        item.width(),
                        item.height(),
                        item.mediaType(),
                        item.extension(),
                        item.bytes(),
                        item.checksum(),
                        item.cost().amount(),
                        item.editedFrom() == null ? null : item.editedFrom().value(),
                        item.hasThumbnail(),
                        Timestamp.from(item.createdAt())))
                .update();
    }

    /** A live item by id alone: for serving bytes, where the id is the capability. */
    Optional<MediaItem> findLive(MediaId id) {
        return jdbc.sql("select " + COLUMNS + " from media_item where id = ? and deleted_at is null")
                .param(id.value())
                .query(MediaRepository::item)
                .optional();
    }

    Optional<MediaItem> findLive(TeamId team, MediaId id) {
        return jdbc.sql("select " + COLUMNS + " from media_item where id = ? and team_id = ? and deleted_at is null")
                .params(id.value(), team.value())
                .query(MediaRepository::item)
                .optional();
    }

    /** Marks the item deleted; false when it was not live. */
    boolean markDeleted(MediaId id, Instant now) {
        return jdbc.sql("update media_item set deleted_at = ? where id = ? and deleted_at is null")
                        .params(Timestamp.from(now), id.value())
                        .update()
                == 1;
    }

    void markHasThumbnail(MediaId id) {
        jdbc.sql("update media_item set has_thumbnail = true where id = ?")
                .param(id.value())
                .update();
    }

    /** One page of a team's live items matching the query, newest first, after {@code after} (keyset paging). */
    List<MediaItem> page(TeamId team, MediaQuery query, @Nullable MediaItem after, int limit) {
        Where where = where(team, query);
        if (after != null) {
            where.and("(created_at, id) < (:afterTime, :afterId)");
            where.params.put("afterTime", Timestamp.from(after.createdAt()));
            where.params.put("afterId", after.id().value());
        }
        return jdbc.sql("select " + COLUMNS + " from media_item where " + where.sql
                        + " order by created_at desc, id desc limit " + Math.max(1, limit))
                .params(where.params)
                .query(MediaRepository::item)
                .list();
    }

    long count(TeamId team, MediaQuery query) {
        Where where = where(team, query);
        return jdbc.sql("select count(*) from media_item where " + where.sql)
                .params(where.params)
                .query(Long.class)
                .single();
    }

    List<String> models(TeamId team, MediaKind kind) {
        return jdbc.sql("""
                        select distinct model from media_item
                        where team_id = ? and kind = ? and deleted_at is null order by model""")
                .params(team.value(), kind.name())
                .query(String.class)
                .list();
    }

    private Where where(TeamId team, MediaQuery query) {
        Where where = new Where();
        where.and("team_id = :team and deleted_at is null");
        where.params.put("team", team.value());
        if (query.kind() != null) {
            where.and("kind = :kind");
            where.params.put("kind", query.kind().name());
        }
        if (query.model() != null) {
            where.and("model = :model");
            where.params.put("model", query.model());
        }
        if (query.from() != null) {
            where.and("created_at >= :from");
            where.params.put("from", Timestamp.from(query.from()));
        }
        if (query.until() != null) {
            where.and("created_at < :until");
            where.params.put("until", Timestamp.from(query.until()));
        }
        if (query.text() != null) {
            String[] words = query.text().strip().toLowerCase().split("\\s+");
            for (int i = 0; i < words.length && i < 8; i++) {
                if (!words[i].isEmpty()) {
                    where.and("lower(prompt) like :word" + i + " escape '\\'");
                    where.params.put("word" + i, "%" + escapeLike(words[i]) + "%");
                }
            }
        }
        return where;
    }

    private static String escapeLike(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static MediaItem item(ResultSet rs, int row) throws SQLException {
        String editedFrom = rs.getString("edited_from");
        return new MediaItem(
                new MediaId(rs.getString("id")),
                CallerColumns.read(rs),
                MediaKind.valueOf(rs.getString("kind")),
                rs.getString("model"),
                rs.getString("prompt"),
                rs.getInt("width"),
                rs.getInt("height"),
                rs.getString("media_type"),
                rs.getString("extension"),
                rs.getLong("bytes"),
                rs.getString("checksum"),
                new Credits(rs.getBigDecimal("cost")),
                editedFrom == null ? null : new MediaId(editedFrom),
                rs.getBoolean("has_thumbnail"),
                rs.getTimestamp("created_at").toInstant());
    }

    /** A where clause built up from the filters that are set, with its named parameters. */
    private static final class Where {

        private final StringBuilder sql = new StringBuilder();
        private final Map<String, Object> params = new HashMap<>();

        void and(String condition) {
            if (!sql.isEmpty()) {
                sql.append(" and ");
            }
            sql.append(condition);
        }
    }
}
