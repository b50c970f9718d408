package io.meshlift.coordinator.security;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.meshlift.testkit.keycloak.JwtParts;

/** Tampered copies of real tokens: what an attacker holding one token could try. */
final class ForgedTokens {

    private ForgedTokens() {}

    /** The same header and claims with one character of the signature changed. */
    static String withAlteredSignature(String token) {
        JwtParts parts = JwtParts.of(token);
        char[] signature = parts.signature().toCharArray();
        // The first character carries six full bits of the signature (the last one may only carry padding).
        signature[0] = signature[0] == 'A' ? 'B' : 'A';
        return new JwtParts(parts.header(), parts.payload(), new String(signature)).compact();
    }

    /** The claims rewritten to hold the admin role, under the original (now wrong) signature. */
    static String elevatedToAdmin(String token) {
        JwtParts parts = JwtParts.of(token);
        ObjectNode claims = (ObjectNode) parts.claims();
        ArrayNode roles = ((ObjectNode) claims.with("realm_access")).putArray("roles");
        roles.add("meshlift-admin");
        return new JwtParts(parts.header(), JwtParts.encode(claims.toString()), parts.signature()).compact();
    }

    /** An unsecured JWS ({@code "alg":"none"}, empty signature) with the token's claims. */
    static String unsigned(String token) {
        JwtParts parts = JwtParts.of(token);
        ObjectNode header = (ObjectNode) parts.headerJson();
        header.put("alg", "none");
        return new JwtParts(JwtParts.encode(header.toString()), parts.payload(), "").compact();
    }
}
