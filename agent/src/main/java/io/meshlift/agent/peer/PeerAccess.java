package io.meshlift.agent.peer;

import java.util.Optional;

import io.meshlift.core.grant.GrantRefusedException;
import io.meshlift.core.grant.GrantRefusedException.Reason;
import io.meshlift.core.grant.PeerGrant;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.RelativePath;

/** What one peer call may read, decided once when the call starts (see {@link PeerGrantInterceptor}). */
abstract class PeerAccess {

    /**
     * Parses {@code rawPath} and checks the call may read it (and below) in {@code volume}.
     *
     * @throws GrantRefusedException if not allowed; a call without a valid grant is refused before its path
     *     is even parsed, and a grant holder sending a path that does not parse is refused too
     * @throws PathRejectedException in mesh mode, for a path that does not parse
     */
    abstract RelativePath require(String volume, String rawPath);

    /** The call's grant, when it was authentic. */
    abstract Optional<PeerGrant> grant();

    /** {@code agent.peer.authorization=mesh}: the mesh certificate alone suffices. */
    static PeerAccess mesh() {
        return new PeerAccess() {
            @Override
            RelativePath require(String volume, String rawPath) {
                return RelativePath.parseOrRoot(rawPath);
            }

            @Override
            Optional<PeerGrant> grant() {
                return Optional.empty();
            }
        };
    }

    /** A verified grant: exactly its volume and prefix, compared name by name. */
    static PeerAccess granted(PeerGrant grant) {
        return new PeerAccess() {
            @Override
            RelativePath require(String volume, String rawPath) {
                RelativePath path;
                try {
                    path = RelativePath.parseOrRoot(rawPath);
                } catch (PathRejectedException e) {
                    throw new GrantRefusedException(
                            Reason.OUTSIDE_GRANT,
                            "path '" + rawPath + "' is not a confined relative path (" + e.getMessage()
                                    + "); the grant covers only paths under its prefix",
                            grant);
                }
                grant.requireCovers(volume, path);
                return path;
            }

            @Override
            Optional<PeerGrant> grant() {
                return Optional.of(grant);
            }
        };
    }

    /** No valid grant: every request of the call is refused for the same reason. */
    static PeerAccess refused(GrantRefusedException refusal) {
        return new PeerAccess() {
            @Override
            RelativePath require(String volume, String rawPath) {
                throw new GrantRefusedException(
                        refusal.reason(), refusal.getMessage(), refusal.grant().orElse(null));
            }

            @Override
            Optional<PeerGrant> grant() {
                return refusal.grant();
            }
        };
    }

    /** The access of the current gRPC call; none at all (no interceptor ran) is a refusal. */
    static PeerAccess current() {
        PeerAccess access = PeerGrantInterceptor.ACCESS.get();
        return access != null
                ? access
                : refused(new GrantRefusedException(Reason.MISSING, "no authorization decision for this call"));
    }
}
