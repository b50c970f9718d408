package io.meshlift.core.grant;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.meshlift.core.grant.GrantRefusedException.Reason;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

/**
 * The protobuf wire form of grant.proto's {@code PeerGrant} and {@code SignedGrant}, by hand: core may not
 * use generated types. Writing follows protobuf-java (field order, defaults omitted); reading is strict —
 * unknown, repeated or mistyped fields are refused — so one byte string has one meaning.
 */
final class GrantEncoding {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    // PeerGrant field numbers
    private static final int JOB_ID = 1;
    private static final int ASSIGNMENT_ID = 2;
    private static final int DATASET = 3;
    private static final int SOURCE_AGENT = 4;
    private static final int SOURCE_VOLUME = 5;
    private static final int SOURCE_PATH = 6;
    private static final int REQUESTER_AGENT = 7;
    private static final int ISSUED_AT = 8;
    private static final int EXPIRES_AT = 9;
    private static final Set<Integer> GRANT_VARINTS = Set.of(ISSUED_AT, EXPIRES_AT);

    // SignedGrant field numbers
    private static final int GRANT = 1;
    private static final int SIGNATURE = 2;
    private static final int KEY_ID = 3;

    private GrantEncoding() {}

    static byte[] encode(PeerGrant grant) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        string(out, JOB_ID, grant.jobId());
        string(out, ASSIGNMENT_ID, grant.assignmentId());
        string(out, DATASET, grant.dataset());
        string(out, SOURCE_AGENT, grant.sourceAgent().value());
        string(out, SOURCE_VOLUME, grant.sourceVolume());
        string(out, SOURCE_PATH, grant.sourcePrefix().toString());
        string(out, REQUESTER_AGENT, grant.requester().value());
        int64(out, ISSUED_AT, grant.issuedAt().toEpochMilli());
        int64(out, EXPIRES_AT, grant.expiresAt().toEpochMilli());
        return out.toByteArray();
    }

    static PeerGrant decode(byte[] bytes) {
        Map<Integer, Object> fields = read(bytes, "grant", GRANT_VARINTS, 9);
        try {
            return new PeerGrant(
                    text(fields, JOB_ID),
                    text(fields, ASSIGNMENT_ID),
                    text(fields, DATASET),
                    AgentId.of(text(fields, SOURCE_AGENT)),
                    text(fields, SOURCE_VOLUME),
                    RelativePath.parseOrRoot(text(fields, SOURCE_PATH)),
                    AgentId.of(text(fields, REQUESTER_AGENT)),
                    Instant.ofEpochMilli((Long) fields.getOrDefault(ISSUED_AT, 0L)),
                    Instant.ofEpochMilli((Long) fields.getOrDefault(EXPIRES_AT, 0L)));
        } catch (RuntimeException e) {
            throw malformed("grant fields are invalid: " + e.getMessage());
        }
    }

    static byte[] encodeSigned(SignedGrant signed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(signed.grant().length + 128);
        bytes(out, GRANT, signed.grant());
        bytes(out, SIGNATURE, signed.signature());
        string(out, KEY_ID, signed.keyId());
        return out.toByteArray();
    }

    static SignedGrant decodeSigned(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new GrantRefusedException(Reason.MISSING, "no grant was presented");
        }
        if (bytes.length > SignedGrant.MAX_ENCODED_BYTES) {
            throw malformed("grant is " + bytes.length + " bytes, more than " + SignedGrant.MAX_ENCODED_BYTES);
        }
        Map<Integer, Object> fields = read(bytes, "signed grant", Set.of(), 3);
        byte[] grant = (byte[]) fields.getOrDefault(GRANT, new byte[0]);
        byte[] signature = (byte[]) fields.getOrDefault(SIGNATURE, new byte[0]);
        if (grant.length == 0 || signature.length == 0) {
            throw malformed("signed grant lacks the grant or the signature");
        }
        return new SignedGrant(grant, signature, text(fields, KEY_ID));
    }

    /**
     * Reads a flat message whose fields are 1..{@code maxField}: those in {@code varints} are varints, all
     * others length-delimited (kept as bytes).
     */
    private static Map<Integer, Object> read(byte[] bytes, String what, Set<Integer> varints, int maxField) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Map<Integer, Object> fields = new HashMap<>();
        while (in.hasRemaining()) {
            long key = varint(in, what);
            long number = key >>> 3;
            int type = (int) (key & 7);
            if (number < 1 || number > maxField) {
                throw malformed(what + " has unknown field " + number);
            }
            int field = (int) number;
            boolean isVarint = varints.contains(field);
            if (type != (isVarint ? VARINT : LENGTH_DELIMITED)) {
                throw malformed(what + " field " + field + " has wire type " + type);
            }
            Object value;
            if (isVarint) {
                value = varint(in, what);
            } else {
                long length = varint(in, what);
                if (length < 0 || length > in.remaining()) {
                    throw malformed(what + " field " + field + " runs past the end");
                }
                byte[] content = new byte[(int) length];
                in.get(content);
                value = content;
            }
            if (fields.put(field, value) != null) {
                throw malformed(what + " repeats field " + field);
            }
        }
        return fields;
    }

    private static long varint(ByteBuffer in, String what) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw malformed(what + " ends inside a number");
            }
            byte b = in.get();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw malformed(what + " has a number longer than 10 bytes");
    }

    private static String text(Map<Integer, Object> fields, int field) {
        byte[] raw = (byte[]) fields.getOrDefault(field, new byte[0]);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("field " + field + " is not UTF-8");
        }
    }

    private static void string(ByteArrayOutputStream out, int field, String value) {
        if (!value.isEmpty()) {
            bytes(out, field, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] value) {
        if (value.length > 0) {
            writeVarint(out, ((long) field << 3) | LENGTH_DELIMITED);
            writeVarint(out, value.length);
            out.writeBytes(value);
        }
    }

    private static void int64(ByteArrayOutputStream out, int field, long value) {
        if (value != 0) {
            writeVarint(out, ((long) field << 3) | VARINT);
            writeVarint(out, value);
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static GrantRefusedException malformed(String message) {
        return new GrantRefusedException(Reason.MALFORMED, message);
    }
}
