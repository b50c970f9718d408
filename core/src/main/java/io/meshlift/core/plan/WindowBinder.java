package io.meshlift.core.plan;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one entry of {@code spec.bandwidthWindows}. */
final class WindowBinder {

    static final List<String> KEYS = List.of("days", "from", "to", "limit", "timeZone");

    /** Index {@code i} is {@code DayOfWeek.of(i + 1)}. */
    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private static final Pattern TIME = Pattern.compile("([0-9]{1,2}):([0-9]{2})");

    private WindowBinder() {}

    static Optional<BandwidthWindow> read(YamlNode node, int index, Binding b) {
        String path = FieldPath.index("spec.bandwidthWindows", index);
        Optional<Fields> maybeFields = b.fields(node, path, KEYS);
        if (maybeFields.isEmpty()) {
            return Optional.empty();
        }
        Fields f = maybeFields.get();
        Optional<Set<DayOfWeek>> days = f.optional("days").isEmpty()
                ? Optional.of(EnumSet.allOf(DayOfWeek.class))
                : b.list(f.optional("days").get(), f.child("days")).flatMap(items -> days(items, f, b));
        Optional<LocalTime> from = f.required("from", "write the start as HH:MM, e.g. from: \"08:00\"")
                .flatMap(n -> b.convert(n, f.child("from"), text -> time(text, false)));
        Optional<LocalTime> to = f.required("to", "write the end as HH:MM, e.g. to: \"18:00\"")
                .flatMap(n -> b.convert(n, f.child("to"), text -> time(text, true)));
        Optional<BandwidthLimit> limit = f.required("limit", "write the cap, e.g. limit: 50MiB/s")
                .flatMap(n -> SettingsBinder.bandwidthLimit(n, f.child("limit"), b));
        if (limit.isPresent() && limit.get().isUnlimited()) {
            b.error(
                    f.optional("limit").orElseThrow().position(),
                    f.child("limit"),
                    "a window needs a finite limit"
                            + " such as 50MiB/s; remove the window instead of making it unlimited");
            limit = Optional.empty();
        }
        Optional<ZoneId> zone = f.optional("timeZone").isEmpty()
                ? Optional.of(ZoneOffset.UTC)
                : b.convert(f.optional("timeZone").get(), f.child("timeZone"), WindowBinder::zone);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            b.error(
                    f.optional("to").orElseThrow().position(),
                    f.child("to"),
                    "the window ends at "
                            + render(to.get()) + ", not after it starts at " + render(from.get()) + "; a window cannot"
                            + " span midnight, so split it in two (e.g. 22:00-24:00 and 00:00-06:00)");
            return Optional.empty();
        }
        if (days.isEmpty() || from.isEmpty() || to.isEmpty() || limit.isEmpty() || zone.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BandwidthWindow(days.get(), from.get(), to.get(), limit.get(), zone.get()));
    }

    private static Optional<Set<DayOfWeek>> days(List<YamlNode> items, Fields f, Binding b) {
        if (items.isEmpty()) {
            b.error(
                    f.optional("days").orElseThrow().position(),
                    f.child("days"),
                    "no day; list days such as [mon, tue] or leave 'days' out to mean every day");
            return Optional.empty();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String itemPath = FieldPath.index(f.child("days"), i);
            Optional<DayOfWeek> day = b.convert(items.get(i), itemPath, WindowBinder::day);
            if (day.isPresent() && !days.add(day.get())) {
                b.error(
                        items.get(i).position(),
                        itemPath,
                        "day '" + DAYS.get(day.get().ordinal()) + "' is listed twice");
                ok = false;
            }
            ok &= day.isPresent();
        }
        return ok ? Optional.of(days) : Optional.empty();
    }

    private static DayOfWeek day(String text) {
        int index = DAYS.indexOf(text);
        if (index < 0) {
            throw new IllegalArgumentException("unknown day " + PlanText.quote(text) + "."
                    + Suggestions.didYouMean(text, DAYS) + " Use " + String.join(", ", DAYS));
        }
        return DayOfWeek.of(index + 1);
    }

    /** {@code HH:MM}, 00:00 to 23:59; {@code 24:00} only as an end, meaning the end of the day. */
    private static LocalTime time(String text, boolean end) {
        Matcher m = TIME.matcher(text);
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            if (end && hour == 24 && minute == 0) {
                return LocalTime.MAX;
            }
            if (hour < 24 && minute < 60) {
                return LocalTime.of(hour, minute);
            }
        }
        throw new IllegalArgumentException("time " + PlanText.quote(text) + " is not HH:MM between 00:00 and "
                + (end ? "24:00" : "23:59") + ", e.g. \"08:00\"");
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone " + PlanText.quote(text)
                    + "; use a region such as Europe/Paris or an offset such as UTC or +02:00");
        }
    }

    private static String render(LocalTime time) {
        return time.equals(LocalTime.MAX) ? "24:00" : time.toString();
    }
}
