package io.meshlift.core.plan;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.meshlift.core.path.RelativePath;

import static io.meshlift.core.plan.PlanParserTest.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invariants of the model records, for code that builds plans without the parser. */
class PlanModelTest {

    private static final DatasetSpec DATASET = dataset("a", TransferSettings.BUILT_IN, SettingsOverrides.NONE);

    @Test
    void comparesEndpointPathsNameByName() {
        Endpoint projects = endpoint("dc1-a", "data", "projects");

        assertThat(projects.contains(endpoint("dc1-a", "data", "projects/x"))).isTrue();
        assertThat(projects.contains(endpoint("dc1-a", "data", "projects-x"))).isFalse();
        assertThat(projects.contains(endpoint("dc1-a", "other", "projects/x"))).isFalse();
        assertThat(projects.contains(endpoint("dc2-a", "data", "projects/x"))).isFalse();
        assertThat(endpoint("dc1-a", "data", "").contains(projects)).isTrue();
        assertThat(projects.overlaps(endpoint("dc1-a", "data", ""))).isTrue();
        assertThat(endpoint("dc1-a", "data", "").toString()).isEqualTo("dc1-a:data:/");
    }

    @Test
    void refusesAnInvalidVolumeName() {
        assertThatThrownBy(() -> new Endpoint(
                        endpoint("a", "v", "p").agent(),
                        "../v",
                        endpoint("a", "v", "p").path()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid volume name '../v'");
    }

    @Test
    void appliesOverridesOnTopOfDefaults() {
        SettingsOverrides overrides = new SettingsOverrides(
                Optional.of(VerifyMode.CHUNKS),
                Optional.empty(),
                Optional.of(BandwidthLimit.of(1000)),
                Optional.empty(),
                Optional.of(7),
                Optional.empty(),
                Optional.of(false));

        TransferSettings settings = overrides.applyTo(TransferSettings.BUILT_IN);

        assertThat(settings)
                .isEqualTo(new TransferSettings(
                        VerifyMode.CHUNKS,
                        TransferSettings.BUILT_IN.chunkSize(),
                        BandwidthLimit.of(1000),
                        TransferSettings.BUILT_IN.concurrency(),
                        7,
                        false,
                        false));
        assertThat(SettingsOverrides.NONE.applyTo(settings)).isEqualTo(settings);
    }

    @Test
    void refusesSettingsOutOfRange() {
        assertThatThrownBy(
                        () -> new TransferSettings(VerifyMode.FULL, 1024, BandwidthLimit.UNLIMITED, 4, 3, false, true))
                .hasMessageContaining("chunk size must be between 64 KiB and 64 MiB");
        assertThatThrownBy(() ->
                        new TransferSettings(VerifyMode.FULL, 1 << 22, BandwidthLimit.UNLIMITED, 0, 3, false, true))
                .hasMessageContaining("concurrency must be between 1 and 256");
        assertThatThrownBy(() -> BandwidthLimit.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAPlanWithTwoDatasetsOfOneName() {
        PlanMetadata metadata = new PlanMetadata("p", Map.of());

        assertThatThrownBy(() ->
                        new MigrationPlan(metadata, TransferSettings.BUILT_IN, List.of(), List.of(DATASET, DATASET)))
                .hasMessageContaining("dataset name 'a' is used twice");
        assertThatThrownBy(() -> new MigrationPlan(metadata, TransferSettings.BUILT_IN, List.of(), List.of()))
                .hasMessageContaining("at least one dataset");
    }

    @Test
    void refusesADatasetWhoseSettingsDoNotFollowFromThePlanDefaults() {
        TransferSettings chunks =
                new TransferSettings(VerifyMode.CHUNKS, 1 << 22, BandwidthLimit.UNLIMITED, 4, 3, false, true);
        DatasetSpec inconsistent = dataset("a", chunks, SettingsOverrides.NONE);

        assertThatThrownBy(() -> new MigrationPlan(
                        new PlanMetadata("p", Map.of()), TransferSettings.BUILT_IN, List.of(), List.of(inconsistent)))
                .hasMessageContaining("settings are not its overrides applied on top of the plan defaults");
    }

    @Test
    void refusesADatasetWithoutDestinationOrWithABadName() {
        assertThatThrownBy(() -> new DatasetSpec(
                        "a",
                        endpoint("a", "v", "p"),
                        List.of(),
                        List.of(),
                        List.of(),
                        SettingsOverrides.NONE,
                        TransferSettings.BUILT_IN))
                .hasMessageContaining("has no destination");
        assertThatThrownBy(() -> dataset("A_b", TransferSettings.BUILT_IN, SettingsOverrides.NONE))
                .hasMessageContaining("invalid dataset name 'A_b'");
    }

    @Test
    void buildsTheManifestFilterFromThePatterns() {
        DatasetSpec dataset = new DatasetSpec(
                "a",
                endpoint("a", "v", "p"),
                List.of(endpoint("b", "v", "p")),
                List.of("*.dump"),
                List.of("tmp"),
                SettingsOverrides.NONE,
                TransferSettings.BUILT_IN);

        assertThat(dataset.filter().includesFile(RelativePath.parse("x/y.dump")))
                .isTrue();
        assertThat(dataset.filter().includesFile(RelativePath.parse("x/y.log"))).isFalse();
        assertThat(dataset.filter().excludes(RelativePath.parse("x/tmp"))).isTrue();
    }

    @Test
    void appliesABandwidthWindowOnItsDaysAndHoursInItsZone() {
        BandwidthWindow office = new BandwidthWindow(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(8, 0),
                LocalTime.of(18, 0),
                BandwidthLimit.of(50),
                ZoneId.of("Europe/Paris"));

        // 2024-06-03 is a Monday; Paris is UTC+2 in June.
        assertThat(office.appliesAt(Instant.parse("2024-06-03T06:00:00Z"))).isTrue();
        assertThat(office.appliesAt(Instant.parse("2024-06-03T05:59:59Z"))).isFalse();
        assertThat(office.appliesAt(Instant.parse("2024-06-03T16:00:00Z"))).isFalse();
        assertThat(office.appliesAt(Instant.parse("2024-06-08T10:00:00Z"))).isFalse(); // Saturday
        assertThatThrownBy(() -> new BandwidthWindow(
                        Set.of(), LocalTime.MIN, LocalTime.MAX, BandwidthLimit.of(1), ZoneId.of("UTC")))
                .hasMessageContaining("at least one day");
    }

    @Test
    void spellsVerifyModesAsPlansDo() {
        assertThat(VerifyMode.fromPlanName("chunks")).contains(VerifyMode.CHUNKS);
        assertThat(VerifyMode.fromPlanName("FULL")).isEmpty();
        assertThat(VerifyMode.FULL.planName()).isEqualTo("full");
    }

    @Test
    void suggestsOnlyCloseNames() {
        assertThat(Suggestions.closest("destination", List.of("name", "destinations")))
                .contains("destinations");
        assertThat(Suggestions.closest("monday", WindowBinder.DAYS)).contains("mon");
        assertThat(Suggestions.closest("colour", List.of("name", "source"))).isEmpty();
    }

    private static DatasetSpec dataset(String name, TransferSettings settings, SettingsOverrides overrides) {
        return new DatasetSpec(
                name,
                endpoint("a", "v", "p"),
                List.of(endpoint("b", "v", "p")),
                List.of(),
                List.of(),
                overrides,
                settings);
    }
}
