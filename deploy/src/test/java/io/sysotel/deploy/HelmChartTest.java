package io.sysotel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** charts/sysotel rendered by helm with default values, with the sidecar and with the gateway. */
class HelmChartTest {

  private final JsonNode values = Chart.values();

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private static JsonNode mount(JsonNode container, String volume) {
    for (JsonNode m : container.path("volumeMounts")) {
      if (m.path("name").asText().equals(volume)) {
        return m;
      }
    }
    throw new AssertionError("no mount of " + volume + " in " + container.path("volumeMounts"));
  }

  private static JsonNode volume(Chart.Rendered r, String name) {
    for (JsonNode v : r.podSpec().path("volumes")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  private static int containerPort(JsonNode container, String name) {
    for (JsonNode p : container.path("ports")) {
      if (p.path("name").asText().equals(name)) {
        return p.path("containerPort").asInt();
      }
    }
    throw new AssertionError("no port " + name + " in " + container.path("ports"));
  }

  /** The values' pipelines, each with the exporters the chart gives a pipeline that names none. */
  private JsonNode expectedPipelines(String defaultExporter) {
    ObjectNode expected = values.path("config").path("pipelines").deepCopy();
    for (Iterator<JsonNode> it = expected.elements(); it.hasNext(); ) {
      ObjectNode p = (ObjectNode) it.next();
      if (!p.has("exporters")) {
        p.putArray("exporters").add(defaultExporter);
      }
    }
    return expected;
  }

  @Test
  void lintPasses() {
    LintResult lint = new Helm(Chart.DIR).lint().strict().call();
    assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
  }

  @Test
  void defaultValuesRenderADaemonSetThatCanTraceEveryProcessOfItsNode() {
    Chart.Rendered r = Chart.render(Map.of());
    JsonNode pod = r.podSpec();
    assertTrue(pod.path("hostPID").asBoolean(), "hostPID");
    JsonNode c = r.container("sysotel");
    JsonNode sc = c.path("securityContext");
    assertFalse(sc.path("privileged").asBoolean());
    assertEquals(List.of("ALL"), texts(sc.path("capabilities").path("drop")));
    assertEquals(texts(values.path("capabilities")), texts(sc.path("capabilities").path("add")));
    assertEquals(List.of("BPF", "PERFMON", "SYS_PTRACE"), texts(sc.path("capabilities").path("add")));
    assertEquals(0, sc.path("runAsUser").asInt());

    // Read-only host mounts at the paths the collector reads.
    String socket = values.path("containerRuntime").path("socket").asText();
    for (String[] m : new String[][] {{"btf", "/sys/kernel/btf"}, {"cgroup", "/sys/fs/cgroup"}, {"runtime-socket", socket}}) {
      JsonNode mount = mount(c, m[0]);
      assertEquals(m[1], mount.path("mountPath").asText());
      assertTrue(mount.path("readOnly").asBoolean(), m[0] + " read-only");
      assertEquals(m[1], volume(r, m[0]).path("hostPath").path("path").asText());
    }
    assertEquals("Socket", volume(r, "runtime-socket").path("hostPath").path("type").asText());

    JsonNode nodeName = null;
    for (JsonNode e : c.path("env")) {
      if (e.path("name").asText().equals("NODE_NAME")) {
        nodeName = e;
      }
    }
    assertTrue(nodeName != null, "NODE_NAME in " + c.path("env"));
    assertEquals("spec.nodeName", nodeName.path("valueFrom").path("fieldRef").path("fieldPath").asText());

    // RBAC: the pod's service account may get, list and watch pods cluster-wide.
    String sa = pod.path("serviceAccountName").asText();
    assertEquals(Chart.NAMESPACE, r.get("ServiceAccount", sa).path("metadata").path("namespace").asText());
    JsonNode role = r.get("ClusterRole", Chart.RELEASE);
    assertEquals(1, role.path("rules").size());
    JsonNode rule = role.path("rules").get(0);
    assertEquals(List.of(""), texts(rule.path("apiGroups")));
    assertEquals(List.of("pods"), texts(rule.path("resources")));
    assertEquals(List.of("get", "list", "watch"), texts(rule.path("verbs")));
    JsonNode binding = r.get("ClusterRoleBinding", Chart.RELEASE);
    assertEquals(Chart.RELEASE, binding.path("roleRef").path("name").asText());
    assertEquals("ClusterRole", binding.path("roleRef").path("kind").asText());
    JsonNode subject = binding.path("subjects").get(0);
    assertEquals(List.of("ServiceAccount", sa, Chart.NAMESPACE),
        List.of(subject.path("kind").asText(), subject.path("name").asText(), subject.path("namespace").asText()));

    // The ConfigMap: the values' pipelines, to stdout; mounted where the container reads it.
    JsonNode config = r.sysotelConfig();
    assertEquals(expectedPipelines("stdout"), config.path("pipelines"));
    assertEquals("json", config.path("exporters").path("stdout").path("format").asText());
    assertFalse(config.path("exporters").has("otlp"));
    assertEquals(List.of("run", "--config", "/etc/sysotel/sysotel.yaml"), texts(c.path("args")));
    assertEquals("/etc/sysotel", mount(c, "config").path("mountPath").asText());
    assertEquals(Chart.RELEASE, volume(r, "config").path("configMap").path("name").asText());
    assertEquals("/run/sysotel/admin.sock", config.path("service").path("admin").path("socket").asText());

    // Probes on the health endpoint the configuration opens; scrape annotations on the metrics port.
    JsonNode telemetry = config.path("service").path("telemetry");
    int health = values.path("health").path("port").asInt();
    assertEquals(health, port(telemetry.path("health").path("endpoint").asText()));
    assertEquals(health, containerPort(c, "health"));
    assertEquals("/healthz", c.path("livenessProbe").path("httpGet").path("path").asText());
    assertEquals("/readyz", c.path("readinessProbe").path("httpGet").path("path").asText());
    assertEquals("health", c.path("livenessProbe").path("httpGet").path("port").asText());
    assertEquals("health", c.path("readinessProbe").path("httpGet").path("port").asText());
    assertFalse(telemetry.path("health").has("requireExporters"), "stdout has nothing to connect to");
    int metrics = values.path("metrics").path("port").asInt();
    assertEquals(metrics, port(telemetry.path("metrics").path("prometheus").asText()));
    assertEquals(metrics, containerPort(c, "metrics"));
    JsonNode annotations = r.daemonSet().path("spec").path("template").path("metadata").path("annotations");
    assertEquals("true", annotations.path("prometheus.io/scrape").asText());
    assertEquals(String.valueOf(metrics), annotations.path("prometheus.io/port").asText());
    assertEquals("/metrics", annotations.path("prometheus.io/path").asText());

    assertEquals(values.path("tolerations"), pod.path("tolerations"));
    assertEquals(values.path("resources"), c.path("resources"));
    assertEquals(List.of("sysotel"), containerNames(r));
    assertEquals(List.of(), r.all("Deployment"));
  }

  @Test
  void privilegedIsAnOptIn() {
    JsonNode sc = Chart.render(Map.of("privileged", true)).container("sysotel").path("securityContext");
    assertTrue(sc.path("privileged").asBoolean());
    assertTrue(sc.path("capabilities").isMissingNode());
  }

  @Test
  void theSidecarReceivesOnTheEndpointTheExporterSendsTo() {
    Chart.Rendered r = Chart.render(Map.of("sidecar.enabled", true));
    JsonNode sidecar = r.container("otel-collector");
    JsonNode image = values.path("sidecar").path("image");
    assertEquals(image.path("repository").asText() + ":" + image.path("tag").asText(), sidecar.path("image").asText());
    assertEquals(List.of("--config=/etc/otel-collector/otel-collector.yaml"), texts(sidecar.path("args")));
    assertEquals("/etc/otel-collector", mount(sidecar, "config").path("mountPath").asText());

    JsonNode otelConfig = Chart.yaml(r.get("ConfigMap", Chart.RELEASE).path("data").path("otel-collector.yaml").asText());
    assertEquals(values.path("sidecar").path("config"), otelConfig);
    assertEquals(Chart.yaml(Chart.ROOT.resolve("otel-collector/sidecar.yaml")), otelConfig,
        "the chart's sidecar config is otel-collector/sidecar.yaml");

    JsonNode config = r.sysotelConfig();
    URI endpoint = URI.create(config.path("exporters").path("otlp").path("endpoint").asText());
    String receiver = otelConfig.path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText();
    assertEquals("127.0.0.1", endpoint.getHost(), "the sidecar shares the pod's network");
    assertEquals(port(receiver), endpoint.getPort());
    assertTrue(receiver.startsWith("127.0.0.1:") || receiver.startsWith("0.0.0.0:"), receiver);
    assertEquals("grpc", config.path("exporters").path("otlp").path("protocol").asText());
    assertEquals(expectedPipelines("otlp"), config.path("pipelines"));
    assertEquals(List.of("otlp"), texts(config.path("service").path("telemetry").path("health").path("requireExporters")));
    assertFalse(config.path("exporters").has("stdout"));
  }

  @Test
  void theGatewayServiceTakesWhatTheExporterSends() {
    Chart.Rendered r = Chart.render(Map.of("gateway.enabled", true));
    String name = Chart.RELEASE + "-gateway";
    JsonNode service = r.get("Service", name);
    JsonNode deployment = r.get("Deployment", name);
    JsonNode otelConfig = Chart.yaml(r.get("ConfigMap", name).path("data").path("otel-collector.yaml").asText());
    assertEquals(Chart.yaml(Chart.ROOT.resolve("otel-collector/gateway.yaml")), otelConfig,
        "the chart's gateway config is otel-collector/gateway.yaml");

    URI endpoint = URI.create(r.sysotelConfig().path("exporters").path("otlp").path("endpoint").asText());
    assertEquals(name + "." + Chart.NAMESPACE + ".svc", endpoint.getHost());
    JsonNode servicePort = null;
    for (JsonNode p : service.path("spec").path("ports")) {
      if (p.path("port").asInt() == endpoint.getPort()) {
        servicePort = p;
      }
    }
    assertTrue(servicePort != null, "the Service has the exporter's port " + endpoint.getPort());
    JsonNode gw = deployment.path("spec").path("template").path("spec").path("containers").get(0);
    int target = containerPort(gw, servicePort.path("targetPort").asText());
    String receiver = otelConfig.path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText();
    assertEquals(port(receiver), target, "the Service's target is the gateway's OTLP/gRPC receiver");

    // The Service selects the gateway's pods and not the DaemonSet's; the DaemonSet not the gateway's.
    JsonNode gwLabels = deployment.path("spec").path("template").path("metadata").path("labels");
    JsonNode dsLabels = r.daemonSet().path("spec").path("template").path("metadata").path("labels");
    assertTrue(selects(service.path("spec").path("selector"), gwLabels));
    assertFalse(selects(service.path("spec").path("selector"), dsLabels));
    assertFalse(selects(r.daemonSet().path("spec").path("selector").path("matchLabels"), gwLabels));
    assertTrue(selects(deployment.path("spec").path("selector").path("matchLabels"), gwLabels));
    assertEquals(expectedPipelines("otlp"), r.sysotelConfig().path("pipelines"));
    assertEquals(List.of("sysotel"), containerNames(r));
  }

  @Test
  void aGatewayOfYourOwnIsOnlyPointedAt() {
    Chart.Rendered r = Chart.render(Map.of("gateway.enabled", true, "gateway.endpoint", "http://otel.example:4317"));
    assertEquals("http://otel.example:4317", r.sysotelConfig().path("exporters").path("otlp").path("endpoint").asText());
    assertEquals(List.of(), r.all("Deployment"));
    assertEquals(List.of(), r.all("Service"));
  }

  private static List<String> containerNames(Chart.Rendered r) {
    List<String> out = new ArrayList<>();
    r.podSpec().path("containers").forEach(c -> out.add(c.path("name").asText()));
    return out;
  }

  private static boolean selects(JsonNode selector, JsonNode labels) {
    for (Map.Entry<String, JsonNode> e : selector.properties()) {
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    return selector.size() > 0;
  }

  static List<Object[]> invalidValues() {
    return List.of(
        new Object[] {Map.of("capabilities[0]", "CAP_BPF"), "capabilities"},
        new Object[] {Map.of("health.port", 70000), "health.port"},
        new Object[] {Map.of("metrics.interval", "often"), "metrics.interval"},
        new Object[] {Map.of("image.pullPolicy", "Sometimes"), "pullPolicy"},
        new Object[] {Map.of("sidecar.enabled", true, "gateway.enabled", true), "Must not validate the schema (not)"},
        new Object[] {Map.of("config.pipelines.x.task", "syscalls|functions:read"), "config.pipelines.x: condition is required"},
        new Object[] {Map.of("config.exporters.Bad", "null"), "config.exporters"},
        new Object[] {Map.of("gateway.endpoint", "otel:4317"), "gateway.endpoint"},
        new Object[] {Map.of("hostPid", true), "Additional property hostPid is not allowed"});
  }

  @ParameterizedTest
  @MethodSource("invalidValues")
  void theSchemaRejectsInvalidValues(Map<String, Object> set, String mentioned) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.template(set));
    assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"), e.getMessage());
    assertTrue(e.getMessage().contains(mentioned), e.getMessage());
  }
}
