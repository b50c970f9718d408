package io.meshlift.coordinator.survey;

import java.util.List;

/**
 * What a source agent is asked to count: the domain form of the protocol's {@code SurveyRequest}.
 *
 * @param surveyId chosen by the coordinator, repeated in the answer
 * @param path relative to the volume, '/'-separated; empty for the whole volume
 */
public record DatasetSurveyOrder(
        String surveyId, String volume, String path, List<String> include, List<String> exclude) {

    public DatasetSurveyOrder {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }
}
