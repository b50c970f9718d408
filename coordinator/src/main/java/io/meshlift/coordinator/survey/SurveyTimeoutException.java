package io.meshlift.coordinator.survey;

import java.time.Duration;

/** A source agent did not answer a survey within the dry-run deadline. The API answers 504. */
public class SurveyTimeoutException extends RuntimeException {

    private final String agent;

    SurveyTimeoutException(String agent, String dataset, String where, Duration deadline) {
        super("source agent " + agent + " did not answer the survey of dataset '" + dataset + "' (" + where
                + ") within " + deadline.toSeconds() + " s (coordinator.jobs.dry-run-timeout); a very large"
                + " dataset takes longer to walk, or the agent is overloaded");
        this.agent = agent;
    }

    public String agent() {
        return agent;
    }
}
