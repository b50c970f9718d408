package io.meshlift.coordinator.enrollment;

/** Enrollment cannot run on this coordinator now: the mesh CA or Keycloak is not configured or not reachable. */
public class EnrollmentUnavailableException extends RuntimeException {

    public EnrollmentUnavailableException(String message) {
        super(message);
    }

    public EnrollmentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
