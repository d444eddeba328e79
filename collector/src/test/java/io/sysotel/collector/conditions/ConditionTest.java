package io.sysotel.collector.conditions;

import static io.sysotel.collector.conditions.Capability.CAP_KILL;
import static io.sysotel.collector.conditions.Capability.CAP_NET_ADMIN;
import static io.sysotel.collector.conditions.Capability.CAP_NET_BIND_SERVICE;
import static io.sysotel.collector.conditions.Capability.CAP_NET_BROADCAST;
import static io.sysotel.collector.conditions.Capability.CAP_NET_RAW;
import static io.sysotel.collector.conditions.Capability.CAP_SYS_ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.PodInfo;
import io.sysotel.collector.conditions.ConditionKey.Group;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Evaluation: what each key looks at, and how terms combine. */
class ConditionTest {

  private static final FakeSubject CURL =
      FakeSubject.process(1000, "curl").withCmd("curl -s https://example.com");
  private static final ContainerInfo WEB_CONTAINER =
      new ContainerInfo(
          "780f159f59c75b09da4103566b39d3ea3793beb20a11d0e8e1056637036472fe",
          "/minikube",
          Map.of("env", "prod", "app.kubernetes.io/name", "web"));
  private static final PodInfo WEB_POD =
      new PodInfo(
          "5b0e2a1c-3f0d-4c4e-9a57-0d6f3c0a1b2c",
          "web-0",
          "default",
          Map.of("tier", "prod", "node-role.kubernetes.io/control-plane", ""));

  private static boolean test(String condition, Subject s) {
    return Condition.parse(condition).test(s);
  }

  private static FakeSubject permitted(Capability... caps) {
    return CURL.withCaps(0, mask(caps), 0, Capability.ALL_MASK, 0);
  }

  private static long mask(Capability... caps) {
    return caps.length == 0 ? 0 : Capability.mask(EnumSet.of(caps[0], caps));
  }

  // --- the seed's examples

  @Test
  void selectsNetRawInTheEffectiveOrAmbientSet() {
    String c = "process.capeff:CAP_NET_RAW OR process.capamb:CAP_NET_RAW";
    assertTrue(test(c, CURL.withCaps(0, 0, CAP_NET_RAW.bit(), 0, 0)));
    assertTrue(test(c, CURL.withCaps(0, 0, 0, 0, CAP_NET_RAW.bit())));
    assertFalse(
        test(c, CURL.withCaps(CAP_NET_RAW.bit(), CAP_NET_RAW.bit(), 0, CAP_NET_RAW.bit(), 0)));
    assertFalse(test(c, CURL.withCaps(0, 0, CAP_NET_ADMIN.bit(), 0, CAP_SYS_ADMIN.bit())));
  }

  @Test
  void containsPatternSelectsEveryNetCapability() {
    Condition c = Condition.parse("process.capprm:~NET~");
    for (Capability cap :
        new Capability[] {CAP_NET_RAW, CAP_NET_ADMIN, CAP_NET_BIND_SERVICE, CAP_NET_BROADCAST}) {
      assertTrue(c.test(permitted(cap)), cap.name());
    }
    assertFalse(c.test(permitted(CAP_SYS_ADMIN, CAP_KILL)));
    assertFalse(c.test(permitted()));
  }

  @Test
  void selectsAProcessNamedCurlAndNoOther() {
    assertTrue(test("process.name:curl", CURL));
    assertFalse(test("process.name:curl", CURL.withComm("curl2")));
    assertFalse(test("process.name:curl", CURL.withComm("xcurl")));
    assertFalse(test("process.name:curl", CURL.withComm("CURL")));
  }

  @Test
  void starSelectsEveryProcess() {
    assertTrue(test("process.name:*", CURL));
    assertTrue(
        test("process.name:*", FakeSubject.process(1, "systemd").in(WEB_CONTAINER).in(WEB_POD)));
  }

  @Test
  void selectsNetRawPodsInTheDefaultNamespaceLabelledProd() {
    String c = "process.capprm:CAP_NET_RAW AND pod.namespace:default AND pod.label:prod";
    FakeSubject inPod = permitted(CAP_NET_RAW).in(WEB_CONTAINER).in(WEB_POD);
    assertTrue(test(c, inPod));
    assertFalse(test(c, permitted(CAP_NET_ADMIN).in(WEB_POD)));
    assertFalse(
        test(c, inPod.in(new PodInfo("u", "web-0", "kube-system", Map.of("tier", "prod")))));
    assertFalse(test(c, inPod.in(new PodInfo("u", "web-0", "default", Map.of("tier", "dev")))));
    assertFalse(test(c, permitted(CAP_NET_RAW)), "a process in no pod");
  }

  // --- every key

  @Test
  void pidComparesTheProcessId() {
    assertTrue(test("process.pid:1000", CURL));
    assertFalse(test("process.pid:1001", CURL));
    assertFalse(test("process.pid:100", CURL));
  }

  @Test
  void cmdMatchesTheWholeCommandLine() {
    FakeSubject sleep = FakeSubject.process(7, "sleep").withCmd("sleep 30");
    assertTrue(test("process.cmd:\"sleep 30\"", sleep));
    assertFalse(test("process.cmd:sleep", sleep), "exact is the whole line");
    assertTrue(test("process.cmd:\"sleep *\"", sleep));
    assertTrue(test("process.cmd:~30~", sleep));
    assertTrue(test("process.cmd:\"sleep ??\"", sleep));
    assertFalse(test("process.cmd:\"sleep ?\"", sleep));
    assertFalse(test("process.cmd:\"sleep \\*\"", sleep), "an escaped star is a literal star");
    assertTrue(test("process.cmd:\"sleep \\*\"", sleep.withCmd("sleep *")));
  }

  @Test
  void exeMatchesTheExecutablePath() {
    assertTrue(test("process.exe:/usr/bin/curl", CURL));
    assertTrue(test("process.exe:*/curl", CURL));
    assertTrue(test("process.exe:/usr/*", CURL));
    assertFalse(test("process.exe:curl", CURL));
  }

  @Test
  void unknownCmdOrExeMatchesNoValue() {
    FakeSubject unknown = CURL.withCmd(null).withExe(null);
    assertFalse(test("process.cmd:*", unknown));
    assertFalse(test("process.exe:*", unknown));
    assertTrue(test("NOT process.exe:*", unknown));
  }

  @ParameterizedTest
  @CsvSource({
    "process.capinh, 0",
    "process.capprm, 1",
    "process.capeff, 2",
    "process.capbnd, 3",
    "process.capamb, 4"
  })
  void eachCapabilityKeyReadsItsOwnSet(String key, int setIndex) {
    long[] sets = new long[5];
    sets[setIndex] = CAP_SYS_ADMIN.bit();
    FakeSubject s = CURL.withCaps(sets[0], sets[1], sets[2], sets[3], sets[4]);
    for (String other :
        new String[] {
          "process.capinh", "process.capprm", "process.capeff", "process.capbnd", "process.capamb"
        }) {
      assertEquals(other.equals(key), test(other + ":CAP_SYS_ADMIN", s), other);
      assertEquals(other.equals(key), test(other + ":sys_admin", s), other);
      assertEquals(other.equals(key), test(other + ":*", s), other);
    }
  }

  @Test
  void capabilityGlobsMatchNamesWithOrWithoutPrefix() {
    assertTrue(test("process.capprm:NET_*", permitted(CAP_NET_RAW)));
    assertTrue(test("process.capprm:CAP_NET_*", permitted(CAP_NET_BROADCAST)));
    assertTrue(test("process.capprm:cap_net_r?w", permitted(CAP_NET_RAW)));
    assertFalse(test("process.capprm:NET_*", permitted(CAP_SYS_ADMIN)));
    assertFalse(test("process.capprm:*", permitted()), "an empty set holds nothing");
  }

  @Test
  void capabilityValuesCompileToAMaskOfMatchingNumbers() {
    Condition.Term t = (Condition.Term) Condition.parse("process.capprm:~NET~");
    long expected = mask(CAP_NET_BIND_SERVICE, CAP_NET_BROADCAST, CAP_NET_ADMIN, CAP_NET_RAW);
    assertEquals(expected, ((CapabilityMatcher) t.matcher()).mask());
    assertEquals(
        "CAP_NET_BIND_SERVICE,CAP_NET_BROADCAST,CAP_NET_ADMIN,CAP_NET_RAW",
        Capability.names(expected));
  }

  @Test
  void containerIdMatchesTheFullIdExactlyOrByGlob() {
    FakeSubject s = CURL.in(WEB_CONTAINER);
    assertTrue(test("container.id:" + WEB_CONTAINER.id(), s));
    assertTrue(test("container.id:780f159f59c7*", s));
    assertFalse(test("container.id:780f159f59c7", s), "a short id needs a star");
  }

  @Test
  void containerNameMatchesWithOrWithoutTheLeadingSlash() {
    FakeSubject s = CURL.in(WEB_CONTAINER);
    assertTrue(test("container.name:minikube", s));
    assertTrue(test("container.name:/minikube", s));
    assertTrue(test("container.name:mini*", s));
    assertFalse(test("container.name:kube", s));
    assertFalse(
        test("container.name:*", CURL.in(new ContainerInfo("abc", null, Map.of()))),
        "name unknown");
  }

  @Test
  void containerLabelMatchesAValueOrAKeyValuePair() {
    FakeSubject s = CURL.in(WEB_CONTAINER);
    assertTrue(test("container.label:prod", s));
    assertTrue(test("container.label:web", s));
    assertFalse(test("container.label:env", s), "a bare value is not compared with keys");
    assertTrue(test("container.label:env=*", s), "key=* asks whether a key is there");
    assertTrue(test("container.label:env=prod", s));
    assertFalse(test("container.label:env=web", s));
    assertTrue(test("container.label:app.kubernetes.io/*=web", s));
    assertTrue(test("container.label:*=pr*", s));
    assertFalse(test("container.label:*=dev", s));
  }

  @Test
  void podTermsMatchUidNameNamespaceAndLabels() {
    FakeSubject s = CURL.in(WEB_POD);
    assertTrue(test("pod.id:" + WEB_POD.uid(), s));
    assertTrue(test("pod.name:web-0", s));
    assertTrue(test("pod.name:web-*", s));
    assertTrue(test("pod.namespace:default", s));
    assertFalse(test("pod.namespace:kube-system", s));
    assertTrue(test("pod.label:tier=~ro~", s));
    assertTrue(test("pod.label:node-role.kubernetes.io/control-plane=", s), "an empty label value");
    assertFalse(test("pod.label:tier=", s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "container.id:*",
        "container.name:*",
        "container.label:*",
        "container.label:*=*",
        "pod.id:*",
        "pod.name:*",
        "pod.namespace:*",
        "pod.label:*",
        "pod.label:*=*"
      })
  void outsideAContainerOrPodTheirTermsAreFalseAndTheirNegationTrue(String condition) {
    assertFalse(test(condition, CURL));
    assertTrue(test("NOT " + condition, CURL));
  }

  // --- the 15-character name rule

  @Test
  void longNameMatchesWhenCommIsItsPrefixAndTheExecutableHasTheFullName() {
    FakeSubject kcm =
        FakeSubject.process(5, "kube-controller").withExe("/usr/local/bin/kube-controller-manager");
    assertTrue(test("process.name:kube-controller-manager", kcm));
    assertTrue(test("process.name:kube-controller", kcm), "the comm itself still matches");
    assertTrue(test("process.name:kube-controller-m*", kcm));
    assertTrue(test("process.name:~manager~", kcm));
    assertFalse(test("process.name:kube-controller-scheduler", kcm));
  }

  @Test
  void longNameDoesNotMatchWhenCommOrExecutableDisagree() {
    FakeSubject renamed =
        FakeSubject.process(5, "worker").withExe("/usr/local/bin/kube-controller-manager");
    assertFalse(
        test("process.name:kube-controller-manager", renamed), "comm changed by prctl wins");
    FakeSubject other =
        FakeSubject.process(5, "kube-controller").withExe("/usr/bin/kube-controller-scheduler");
    assertFalse(test("process.name:kube-controller-manager", other));
    FakeSubject renamedTo15 = FakeSubject.process(5, "kube-controller").withExe("/usr/bin/python3");
    assertFalse(test("process.name:kube-controller-manager", renamedTo15));
    assertFalse(test("process.name:kube-controller-manager", other.withExe(null)));
    FakeSubject renamedAway =
        FakeSubject.process(5, "kube-controller").withExe("/usr/bin/some-other-long-name");
    assertFalse(
        test("process.name:some-other-long-name", renamedAway),
        "comm must be the value's first 15");
  }

  // --- combining

  @Test
  void notIsPlainNegationAndPrecedenceIsNotAndOr() {
    assertFalse(test("NOT process.name:curl", CURL));
    assertTrue(test("NOT NOT process.name:curl", CURL));
    assertTrue(test("process.name:wget OR process.name:curl AND process.pid:1000", CURL));
    assertFalse(test("(process.name:wget OR process.name:curl) AND process.pid:1", CURL));
    assertTrue(test("NOT process.name:wget AND process.pid:1000", CURL));
    assertFalse(test("NOT (process.name:wget OR process.pid:1000)", CURL));
  }

  // --- what the engine needs to know

  @Test
  void keysListWhatTheConditionReads() {
    assertEquals(
        EnumSet.of(ConditionKey.PROCESS_CAPPRM, ConditionKey.POD_NAMESPACE, ConditionKey.POD_LABEL),
        Condition.parse("process.capprm:CAP_NET_RAW AND pod.namespace:default AND pod.label:prod")
            .keys());
    assertEquals(
        EnumSet.of(ConditionKey.PROCESS_CAPEFF, ConditionKey.CONTAINER_ID),
        Condition.parse("NOT (process.capeff:~NET~ OR container.id:abc*)").keys());
  }

  @Test
  void nameTermsThatMayNeedTheExecutableSaySo() {
    assertEquals(
        EnumSet.of(ConditionKey.PROCESS_NAME), Condition.parse("process.name:curl").keys());
    assertEquals(EnumSet.of(ConditionKey.PROCESS_NAME), Condition.parse("process.name:*").keys());
    assertEquals(
        EnumSet.of(ConditionKey.PROCESS_NAME),
        Condition.parse("process.name:kube-controller").keys());
    EnumSet<ConditionKey> nameAndExe =
        EnumSet.of(ConditionKey.PROCESS_NAME, ConditionKey.PROCESS_EXE);
    assertEquals(nameAndExe, Condition.parse("process.name:kube-controller-manager").keys());
    assertEquals(nameAndExe, Condition.parse("process.name:curl*").keys());
    assertEquals(nameAndExe, Condition.parse("process.name:~url~").keys());
  }

  @Test
  void onlyPidNameAndCapabilitiesAreKernelReadable() {
    for (ConditionKey k : ConditionKey.values()) {
      boolean expected =
          k == ConditionKey.PROCESS_PID
              || k == ConditionKey.PROCESS_NAME
              || k.text().startsWith("process.cap");
      assertEquals(expected, k.kernelReadable(), k.text());
      assertEquals(
          k.text().startsWith("process.")
              ? Group.PROCESS
              : k.text().startsWith("pod.") ? Group.POD : Group.CONTAINER,
          k.group());
      assertEquals(k, ConditionKey.byText(k.text()).orElseThrow());
    }
    assertEquals(16, ConditionKey.values().length);
  }

  @Test
  void termRejectsAMatcherOfTheWrongKind() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Condition.Term(ConditionKey.PROCESS_PID, new ExactMatcher("x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Condition.And(java.util.List.of(Condition.parse("process.pid:1"))));
  }
}
