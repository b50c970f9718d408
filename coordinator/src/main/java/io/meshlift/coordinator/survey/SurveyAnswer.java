package io.meshlift.coordinator.survey;

import io.meshlift.core.manifest.DatasetSurvey;

/**
 * A source agent's answer to a {@link DatasetSurveyOrder}: the domain form of the protocol's {@code
 * SurveyResult}.
 *
 * @param error why the agent could not survey (unknown volume, path outside the volume or missing, bad
 *     pattern); null when {@code counts} holds the answer
 */
public record SurveyAnswer(String surveyId, DatasetSurvey counts, String error, long elapsedMillis) {

    public boolean failed() {
        return error != null;
    }
}
