package io.meshlift.core.plan;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A time-of-day bandwidth cap, e.g. 50 MiB/s on weekdays from 08:00 to 18:00 so that a migration does not
 * compete with office traffic. While a window applies, each destination receives at most the lower of the
 * window's limit and its dataset's {@code bandwidthLimit}; when windows overlap, the lowest limit wins.
 *
 * <p>A window never spans midnight: write two windows (e.g. 22:00-24:00 and 00:00-06:00) for a night.
 *
 * @param days the days on which the window applies, never empty
 * @param from start time, inclusive
 * @param to end time, exclusive; {@link LocalTime#MAX} stands for {@code 24:00}
 * @param limit the cap, never {@link BandwidthLimit#UNLIMITED}
 * @param zone the time zone {@code from} and {@code to} are read in
 */
public record BandwidthWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, BandwidthLimit limit, ZoneId zone) {

    /**
     * @throws IllegalArgumentException if {@code days} is empty, {@code from} is not before {@code to}, or the
     *     limit is unlimited
     * @throws NullPointerException if any component is null
     */
    public BandwidthWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(zone, "zone");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a bandwidth window needs at least one day");
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException(
                    "a bandwidth window must start before it ends, got " + from + " to " + to);
        }
        if (limit.isUnlimited()) {
            throw new IllegalArgumentException("a bandwidth window needs a finite limit");
        }
    }

    /** Whether the window applies at {@code instant}, read in {@link #zone()}. */
    public boolean appliesAt(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }
}
