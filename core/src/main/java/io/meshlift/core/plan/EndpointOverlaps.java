package io.meshlift.core.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds endpoints that would write into each other. Every conflict involves a destination, since reading the
 * same tree twice is harmless:
 *
 * <ul>
 *   <li>a destination equal to, inside, or containing its own dataset's source (the copy would copy itself, or
 *       overwrite its source);
 *   <li>two destinations of one dataset that are equal or nested;
 *   <li>a destination of one dataset overlapping any endpoint of another: the datasets of a plan run at the
 *       same time, so one would write into (or, with {@code deleteExtraneous}, delete from) the other's tree.
 * </ul>
 *
 * <p>Each endpoint gets at most one error, at the later of the two in source order (for a source/destination
 * pair of one dataset, at the destination).
 *
 * <p>How: per agent and volume, the distinct paths are sorted so that every path's descendants follow it
 * contiguously ({@code /} sorts before any other character), which yields each path's nearest ancestor in one
 * stack sweep and its descendants' earliest endpoints in one backward pass. Time is O(n log n) comparisons plus
 * the ancestor chains, memory O(n) in the number of endpoints: a hostile plan with thousands of deep paths
 * cannot make it quadratic in the document size, as indexing every ancestor of every path would.
 */
final class EndpointOverlaps {

    private final PlanPositions positions;
    private final ErrorSink errors;

    private EndpointOverlaps(PlanPositions positions, ErrorSink errors) {
        this.positions = positions;
        this.errors = errors;
    }

    static void check(List<DatasetEndpoints> datasets, PlanPositions positions, ErrorSink errors) {
        new EndpointOverlaps(positions, errors).run(datasets);
    }

    private void run(List<DatasetEndpoints> datasets) {
        List<Ref> refs = refsInSourceOrder(datasets);
        Map<String, List<Ref>> byVolume = new HashMap<>();
        for (Ref ref : refs) {
            // NUL occurs in neither an agent id nor a volume name, so the key is unambiguous.
            byVolume.computeIfAbsent(
                            ref.endpoint().agent() + "\0" + ref.endpoint().volume(), k -> new ArrayList<>())
                    .add(ref);
        }
        String[] conflicts = new String[refs.size()];
        byVolume.values().forEach(volumeRefs -> findConflicts(volumeRefs, conflicts));
        for (Ref ref : refs) {
            Optional<String> own = ref.isSource() ? Optional.empty() : againstOwnSource(ref);
            own.or(() -> Optional.ofNullable(conflicts[ref.order()]))
                    .ifPresent(message -> errors.add(ref.at(), ref.path(), message));
        }
    }

    private List<Ref> refsInSourceOrder(List<DatasetEndpoints> datasets) {
        List<Ref> refs = new ArrayList<>();
        for (DatasetEndpoints dataset : datasets) {
            if (dataset.source() != null) {
                refs.add(new Ref(
                        dataset, -1, dataset.source(), dataset.sourcePath(), positions.of(dataset.sourcePath()), 0));
            }
            for (int i = 0; i < dataset.destinations().size(); i++) {
                Endpoint destination = dataset.destinations().get(i);
                if (destination != null) {
                    String path = dataset.destinationPath(i);
                    refs.add(new Ref(dataset, i, destination, path, positions.of(path), 0));
                }
            }
        }
        // Source order decides which of two clashing entries is reported (the later); stable for plans without
        // positions, which are then in plan order.
        refs.sort(Comparator.comparingInt((Ref r) -> r.at().line()).thenComparingInt(r -> r.at().column()));
        List<Ref> ordered = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            Ref r = refs.get(i);
            ordered.add(new Ref(r.dataset(), r.destination(), r.endpoint(), r.path(), r.at(), i));
        }
        return ordered;
    }

    /** Fills {@code conflicts[ref.order()]} for endpoints of one agent and volume that clash with an earlier one. */
    private void findConflicts(List<Ref> refs, String[] conflicts) {
        List<PathNode> nodes = PathNode.tree(refs);
        for (PathNode node : nodes) {
            for (Ref ref : node.refs) {
                earlierClash(ref, node).ifPresent(clash -> conflicts[ref.order()] = message(ref, clash));
            }
        }
    }

    /** An earlier endpoint this one clashes with and how they relate; the clearest relation first. */
    private static Optional<Clash> earlierClash(Ref ref, PathNode node) {
        // Destinations clash with everything; sources only with destinations.
        for (boolean destinations : ref.isSource() ? new boolean[] {true} : new boolean[] {true, false}) {
            Optional<Ref> same = earlier(ref, destinations ? node.destinationsAt : node.sourcesAt);
            if (same.isPresent()) {
                return Optional.of(new Clash(same.get(), "is the same as"));
            }
            for (PathNode ancestor = node.parent; ancestor != null; ancestor = ancestor.parent) {
                Optional<Ref> above = earlier(ref, destinations ? ancestor.destinationsAt : ancestor.sourcesAt);
                if (above.isPresent()) {
                    return Optional.of(new Clash(above.get(), "lies inside"));
                }
            }
            Optional<Ref> below = earlier(ref, destinations ? node.destinationsBelow : node.sourcesBelow);
            if (below.isPresent()) {
                return Optional.of(new Clash(below.get(), "contains"));
            }
        }
        return Optional.empty();
    }

    /**
     * The earliest endpoint in {@code candidates} that clashes with {@code ref}, if it comes before {@code ref}.
     * Skipped: {@code ref} itself, and a source and a destination of one dataset, which {@link
     * #againstOwnSource} reports at the destination whatever their order.
     */
    private static Optional<Ref> earlier(Ref ref, EarliestRefs candidates) {
        boolean otherDatasetOnly = ref.isSource() || candidates.holdsSources();
        Ref candidate = otherDatasetOnly ? candidates.earliestNotOf(ref.dataset()) : candidates.earliestOtherThan(ref);
        return candidate != null && candidate.order() < ref.order() ? Optional.of(candidate) : Optional.empty();
    }

    private static Optional<String> againstOwnSource(Ref destination) {
        Endpoint source = destination.dataset().source();
        Endpoint target = destination.endpoint();
        if (source == null) {
            return Optional.empty();
        }
        if (target.equals(source)) {
            return Optional.of("destination " + render(target) + " is the dataset's own source; a dataset cannot be"
                    + " copied onto itself: change the agent, volume or path");
        }
        if (source.contains(target)) {
            return Optional.of("destination " + render(target) + " lies inside the dataset's own source "
                    + render(source) + ", so every pass would copy the copy into itself; choose a path outside the"
                    + " source");
        }
        if (target.contains(source)) {
            return Optional.of("destination " + render(target) + " contains the dataset's own source "
                    + render(source) + ", so writing it would overwrite the source; choose a path that does not"
                    + " contain it");
        }
        return Optional.empty();
    }

    private String message(Ref ref, Clash clash) {
        Ref other = clash.other();
        String e = render(ref.endpoint());
        String o = render(other.endpoint());
        if (ref.dataset() == other.dataset()) {
            // Only two destinations of one dataset get here.
            return clash.relation().equals("is the same as")
                    ? "destination " + e + " is listed twice (also at " + where(other) + "); remove one"
                    : "destination " + e + " " + clash.relation() + " destination " + o + " of the same dataset ("
                            + where(other) + "), so the two copies would mix; use separate paths";
        }
        String otherName = other.dataset().name() == null
                ? ""
                : " of dataset '" + other.dataset().name() + "'";
        return (ref.isSource() ? "source " : "destination ") + e + " " + clash.relation()
                + (other.isSource() ? " the source " : " the destination ") + o + otherName + " (" + where(other)
                + "); datasets of a plan run at the same time, so one would write into a tree the other reads or"
                + " writes; use separate paths";
    }

    /** Paths may be 4,096 bytes long; a message shows enough of one to recognise it. */
    private static String render(Endpoint endpoint) {
        return PlanText.escape(endpoint.toString(), 100);
    }

    private static String where(Ref ref) {
        return ref.path() + (ref.at().line() > 0 ? ", line " + ref.at().line() : "");
    }

    /** One endpoint; {@code destination} is -1 for the source; {@code order} is its rank in source order. */
    record Ref(DatasetEndpoints dataset, int destination, Endpoint endpoint, String path, Position at, int order) {
        boolean isSource() {
            return destination < 0;
        }
    }

    private record Clash(Ref other, String relation) {}

    /** One distinct path of one agent and volume, with its endpoints and the earliest ones below it. */
    private static final class PathNode {
        final List<Ref> refs = new ArrayList<>();
        final EarliestRefs sourcesAt = new EarliestRefs(true);
        final EarliestRefs destinationsAt = new EarliestRefs(false);
        final EarliestRefs sourcesBelow = new EarliestRefs(true);
        final EarliestRefs destinationsBelow = new EarliestRefs(false);
        PathNode parent; // nearest ancestor that is also an endpoint path

        /** The distinct paths of {@code refs}, each linked to its nearest ancestor, with the "below" sets filled. */
        static List<PathNode> tree(List<Ref> refs) {
            List<Ref> sorted = new ArrayList<>(refs);
            sorted.sort((a, b) -> comparePaths(
                    a.endpoint().path().toString(), b.endpoint().path().toString()));
            List<PathNode> nodes = new ArrayList<>();
            Deque<PathNode> open = new ArrayDeque<>(); // the chain of ancestors of the current path
            Endpoint previous = null;
            for (Ref ref : sorted) {
                if (previous == null || !previous.path().equals(ref.endpoint().path())) {
                    while (!open.isEmpty() && !open.peek().path().contains(ref.endpoint())) {
                        open.pop();
                    }
                    PathNode node = new PathNode();
                    node.parent = open.peek();
                    open.push(node);
                    nodes.add(node);
                }
                PathNode node = nodes.get(nodes.size() - 1);
                node.refs.add(ref);
                (ref.isSource() ? node.sourcesAt : node.destinationsAt).offer(ref);
                previous = ref.endpoint();
            }
            // Children follow their parents, so walking backwards completes each subtree before its parent.
            for (int i = nodes.size() - 1; i >= 0; i--) {
                PathNode node = nodes.get(i);
                if (node.parent != null) {
                    node.parent.sourcesBelow.offerAll(node.sourcesAt, node.sourcesBelow);
                    node.parent.destinationsBelow.offerAll(node.destinationsAt, node.destinationsBelow);
                }
            }
            return nodes;
        }

        Endpoint path() {
            return refs.get(0).endpoint();
        }

        /** String order with '/' below every other character, so that "a/b" sorts between "a" and "a-b". */
        private static int comparePaths(String a, String b) {
            int n = Math.min(a.length(), b.length());
            for (int i = 0; i < n; i++) {
                char ca = a.charAt(i);
                char cb = b.charAt(i);
                if (ca != cb) {
                    return ca == '/' ? -1 : cb == '/' ? 1 : Character.compare(ca, cb);
                }
            }
            return Integer.compare(a.length(), b.length());
        }
    }
}
