package io.meshlift.agent.wire;

import java.time.Instant;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import io.meshlift.core.grant.GrantKeys;
import io.meshlift.core.grant.GrantSigner;
import io.meshlift.core.grant.PeerGrant;
import io.meshlift.core.grant.SignedGrant;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core writes grants by hand (it may not use generated types); this checks its bytes are exactly what
 * grant.proto's generated classes read and write, so the .proto stays the one definition of the format.
 */
class GrantWireTest {

    private final GrantSigner signer = new GrantSigner(GrantKeys.generate());
    private final PeerGrant grant = new PeerGrant(
            "job-7",
            "job-7/2",
            "photos",
            AgentId.of("src"),
            "data",
            RelativePath.parse("photos/2026 été"),
            AgentId.of("dst"),
            Instant.ofEpochMilli(1_790_000_000_000L),
            Instant.ofEpochMilli(1_790_003_600_000L));

    @Test
    void coreEncodingIsTheGeneratedPeerGrantByteForByte() throws Exception {
        SignedGrant signed = signer.sign(grant);

        var wire = io.meshlift.proto.grant.v1.PeerGrant.parseFrom(signed.grant());

        assertThat(wire.getJobId()).isEqualTo("job-7");
        assertThat(wire.getAssignmentId()).isEqualTo("job-7/2");
        assertThat(wire.getDataset()).isEqualTo("photos");
        assertThat(wire.getSourceAgent()).isEqualTo("src");
        assertThat(wire.getSourceVolume()).isEqualTo("data");
        assertThat(wire.getSourcePath()).isEqualTo("photos/2026 été");
        assertThat(wire.getRequesterAgent()).isEqualTo("dst");
        assertThat(wire.getIssuedAtEpochMs()).isEqualTo(1_790_000_000_000L);
        assertThat(wire.getExpiresAtEpochMs()).isEqualTo(1_790_003_600_000L);
        assertThat(wire.toByteArray()).isEqualTo(signed.grant());
    }

    @Test
    void coreEncodingIsTheGeneratedSignedGrantByteForByte() throws Exception {
        SignedGrant signed = signer.sign(grant);

        var wire = io.meshlift.proto.grant.v1.SignedGrant.parseFrom(signed.encode());

        assertThat(wire.getGrant().toByteArray()).isEqualTo(signed.grant());
        assertThat(wire.getSignature().toByteArray()).isEqualTo(signed.signature());
        assertThat(wire.getKeyId()).isEqualTo(signer.keyId());
        assertThat(wire.toByteArray()).isEqualTo(signed.encode());
    }

    @Test
    void coreReadsWhatTheGeneratedClassesWrite() {
        SignedGrant signed = signer.sign(grant);
        byte[] generated = io.meshlift.proto.grant.v1.SignedGrant.newBuilder()
                .setGrant(ByteString.copyFrom(signed.grant()))
                .setSignature(ByteString.copyFrom(signed.signature()))
                .setKeyId(signed.keyId())
                .build()
                .toByteArray();

        assertThat(SignedGrant.decode(generated)).isEqualTo(signed);
    }
}
