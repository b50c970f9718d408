package io.meshlift.coordinator.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sortsKeysAtEveryLevelAndDropsWhitespace() throws Exception {
        JsonNode node = JSON.readTree("{ \"b\": [ 3, {\"z\": null, \"a\": false} ], \"a\": { \"d\": 1, \"c\": -2 } }");

        assertThat(CanonicalJson.write(node))
                .isEqualTo("{\"a\":{\"c\":-2,\"d\":1},\"b\":[3,{\"a\":false,\"z\":null}]}");
    }

    @Test
    void ordersKeysByUtf16CodeUnitsLikeRfc8785() {
        Map<String, Object> keys = new TreeMap<>(Map.of("\u20ac", 1, "\r", 2, "\ud83d\ude00", 3, "1", 4, "\u00e9", 5));

        assertThat(CanonicalJson.write(JSON.valueToTree(keys)))
                .isEqualTo("{\"\\r\":2,\"1\":4,\"\u00e9\":5,\"\u20ac\":1,\"\ud83d\ude00\":3}");
    }

    @Test
    void escapesOnlyWhatJsonRequires() {
        String value = "quote\" back\\ nl\n tab\t unit\u001f euro\u20ac slash/ del\u007f";

        assertThat(CanonicalJson.write(JSON.valueToTree(Map.of("s", value))))
                .isEqualTo("{\"s\":\"quote\\\" back\\\\ nl\\n tab\\t unit\\u001f euro\u20ac slash/ del\u007f\"}");
    }

    @Test
    void keepsLargeIntegersExact() {
        assertThat(CanonicalJson.write(JSON.valueToTree(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0))))
                .isEqualTo("[9223372036854775807,-9223372036854775808,0]");
    }

    @Test
    void refusesFloatingPointNamingThePath() {
        assertThatThrownBy(() -> CanonicalJson.write(JSON.valueToTree(Map.of("a", List.of(1, 2.5)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.a[1]");
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertThatThrownBy(() -> CanonicalJson.write(JSON.valueToTree(Map.of("s", "x\ud800y"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }
}
