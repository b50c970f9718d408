package io.meshlift.agent.admin;

import java.io.IOException;
import java.util.List;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.meshlift.agent.peer.PeerCounters;
import io.meshlift.agent.transfer.PullProgress;
import io.meshlift.agent.transfer.PullService;
import io.meshlift.agent.transfer.PullSpec;

/**
 * Local administration of pulls, reachable from this host only (see {@link LoopbackOnlyFilter}).
 * It lets an operator or a script start a pull without a coordinator; the coordinator's control
 * channel drives the same {@link PullService}.
 */
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PullResource {

    private final PullService pulls;
    private final PeerCounters served;

    PullResource(PullService pulls, PeerCounters served) {
        this.pulls = pulls;
        this.served = served;
    }

    @POST
    @Path("/pulls")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(PullSpec spec) throws IOException {
        if (spec == null) {
            throw new io.meshlift.agent.transfer.InvalidPullSpecException(
                    List.of("body: a JSON pull spec is required"));
        }
        PullProgress progress = pulls.start(spec);
        return Response.accepted(progress).build();
    }

    @GET
    @Path("/pulls")
    public List<PullProgress> list() {
        return pulls.list();
    }

    @GET
    @Path("/pulls/{id}")
    public PullProgress get(@PathParam("id") String id) {
        return pulls.get(id);
    }

    @DELETE
    @Path("/pulls/{id}")
    public PullProgress cancel(@PathParam("id") String id) {
        return pulls.cancel(id);
    }

    /** What this agent has served to peers since it started. */
    @GET
    @Path("/served")
    public Served served() {
        return new Served(served.manifestsServed(), served.chunksServed(), served.bytesServed());
    }

    public record Served(long manifests, long chunks, long bytes) {}
}
