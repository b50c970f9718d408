package io.meshlift.coordinator.survey;

import java.util.List;

/** One dataset of a plan to count on its source agent. */
public record SurveyTarget(
        String dataset, String agent, String volume, String path, List<String> include, List<String> exclude) {

    public SurveyTarget {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    String where() {
        return agent + ":" + volume + ":" + path;
    }
}
