package io.meshlift.core.grant;

import org.junit.jupiter.api.Test;

import static io.meshlift.core.grant.GrantFixtures.grant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantEncodingTest {

    @Test
    void roundTripsAGrant() {
        assertThat(GrantEncoding.decode(GrantEncoding.encode(grant()))).isEqualTo(grant());
    }

    @Test
    void encodingIsDeterministic() {
        assertThat(GrantEncoding.encode(grant())).isEqualTo(GrantEncoding.encode(grant()));
    }

    @Test
    void roundTripsASignedGrant() {
        SignedGrant signed = new GrantSigner(GrantKeys.generate()).sign(grant());

        assertThat(SignedGrant.decode(signed.encode())).isEqualTo(signed);
    }

    @Test
    void refusesRepeatedFields() {
        byte[] once = GrantEncoding.encode(grant());
        byte[] twice = new byte[once.length * 2];
        System.arraycopy(once, 0, twice, 0, once.length);
        System.arraycopy(once, 0, twice, once.length, once.length);

        assertThatThrownBy(() -> GrantEncoding.decode(twice))
                .isInstanceOf(GrantRefusedException.class)
                .hasMessageContaining("repeats field");
    }

    @Test
    void refusesWrongWireTypesAndTruncation() {
        assertThatThrownBy(() -> GrantEncoding.decode(new byte[] {0x08, 0x01})) // field 1 as varint
                .hasMessageContaining("wire type");
        assertThatThrownBy(() -> GrantEncoding.decode(new byte[] {0x0a, 0x05, 'a'}))
                .hasMessageContaining("past the end");
        assertThatThrownBy(() -> GrantEncoding.decode(new byte[] {0x40, (byte) 0x80}))
                .hasMessageContaining("inside a number");
    }

    @Test
    void refusesAGrantWithoutRequiredFields() {
        assertThatThrownBy(() -> GrantEncoding.decode(new byte[0]))
                .isInstanceOf(GrantRefusedException.class)
                .hasMessageContaining("invalid");
    }
}
