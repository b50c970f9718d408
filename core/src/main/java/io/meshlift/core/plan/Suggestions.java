package io.meshlift.core.plan;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt field names, modes, days and agents: the closest candidate, if close enough. */
final class Suggestions {

    // Past this length the input is not a typo of a short name; also bounds the quadratic distance.
    private static final int MAX_INPUT = 64;

    private Suggestions() {}

    /**
     * The candidate closest to {@code input}, ignoring case, if it is within 1 edit for short names or 2 edits
     * for names of 5 or more characters; ties go to the earlier candidate. Failing that, a candidate that is a
     * prefix of the input, or the other way round, so that {@code thurs} and {@code monday} find {@code thu} and
     * {@code mon}.
     */
    static Optional<String> closest(String input, Collection<String> candidates) {
        if (input == null || input.isEmpty() || input.length() > MAX_INPUT) {
            return Optional.empty();
        }
        String needle = input.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(input) || candidate.length() > MAX_INPUT) {
                continue;
            }
            int distance = distance(needle, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.min(input.length(), best == null ? 0 : best.length()) >= 5 ? 2 : 1;
        if (bestDistance <= allowed) {
            return Optional.of(best);
        }
        if (needle.length() < 2) {
            return Optional.empty();
        }
        return candidates.stream()
                .filter(c -> {
                    String candidate = c.toLowerCase(Locale.ROOT);
                    return candidate.length() >= 2 && (needle.startsWith(candidate) || candidate.startsWith(needle));
                })
                .findFirst();
    }

    /** " did you mean 'x'?" or the empty string, for appending to a message. */
    static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(s -> " Did you mean '" + s + "'?").orElse("");
    }

    /** Optimal string alignment distance: Levenshtein plus swapping two adjacent letters as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
