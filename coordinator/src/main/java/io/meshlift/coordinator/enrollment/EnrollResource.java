package io.meshlift.coordinator.enrollment;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents enroll here with a one-time token and a CSR. */
@Path("/api/v1/enroll")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "enrollment")
public class EnrollResource {

    private static final String SCHEME = "Enrollment ";

    private final EnrollmentService enrollment;

    EnrollResource(EnrollmentService enrollment) {
        this.enrollment = enrollment;
    }

    @POST
    // No OIDC bearer here: an agent being enrolled has no Keycloak credentials yet. The request is
    // authenticated by the one-time enrollment token (body or 'Authorization: Enrollment <token>'),
    // which EnrollmentService checks and spends before anything is signed or handed out.
    @PermitAll
    @Operation(summary = "Enroll an agent: one-time token + PKCS#10 CSR in, certificate, CA and client credentials out")
    public Enrollment enroll(
            EnrollRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest http) {
        EnrollRequest body = request == null ? new EnrollRequest(null, null, null) : request;
        String remote =
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return enrollment.enroll(body.agentId(), body.csr(), body.token(), headerToken(authorization), remote);
    }

    /** The token of an {@code Authorization: Enrollment <token>} header, null without one. */
    private static String headerToken(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return authorization.substring(SCHEME.length()).trim();
        }
        return null;
    }
}
