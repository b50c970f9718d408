package io.meshlift.coordinator.api;

/** Bean Validation patterns shared by the REST resources. */
public final class ApiPatterns {

    /** A UUID in its canonical textual form, any case. */
    public static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private ApiPatterns() {}
}
