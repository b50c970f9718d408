package io.meshlift.agent.peer;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.jboss.logging.Logger;

import io.meshlift.agent.wire.InvalidWireMessageException;
import io.meshlift.core.grant.GrantRefusedException;
import io.meshlift.core.manifest.FileChangedException;
import io.meshlift.core.path.PathEscapeException;
import io.meshlift.core.path.PathNotFoundException;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.UnknownVolumeException;

/** The one place domain exceptions become gRPC statuses. Clients never see a stack trace. */
final class GrpcErrors {

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {}

    static Status toStatus(Throwable error) {
        if (error instanceof StatusRuntimeException sre) {
            return sre.getStatus();
        }
        if (error instanceof InvalidWireMessageException) {
            return Status.INVALID_ARGUMENT.withDescription(error.getMessage());
        }
        if (error instanceof GrantRefusedException refused) {
            return Status.PERMISSION_DENIED.withDescription(
                    "refused (" + refused.reason() + "): " + refused.getMessage());
        }
        if (error instanceof PathEscapeException) {
            return Status.PERMISSION_DENIED.withDescription(error.getMessage());
        }
        if (error instanceof PathRejectedException) {
            return Status.INVALID_ARGUMENT.withDescription(error.getMessage());
        }
        if (error instanceof PathNotFoundException
                || error instanceof UnknownVolumeException
                || error instanceof NoSuchFileException) {
            return Status.NOT_FOUND.withDescription(error.getMessage());
        }
        if (error instanceof FileChangedException) {
            return Status.FAILED_PRECONDITION.withDescription(error.getMessage());
        }
        if (error instanceof IOException) {
            return Status.UNAVAILABLE.withDescription("I/O error on the serving agent: " + error.getMessage());
        }
        if (error instanceof InterruptedException) {
            return Status.UNAVAILABLE.withDescription("the serving agent is shutting down");
        }
        return Status.INTERNAL.withDescription("internal error on the serving agent");
    }

    /** Closes the call with the mapped status; unexpected errors are logged here, once. */
    static void close(StreamObserver<?> call, Throwable error, String what) {
        Status status = toStatus(error);
        if (status.getCode() == Status.Code.INTERNAL) {
            LOG.errorf(error, "failed serving %s", what);
        } else if (status.getCode() != Status.Code.CANCELLED) {
            LOG.debugf("refused %s: %s", what, status);
        }
        try {
            call.onError(status.asRuntimeException());
        } catch (IllegalStateException alreadyClosed) {
            LOG.tracef("call for %s was already closed", what);
        }
    }
}
