package io.meshlift.core.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard in the repository queries only series Meshlift registers, and shows every one
 * of them. The coordinator's and the agent's Quarkus tests check that each {@link MeshliftMetric} is
 * really scraped, so a renamed metric fails a build instead of leaving an empty panel.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "docs", "operations", "grafana-meshlift.json");
    /** Identifiers in PromQL that name a series; functions and keywords are followed by "(" or are known. */
    private static final Pattern SERIES = Pattern.compile("\\b(meshlift_[a-z0-9_]+|http_server_[a-z0-9_]+)\\b");

    private static List<String> expressions;
    private static List<Map<?, ?>> panels;

    @BeforeAll
    static void readDashboard() throws IOException {
        // JSON is YAML: the plan parser's library reads it, no JSON library needed in core.
        Object dashboard = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(DASHBOARD));
        expressions = new ArrayList<>();
        collectExpressions(dashboard, expressions);
        panels = ((List<?>) ((Map<?, ?>) dashboard).get("panels"))
                .stream()
                        .map(panel -> (Map<?, ?>) panel)
                        .filter(panel -> !"row".equals(panel.get("type")))
                        .collect(Collectors.toList());
    }

    @Test
    void queriesOnlySeriesMeshliftRegisters() {
        Set<String> known = new TreeSet<>(MeshliftMetric.BUILT_IN_SERIES);
        for (MeshliftMetric metric : MeshliftMetric.values()) {
            known.add(metric.prometheusName());
        }

        assertThat(referencedSeries())
                .isNotEmpty()
                .allSatisfy(series -> assertThat(known)
                        .as("series %s used by the dashboard", series)
                        .contains(series));
    }

    @Test
    void showsEveryMetricMeshliftRegisters() {
        Set<String> referenced = referencedSeries();

        assertThat(MeshliftMetric.values())
                .allSatisfy(metric -> assertThat(referenced)
                        .as("a panel for %s", metric.prometheusName())
                        .contains(metric.prometheusName()));
    }

    @Test
    void everyPanelQueriesPrometheus() {
        assertThat(panels).isNotEmpty().allSatisfy(panel -> {
            List<?> targets = (List<?>) panel.get("targets");
            assertThat(targets).as("targets of panel %s", panel.get("title")).isNotEmpty();
            assertThat(targets)
                    .allSatisfy(target -> assertThat(((Map<?, ?>) target).get("expr"))
                            .as("a query of panel %s", panel.get("title"))
                            .asString()
                            .isNotBlank());
        });
    }

    @Test
    void seriesNamesFollowThePrometheusConvention() {
        assertThat(MeshliftMetric.COORDINATOR_REPORTS_RECEIVED.prometheusName())
                .isEqualTo("meshlift_coordinator_reports_received_total");
        assertThat(MeshliftMetric.AGENT_TRANSFER_RATE.prometheusName())
                .isEqualTo("meshlift_agent_transfer_rate_bytes_per_second");
        assertThat(MeshliftMetric.of(MeshliftMetric.Component.AGENT))
                .allSatisfy(m -> assertThat(m.metricName()).startsWith("meshlift.agent."));
        assertThat(MeshliftMetric.of(MeshliftMetric.Component.COORDINATOR))
                .allSatisfy(m -> assertThat(m.metricName()).startsWith("meshlift.coordinator."));
    }

    private static Set<String> referencedSeries() {
        return expressions.stream()
                .flatMap(expr -> {
                    Matcher matcher = SERIES.matcher(expr);
                    List<String> names = new ArrayList<>();
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                    return names.stream();
                })
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void collectExpressions(Object node, List<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("expr".equals(key)) {
                    into.add(String.valueOf(value));
                } else {
                    collectExpressions(value, into);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectExpressions(item, into));
        }
    }
}
