package io.meshlift.agent.peer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Optional;

import com.google.protobuf.UnsafeByteOperations;
import org.jboss.logging.Logger;

import io.meshlift.agent.swarm.LocalChunks;
import io.meshlift.agent.swarm.ReceivingDataset;
import io.meshlift.agent.swarm.ReceivingDataset.HeldFile;
import io.meshlift.core.digest.Sha256;
import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.manifest.PartialFiles;
import io.meshlift.core.path.RelativePath;
import io.meshlift.proto.peer.v1.ChunkError;
import io.meshlift.proto.peer.v1.ChunkRequest;
import io.meshlift.proto.peer.v1.ChunkResponse;

/**
 * Serves chunks of a dataset this agent is still receiving, to the rest of its swarm. Only chunks the
 * pull has verified are served: from the part file while the file is in progress, from the final file
 * once it is complete. The bytes are hashed again and sent only if they equal the digest the requester
 * expects, so whatever happens to the disk in between, this agent never passes on a corrupt chunk.
 */
final class ReceivingChunkReader {

    private static final Logger LOG = Logger.getLogger(ReceivingChunkReader.class);

    private final SourceDatasets datasets;
    private final LocalChunks local;

    ReceivingChunkReader(SourceDatasets datasets, LocalChunks local) {
        this.datasets = datasets;
        this.local = local;
    }

    /** The dataset the request names, if this agent is receiving it now. */
    Optional<ReceivingDataset> receiving(ChunkRequest request) {
        return local.receiving(
                request.getDataset().getVolume(),
                RelativePath.parseOrRoot(request.getDataset().getPath()));
    }

    /** Reads, re-verifies and answers one chunk of {@code held}; path errors are left to the caller. */
    ChunkResponse read(ChunkRequest request, ReceivingDataset held, ChunkResponse.Builder response) throws IOException {
        RelativePath file = RelativePath.parse(request.getPath());
        int index = request.getChunkIndex();
        Optional<HeldFile> state = held.file(file);
        if (state.isEmpty()
                || state.get().size() != request.getFileSize()
                || state.get().chunkSize() != request.getChunkSize()
                || !state.get().verified(index)) {
            return notHeld(response, "chunk " + index + " of '" + file + "' is not verified on this agent yet");
        }
        ChunkLayout layout = new ChunkLayout(state.get().chunkSize());
        if (index >= layout.chunkCount(state.get().size())) {
            return response.setError(ChunkError.newBuilder()
                            .setCode(ChunkError.Code.CODE_INVALID)
                            .setMessage("chunk " + index + " is past the end of '" + file + "'"))
                    .build();
        }
        String onDisk = state.get().complete() ? file.toString() : partOf(file).toString();
        byte[] bytes = new byte[layout.length(state.get().size(), index)];
        try (FileChannel channel = datasets.openFile(request.getDataset(), onDisk)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = layout.offset(index);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    return notHeld(response, "'" + file + "' ended before chunk " + index + " on this agent");
                }
            }
        }
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes);
        if (!MessageDigest.isEqual(digest.digest(), request.getExpectedDigest().toByteArray())) {
            LOG.warnf("chunk %d of '%s' no longer matches the digest it was verified with; not served", index, file);
            return notHeld(response, "chunk " + index + " of '" + file + "' does not match the expected digest here");
        }
        return response.setData(UnsafeByteOperations.unsafeWrap(bytes)).build();
    }

    private static RelativePath partOf(RelativePath file) {
        return file.parent().resolve(PartialFiles.partName(file.fileName()));
    }

    private static ChunkResponse notHeld(ChunkResponse.Builder response, String why) {
        return response.setError(ChunkError.newBuilder()
                        .setCode(ChunkError.Code.CODE_NOT_FOUND)
                        .setMessage(why))
                .build();
    }
}
