package io.sysotel.collector.conditions;

import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.PodInfo;

/** A process described by hand; the withers change one thing each. */
record FakeSubject(
    int pid,
    String comm,
    String cmd,
    String exe,
    long capInheritable,
    long capPermitted,
    long capEffective,
    long capBounding,
    long capAmbient,
    ContainerInfo container,
    PodInfo pod)
    implements Subject {

  /** A host process without capabilities, {@code cmd} and {@code exe} derived from the name. */
  static FakeSubject process(int pid, String comm) {
    return new FakeSubject(
        pid, comm, "/usr/bin/" + comm, "/usr/bin/" + comm, 0, 0, 0, 0, 0, null, null);
  }

  FakeSubject withComm(String c) {
    return new FakeSubject(
        pid,
        c,
        cmd,
        exe,
        capInheritable,
        capPermitted,
        capEffective,
        capBounding,
        capAmbient,
        container,
        pod);
  }

  FakeSubject withCmd(String c) {
    return new FakeSubject(
        pid,
        comm,
        c,
        exe,
        capInheritable,
        capPermitted,
        capEffective,
        capBounding,
        capAmbient,
        container,
        pod);
  }

  FakeSubject withExe(String e) {
    return new FakeSubject(
        pid,
        comm,
        cmd,
        e,
        capInheritable,
        capPermitted,
        capEffective,
        capBounding,
        capAmbient,
        container,
        pod);
  }

  /** Sets: inheritable, permitted, effective, bounding, ambient. */
  FakeSubject withCaps(long inh, long prm, long eff, long bnd, long amb) {
    return new FakeSubject(pid, comm, cmd, exe, inh, prm, eff, bnd, amb, container, pod);
  }

  FakeSubject in(ContainerInfo c) {
    return new FakeSubject(
        pid,
        comm,
        cmd,
        exe,
        capInheritable,
        capPermitted,
        capEffective,
        capBounding,
        capAmbient,
        c,
        pod);
  }

  FakeSubject in(PodInfo p) {
    return new FakeSubject(
        pid,
        comm,
        cmd,
        exe,
        capInheritable,
        capPermitted,
        capEffective,
        capBounding,
        capAmbient,
        container,
        p);
  }
}
