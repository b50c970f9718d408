package io.meshlift.coordinator.survey;

/**
 * A source agent answered that it cannot survey a dataset: unknown volume, a path that leaves the volume or
 * does not exist, a pattern it cannot compile. The plan names something the source does not have; the API
 * answers 422.
 */
public class SurveyFailedException extends RuntimeException {

    SurveyFailedException(String agent, String dataset, String where, String reason) {
        super("source agent " + agent + " cannot survey dataset '" + dataset + "' (" + where + "): " + reason);
    }
}
