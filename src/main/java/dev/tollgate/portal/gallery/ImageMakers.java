package dev.tollgate.portal.gallery;

import dev.tollgate.account.Member;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.KeyLabel;
import dev.tollgate.media.MediaItem;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who made each image, in words: the key's name and masked form for an API call, the person's name for one made in
 * the playground. Names are read once per page of images.
 */
final class ImageMakers {

    private final ApiKeyService keys;
    private final TeamService teams;

    ImageMakers(ApiKeyService keys, TeamService teams) {
        this.keys = keys;
        this.teams = teams;
    }

    Function<MediaItem, String> of(TeamId team, Collection<MediaItem> items) {
        Map<ApiKeyId, KeyLabel> keyNames = keys.labels(items.stream()
                .map(item -> item.caller().key())
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        Map<UserId, String> people =
                items.stream().anyMatch(item -> item.caller().user() != null)
                        ? teams.members(team).stream().collect(Collectors.toMap(Member::userId, Member::displayName))
                        : Map.of();
        return item -> {
            ApiKeyId key = item.caller().key();
            if (key != null) {
                KeyLabel label = keyNames.get(key);
                return label == null ? "an API key" : "key " + label.name() + " (" + label.maskedKey() + ")";
            }
            UserId user = item.caller().user();
            return user == null
                    ? "the playground"
                    : people.getOrDefault(user, "a former member") + " in the playground";
        };
    }
}
