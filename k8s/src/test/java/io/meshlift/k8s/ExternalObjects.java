package io.meshlift.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects k8s/README.md documents as created outside the manifests: the rows of its table
 * {@code | Secret | `meshlift-db` | ... |}. Keeping the list in the README means the docs an operator
 * follows are the list the tests hold the manifests to.
 */
final class ExternalObjects {

    private static final Pattern ROW =
            Pattern.compile("^\\|\\s*(Secret|ConfigMap|ServiceAccount)\\s*\\|\\s*`([a-z0-9.-]+)`\\s*\\|");

    private ExternalObjects() {}

    static Set<ObjectReference> documentedIn(Path readme) {
        Set<ObjectReference> external = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(readme)) {
                Matcher row = ROW.matcher(line);
                if (row.find()) {
                    external.add(new ObjectReference(row.group(1), row.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme, e);
        }
        return external;
    }
}
