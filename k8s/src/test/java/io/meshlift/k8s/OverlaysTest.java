package io.meshlift.k8s;

import java.math.BigDecimal;
import java.util.List;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each overlay promises on top of the base. */
class OverlaysTest {

    @Test
    void productionPinsEveryImage() {
        assertThat(WorkloadChecks.imagesPinned(Manifests.render("overlays/production")))
                .isEmpty();
    }

    @Test
    void productionRunsTwoCoordinatorsOnDifferentNodes() {
        Deployment coordinator = coordinator("overlays/production");

        assertThat(coordinator.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        var antiAffinity =
                coordinator.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
        assertThat(antiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution())
                .anySatisfy(term -> {
                    assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(PodSpecs.matches(
                                    term.getLabelSelector().getMatchLabels(),
                                    coordinator
                                            .getSpec()
                                            .getTemplate()
                                            .getMetadata()
                                            .getLabels()))
                            .isTrue();
                });
    }

    @Test
    void productionKeepsACoordinatorThroughVoluntaryDisruptions() {
        List<Manifest> manifests = Manifests.render("overlays/production");
        Deployment coordinator = coordinator("overlays/production");

        PodDisruptionBudget budget = manifests.stream()
                .filter(m -> m.is("PodDisruptionBudget"))
                .map(m -> m.as(PodDisruptionBudget.class))
                .filter(pdb -> PodSpecs.matches(
                        pdb.getSpec().getSelector().getMatchLabels(),
                        coordinator.getSpec().getTemplate().getMetadata().getLabels()))
                .findFirst()
                .orElseThrow();
        int minAvailable = budget.getSpec().getMinAvailable().getIntVal();
        assertThat(minAvailable).isPositive().isLessThan(coordinator.getSpec().getReplicas());
    }

    @Test
    void baseLeavesImageTagsToTheOverlays() {
        assertThat(WorkloadChecks.imagesPinned(Manifests.render("base")))
                .as("the base names Meshlift images without a tag; production must pin them")
                .isNotEmpty();
    }

    @Test
    void devRunsOneSmallCoordinator() {
        Deployment dev = coordinator("overlays/dev");
        Deployment base = coordinator("base");

        assertThat(dev.getSpec().getReplicas()).isEqualTo(1);
        assertThat(memoryRequest(dev)).isLessThan(memoryRequest(base));
    }

    private static Deployment coordinator(String kustomization) {
        return Manifests.render(kustomization).stream()
                .filter(m -> m.is("Deployment") && m.name().equals("meshlift-coordinator"))
                .findFirst()
                .orElseThrow()
                .as(Deployment.class);
    }

    private static BigDecimal memoryRequest(Deployment deployment) {
        Quantity memory = deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getRequests()
                .get("memory");
        return Quantity.getAmountInBytes(memory);
    }
}
