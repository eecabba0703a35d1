package dev.herald.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes against the Kubernetes API's own models (io.kubernetes:client-java-api, generated from the API's
 * OpenAPI document): every document reads as its kind with no unknown and no missing required field, which is what
 * kubeconform checks (kubeconform itself cannot be installed here). Then what Herald needs of them: the instance id
 * is the pod's name, the probes are Herald's health endpoints (HealthIT asks the running server for each), a pre-stop
 * hook, a disruption budget and Services that select the pods.
 */
class KubernetesManifestsTest {
    static final Path MANIFESTS = Path.of("deploy/kubernetes/herald.yaml");

    static final Map<String, Validator> KINDS = Map.of(
            "v1/ConfigMap", V1ConfigMap::fromJson,
            "v1/Secret", V1Secret::fromJson,
            "v1/Service", V1Service::fromJson,
            "apps/v1/StatefulSet", V1StatefulSet::fromJson,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget::fromJson);

    interface Validator {
        Object read(String json) throws IOException;
    }

    /** Each YAML document of a file, as the JSON the API server would get. */
    static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
            if (document != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) document;
                documents.add(map);
            }
        }
        return documents;
    }

    static Object read(Map<String, Object> document) throws IOException {
        String kind = document.get("apiVersion") + "/" + document.get("kind");
        Validator validator = KINDS.get(kind);
        assertThat(validator).as("a kind this test knows: " + kind).isNotNull();
        return validator.read(new Gson().toJson(document));
    }

    @Test
    void everyDocumentIsValidForItsKind() throws Exception {
        List<Map<String, Object>> documents = documents(MANIFESTS);
        assertThat(documents).hasSize(6);
        for (Map<String, Object> document : documents) {
            read(document);
        }
    }

    @Test
    void theCheckCatchesAMisspelledOrMissingField() {
        Map<String, Object> misspelled = Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                Map.of("name", "x"),
                "spec",
                Map.of("selektor", Map.of()));
        assertThatThrownBy(() -> read(misspelled)).hasMessageContaining("selektor");
        Map<String, Object> noContainers = Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "StatefulSet",
                "metadata",
                Map.of("name", "x"),
                "spec",
                Map.of("selector", Map.of(), "template", Map.of("spec", Map.of())));
        assertThatThrownBy(() -> read(noContainers)).hasMessageContaining("containers");
    }

    @Test
    void instancesAreAStatefulSetWithProbesADrainAndABudget() throws Exception {
        List<Object> objects = new ArrayList<>();
        for (Map<String, Object> document : documents(MANIFESTS)) {
            objects.add(read(document));
        }
        V1StatefulSet set = only(objects, V1StatefulSet.class);
        Map<String, String> podLabels =
                set.getSpec().getTemplate().getMetadata().getLabels();
        V1Container herald =
                set.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(herald.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("HERALD_INSTANCE_ID");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        });
        assertThat(herald.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/started");
        assertThat(herald.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(herald.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(herald.getLifecycle().getPreStop().getExec().getCommand()).isNotEmpty();
        assertThat(set.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThanOrEqualTo(30L);
        assertThat(set.getSpec().getServiceName()).isNotBlank();

        V1PodDisruptionBudget budget = only(objects, V1PodDisruptionBudget.class);
        assertThat(podLabels)
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(objects.stream().filter(V1Service.class::isInstance).map(V1Service.class::cast))
                .hasSize(2)
                .allSatisfy(service -> assertThat(podLabels)
                        .containsAllEntriesOf(service.getSpec().getSelector()))
                .anySatisfy(service -> assertThat(service.getMetadata().getName())
                        .isEqualTo(set.getSpec().getServiceName()));
        assertThat(only(objects, V1ConfigMap.class).getData()).containsEntry("HERALD_READINESS_KAFKA", "reported");
    }

    private static <T> T only(List<Object> objects, Class<T> type) {
        List<T> matching =
                objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }
}
