#!/usr/bin/env python3
"""sysotel benchmark harness: every tracer side by side on one workload, in one run.

Workload: `dd if=/dev/zero of=/dev/null bs=1 count=N` (N reads and N writes of one byte).
Each row runs dd once per repetition; repetitions go round-robin over the rows, so machine
noise spreads over all of them. A row reports the median dd wall time and its ratio to the
"none" row of the same run. Ratios are only meaningful within one run.

Usage (as root):  bench/run.py [--reps 5] [--count 1000000] [--rows none,empty,...]
                  [--no-readme] [--keep]
Environment:      SYSOTEL   command that starts sysotel (default: <repo>/bin/sysotel),
                            split like a shell word list, e.g. SYSOTEL="java -jar x.jar"

A row is one function `measure(ctx) -> Sample`, registered with @row. It starts its tracer,
runs `ctx.dd()`, stops the tracer (also on failure) and returns what it measured; raising
Unavailable marks the row unavailable and the harness goes on without it.
"""

import argparse
import contextlib
import ctypes
import datetime
import json
import os
import platform
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional, Tuple

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"  # build products and scratch files; git-ignored
README = BENCH / "README.md"
MARK_START, MARK_END = "<!-- results:start -->", "<!-- results:end -->"

SYSOTEL_TASK = "syscalls|functions:read+write"
SYSOTEL_PROG_PREFIX = "sysotel_sys_ent"  # kernel program names are cut at 15 characters
ATTACH_TIMEOUT_S = 120  # JVM start, BPF load and verification
SETTLE_AFTER_ATTACH_S = 1.0
# kernel-floor: time the collector gets to answer dd's first event with a verdict
VERDICT_WAIT_S = 0.5
STOP_TIMEOUT_S = 300  # a collector may drain millions of events after SIGINT
BPFTRACE_PROGRAM = (
    "tracepoint:syscalls:sys_enter_read,tracepoint:syscalls:sys_enter_write "
    '/comm == "dd"/ { printf("%s %d %d\\n", probe, pid, args->count); }'
)

IDLE_PROCESSES = 1000  # the sleeping processes of the sysotel-idle1000 row

# Targets from the issue, by the row they judge (checked in targets()).
TARGETS = {
    "sysotel-idle": "sysotel, non-matching condition: within 1.05x of the empty-program row",
    "sysotel-capcond": "sysotel, non-matching capability condition: within 1.05x of the empty-program row",
    "sysotel-idle1000": f"sysotel, non-matching condition, {IDLE_PROCESSES:,} idle processes alive: "
                        "within 1.05x of the empty-program row",
    "sysotel-file": "sysotel, every read/write to a JSON file: at most 1.6x of no tracer, 0 lost",
    "sysotel-otlp": "sysotel -> OTLP/gRPC on loopback: at least 300,000 records/s received, 0 unaccounted",
    "rss": "sysotel peak RSS: at most 160 MB",
}


class Unavailable(Exception):
    """The row cannot run here; the message says why."""


@dataclass
class Sample:
    seconds: float
    cpu: Optional[float] = None  # dd's user + system time, filled in by the harness
    delivered: Optional[int] = None
    lost: Optional[int] = None
    rss_mb: Optional[float] = None
    rate: Optional[float] = None  # records delivered per second, from dd's start to the last delivery
    unaccounted: Optional[int] = None  # events sysotel saw but counts nowhere (must be 0)
    note: str = ""


@dataclass
class Row:
    key: str
    title: str
    measure: Callable[["Context"], Sample]
    samples: List[Sample] = field(default_factory=list)
    unavailable: str = ""


ROWS: List[Row] = []


def row(key: str, title: str):
    """Registers a row; rows appear in the table in registration order."""

    def register(fn):
        ROWS.append(Row(key, title, fn))
        return fn

    return register


# ---------------------------------------------------------------------------------------------
# Context: the workload and the helpers rows share


class Context:
    def __init__(self, count: int, scratch: Path, keep: bool, dd_runs: int = 1):
        self.count = count
        self.dd_runs = dd_runs
        self.scratch = scratch
        self.keep = keep
        self.expected = 2 * count  # dd's own reads and writes; dd adds a few of its own
        self.sysotel = shlex.split(os.environ.get("SYSOTEL", "")) or [str(REPO / "bin" / "sysotel")]
        self._programs: set = set()  # bench programs compiled in this run
        self._receiver_classpath: Optional[str] = None
        self.last_cpu: Optional[float] = None
        self.last_start: float = 0.0  # wall-clock time (time.time()) at which the last dd started

    def dd_command(self) -> List[str]:
        return ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", f"count={self.count}"]

    def dd(self, prefix: Optional[List[str]] = None,
           after_first_read: Optional[Callable[[], None]] = None) -> float:
        """Runs the workload (optionally under a prefix command) and returns its wall time.
        Also keeps its CPU time (a prefix command's included) in last_cpu: BPF programs at
        sys_enter run in dd's context and count as its system time, while time dd spends
        waiting for a CPU does not, so CPU time is the steadier figure on a busy machine.
        AFTER_FIRST_READ: dd is held (ptrace) once its first read(2) has returned, the dynamic
        loader's, long before the copy; the callback runs, then dd is let go and timed from
        there."""
        with tempfile.TemporaryFile() as err:
            self.last_start = time.time()
            start = time.perf_counter()
            proc = subprocess.Popen((prefix or []) + self.dd_command(), stdout=subprocess.DEVNULL,
                                    stderr=err,
                                    preexec_fn=traced_signals if after_first_read else default_signals)
            if after_first_read:
                try:
                    hold_after_first_read(proc.pid)
                    after_first_read()
                    self.last_start = time.time()
                    start = time.perf_counter()
                    ptrace(PTRACE_DETACH, proc.pid)
                except BaseException:
                    proc.kill()  # a traced, stopped dd: SIGKILL still ends it
                    proc.wait()
                    raise
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                err.seek(0)
                raise RuntimeError(f"dd failed ({proc.returncode}): {last_line(err.read().decode())}")
        self.last_cpu = usage.ru_utime + usage.ru_stime
        return seconds

    def dd_runs_median(self, before_each: Optional[Callable[[], None]] = None,
                       after_each: Optional[Callable[[], None]] = None) -> float:
        """Runs the workload dd_runs times under the same tracer and returns the median wall
        time, keeping the median CPU time in last_cpu: for the rows that deliver nothing, a
        tracer start buys several dd runs, and a repetition's figure is steadier for it.
        BEFORE_EACH runs once dd is held after its first read (see dd), AFTER_EACH after each."""
        walls, cpus = [], []
        for _ in range(self.dd_runs):
            try:
                walls.append(self.dd(after_first_read=before_each))
            finally:
                if after_each:
                    after_each()
            cpus.append(self.last_cpu)
        self.last_cpu = statistics.median(cpus)
        return statistics.median(walls)

    def paths(self) -> float:
        """The paths-* rows' workload (bench/paths.c, built once): count/4 openat+write pairs on
        a long path, so argument capture reads about 200 bytes of path and 64 of buffer per pair.
        Returns its wall time, keeps its CPU time in last_cpu."""
        binary = OUT / "bench-paths"
        if not binary.exists():
            OUT.mkdir(exist_ok=True)
            build(["cc", "-O2", "-Wall", "-Werror", "-o", str(binary), str(BENCH / "paths.c")])
        start = time.perf_counter()
        proc = subprocess.Popen([str(binary), str(self.scratch / "paths"), str(self.count // 4)],
                                stdout=subprocess.DEVNULL, preexec_fn=default_signals)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"bench-paths failed ({os.waitstatus_to_exitcode(status)})")
        self.last_cpu = usage.ru_utime + usage.ru_stime
        return seconds

    def scratch_file(self, name: str) -> Path:
        path = self.scratch / name
        remove(path)
        return path

    def discard(self, *paths: Path):
        if not self.keep:
            for path in paths:
                remove(path)

    def receiver_classpath(self) -> str:
        """The class path of the loopback OTLP receiver (exporters' test classes and their
        dependencies), resolved once per run with Maven (its dependency plugin, pinned in the
        parent pom, is downloaded on first use)."""
        if self._receiver_classpath is None:
            classes = REPO / "exporters" / "target" / "test-classes"
            if not (classes / "io" / "sysotel" / "exporters" / "otlp" / "LoopbackReceiver.class").exists():
                raise Unavailable(f"{classes.relative_to(REPO)} has no LoopbackReceiver: "
                                  "run mvn -q -B -DskipTests install")
            OUT.mkdir(exist_ok=True)
            listing = OUT / "receiver.classpath"
            done = subprocess.run(["mvn", "-q", "-B", "-ntp", "-f", str(REPO / "pom.xml"), "-pl", "exporters",
                                   "dependency:build-classpath", f"-Dmdep.outputFile={listing}",
                                   "-Dmdep.includeScope=test"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if done.returncode != 0 or not listing.exists():
                raise Unavailable(f"cannot resolve the receiver's class path: {last_line(done.stdout.decode())}")
            self._receiver_classpath = f"{classes}:{listing.read_text().strip()}"
        return self._receiver_classpath

    def bench_program(self, name: str, *defines: str) -> Path:
        """Compiles bench/NAME.bpf.c (with -D DEFINES) and the loader bench/attach.c, once per run."""
        obj = OUT / f"{name}.bpf.o"
        if name not in self._programs:
            OUT.mkdir(exist_ok=True)
            build([
                "clang", "-O2", "-g", "-target", "bpf", "-D__TARGET_ARCH_x86",
                f"-I{REPO / 'bpf' / 'include'}", f"-I{REPO / 'bpf'}", *[f"-D{d}" for d in defines],
                "-c", str(BENCH / f"{name}.bpf.c"), "-o", str(obj),
            ])
            if not self._programs:  # the loader, with the first program
                build(["cc", "-O2", "-Wall", "-Wextra", "-o", str(OUT / "attach"), str(BENCH / "attach.c"), "-lbpf"])
            self._programs.add(name)
        return obj


def default_signals():
    """Children start with SIGINT at its default: a harness started in the background (`&`,
    nohup) has it ignored, children inherit that, and a JVM that starts with SIGINT ignored
    never runs its shutdown hooks on SIGINT, so sysotel would not drain."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


PTRACE_TRACEME, PTRACE_PEEKUSER, PTRACE_DETACH, PTRACE_SYSCALL = 0, 3, 17, 24
PTRACE_SETOPTIONS, PTRACE_O_TRACESYSGOOD, PTRACE_O_EXITKILL = 0x4200, 0x1, 0x100000
ORIG_RAX_OFFSET = 15 * 8  # struct user_regs_struct on x86_64
SYS_READ = 0


LIBC = ctypes.CDLL(None, use_errno=True)
LIBC.ptrace.restype = ctypes.c_long
LIBC.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]


def ptrace(request: int, pid: int, addr: int = 0, data: int = 0) -> int:
    ctypes.set_errno(0)
    result = LIBC.ptrace(request, pid, addr, data)
    if result == -1 and ctypes.get_errno():
        raise OSError(ctypes.get_errno(), f"ptrace({request}): {os.strerror(ctypes.get_errno())}")
    return result


def traced_signals():
    """default_signals, and the child asks to be traced: it stops at its exec."""
    default_signals()
    ptrace(PTRACE_TRACEME, 0)


def hold_after_first_read(pid: int):
    """Lets a child started with traced_signals run until its first read(2) has returned, and
    leaves it stopped there (the caller detaches it). Syscall stops come in entry/exit pairs."""
    _, status = os.waitpid(pid, 0)  # the stop at exec
    if not os.WIFSTOPPED(status):
        raise RuntimeError(f"dd did not stop at exec (status {status:#x})")
    ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)
    entry, in_read = True, False
    while True:
        ptrace(PTRACE_SYSCALL, pid)
        _, status = os.waitpid(pid, 0)
        if not os.WIFSTOPPED(status):
            raise RuntimeError(f"dd ended before its first read (status {status:#x})")
        if os.WSTOPSIG(status) != (signal.SIGTRAP | 0x80):
            continue  # another stop: not a syscall (the signal is not passed on; dd expects none)
        if not entry and in_read:
            return
        in_read = entry and ptrace(PTRACE_PEEKUSER, pid, ORIG_RAX_OFFSET) == SYS_READ
        entry = not entry


def build(cmd: List[str]):
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise Unavailable(f"build failed: {' '.join(cmd[:1])}: {last_line(done.stdout.decode())}")


def remove(path: Path):
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def grep_count(path: Path, *fixed: str, regex: str) -> int:
    """Counts the lines of PATH that hold every fixed string and match the extended regex
    (grep is several times faster than Python over two million JSON lines)."""
    stages = [["grep", "-F", needle] for needle in fixed] + [["grep", "-c", "-E", regex]]
    stages[0].append(str(path))
    done = subprocess.run(["bash", "-c", " | ".join(shlex.join(s) for s in stages)],
                          stdout=subprocess.PIPE)
    out = done.stdout.decode().strip()  # grep -c prints 0 (and exits 1) when nothing matches
    return int(out) if out.isdigit() else 0


# ---------------------------------------------------------------------------------------------
# Processes a row starts: a tracer that runs beside dd, stopped with SIGINT, always reaped


class Tracer:
    """A background process with its output in files; stop() is safe to call twice."""

    def __init__(self, cmd: List[str], stdout: Path, stderr: Path):
        self.cmd = cmd
        self.stdout_path, self.stderr_path = stdout, stderr
        with open(stdout, "wb") as out, open(stderr, "wb") as err:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                         start_new_session=True, preexec_fn=default_signals)
        self.pid = self.proc.pid
        self.rss = RssSampler(self.pid)
        self.returncode: Optional[int] = None

    def running(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> int:
        if self.returncode is None:
            if self.running():
                self.proc.send_signal(signal.SIGINT)
                try:
                    self.proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            self.returncode = self.proc.returncode
            self.rss.stop()
        return self.returncode

    def stderr_tail(self) -> str:
        try:
            return last_line(self.stderr_path.read_text(errors="replace"))
        except OSError:
            return "(no stderr)"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class RssSampler:
    """Polls /proc/PID/status every 100 ms; the peak is the larger of the highest VmRSS seen and
    the last VmHWM read (the kernel's own high-water mark, which also catches short peaks)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                status = Path(f"/proc/{self.pid}/status").read_text()
            except OSError:
                return
            for key in ("VmRSS:", "VmHWM:"):
                m = re.search(rf"^{key}\s+(\d+) kB", status, re.M)
                if m:
                    self.peak_kb = max(self.peak_kb, int(m.group(1)))
            self._stop.wait(0.1)

    def stop(self):
        self._stop.set()
        self._thread.join()

    def peak_mb(self) -> Optional[float]:
        return self.peak_kb / 1024 if self.peak_kb else None


class IdleProcesses:
    """N `sleep 600` processes, alive for the `with` block and killed and reaped when it ends,
    also on failure or Ctrl-C. They share one process group of their own (so the terminal's
    Ctrl-C does not reach them, and one killpg reaches any that was started but not yet
    recorded), and each gets SIGKILL if the harness itself dies (PR_SET_PDEATHSIG), so none
    outlives the harness. When fork is refused (the pid limit) fewer are started: `refused`
    says why and `started` how many."""

    def __init__(self, n: int):
        self.wanted = n
        self.procs: List[subprocess.Popen] = []
        self.pgid: Optional[int] = None
        self.refused = ""

    @property
    def started(self) -> int:
        return len(self.procs)

    def alive(self) -> int:
        return sum(1 for p in self.procs if p.poll() is None)

    def __enter__(self):
        try:
            for _ in range(self.wanted):
                try:
                    proc = subprocess.Popen(["sleep", "600"], stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                            process_group=self.pgid or 0, preexec_fn=die_with_parent)
                except OSError as e:  # EAGAIN: the pid limit
                    self.refused = e.strerror or str(e)
                    break
                self.procs.append(proc)
                self.pgid = self.pgid or proc.pid
        except BaseException:
            self.kill()
            raise
        return self

    def __exit__(self, *exc):
        self.kill()

    def kill(self):
        if self.pgid:
            try:
                os.killpg(self.pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for proc in self.procs:
            proc.kill()
            proc.wait()


def die_with_parent():
    """In a child before exec: SIGKILL when the harness dies (prctl PR_SET_PDEATHSIG)."""
    PR_SET_PDEATHSIG = 1
    LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def wait_until(predicate: Callable[[], bool], timeout: float, alive: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        if not alive():
            return False
        time.sleep(0.1)
    return False


def wait_quiet(path: Path, quiet: float = 1.0, timeout: float = 60):
    """Waits until PATH has not grown for QUIET seconds."""
    deadline, size, since = time.monotonic() + timeout, -1, time.monotonic()
    while time.monotonic() < deadline:
        now = path.stat().st_size if path.exists() else 0
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.1)


def bpf_links_of(pid: int) -> List[int]:
    """Ids of the programs that process PID holds attached through BPF links (from fdinfo)."""
    ids = []
    fdinfo = Path(f"/proc/{pid}/fdinfo")
    try:
        entries = list(fdinfo.iterdir())
    except OSError:
        return ids
    for entry in entries:
        try:
            text = entry.read_text()
        except OSError:
            continue
        if "link_type:" in text:
            m = re.search(r"^prog_id:\s+(\d+)", text, re.M)
            if m:
                ids.append(int(m.group(1)))
    return ids


def program_names() -> dict:
    """Program id -> name, from `bpftool prog show`."""
    done = subprocess.run(["bpftool", "prog", "show"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    names = {}
    for m in re.finditer(r"^(\d+): \S+\s+name (\S+)", done.stdout.decode(), re.M):
        names[int(m.group(1))] = m.group(2)
    return names


def sysotel_attached(pid: int) -> bool:
    """True once a program named sysotel_sys_enter is attached by this very process (another
    engineer's collector may be running on the same machine)."""
    held = bpf_links_of(pid)
    if not held:
        return False
    names = program_names()
    return any(names.get(i, "").startswith(SYSOTEL_PROG_PREFIX) for i in held)


def sysotel_tracing(tracer: "Tracer") -> bool:
    """True once the collector has announced that it traces ("sysotel: tracing ..." on stderr:
    its pipelines are installed and its warm-up is done) with its program attached."""
    try:
        announced = "sysotel: tracing" in tracer.stderr_path.read_text(errors="replace")
    except OSError:
        return False
    return announced and sysotel_attached(tracer.pid)


# ---------------------------------------------------------------------------------------------
# Rows


@row("none", "no tracer")
def measure_none(ctx: Context) -> Sample:
    return Sample(ctx.dd_runs_median())


@contextlib.contextmanager
def attached(obj: Path):
    """Holds every program of the BPF object OBJ attached (bench/attach.c) while the block
    runs. The loader holds the links until its stdin closes; nothing is pinned, so nothing can
    stay attached after the block, whatever happens."""
    loader = subprocess.Popen([str(OUT / "attach"), str(obj)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              start_new_session=True, preexec_fn=default_signals)
    try:
        line = loader.stdout.readline().decode()
        if not line.startswith("attached"):
            loader.wait(10)
            raise Unavailable(f"loader: {last_line(loader.stderr.read().decode())}")
        yield
    finally:
        loader.stdin.close()
        try:
            loader.wait(10)
        except subprocess.TimeoutExpired:
            loader.kill()
            loader.wait()


@row("empty", "empty BPF program at tp_btf/sys_enter")
def measure_empty(ctx: Context) -> Sample:
    with attached(ctx.bench_program("empty")):
        return Sample(ctx.dd_runs_median())


def run_sysotel(ctx: Context, name: str, args: List[str], stopped_during_dd: bool = False,
                repeated: bool = False):
    """Starts `sysotel run ARGS`, runs dd once it is attached, stops it with SIGINT (it drains
    and flushes before exiting). With STOPPED_DURING_DD the collector's process is stopped
    (SIGSTOP) while dd runs and continued after: only its kernel program works meanwhile.
    REPEATED (rows that deliver nothing): dd runs ctx.dd_runs times, the median counts.
    Returns (dd seconds, tracer)."""
    if not os.environ.get("SYSOTEL"):
        jar = REPO / "dist" / "target" / "sysotel.jar"
        if not jar.exists():  # bin/sysotel would build it inside the timed run
            raise Unavailable(f"{jar.relative_to(REPO)} missing: run mvn -q -B -DskipTests package")
    cmd = ctx.sysotel + ["run"] + args
    try:
        tracer = Tracer(cmd, ctx.scratch_file(f"{name}.stdout"), ctx.scratch_file(f"{name}.stderr"))
    except OSError as e:
        raise Unavailable(f"cannot start {ctx.sysotel[0]}: {e.strerror}")
    with tracer:
        if not wait_until(lambda: sysotel_tracing(tracer), ATTACH_TIMEOUT_S, tracer.running):
            code = tracer.stop(10)
            raise Unavailable(f"not attached (exit {code}): {tracer.stderr_tail()}")
        time.sleep(SETTLE_AFTER_ATTACH_S)
        stop_collector = continue_collector = None
        if stopped_during_dd:
            # The collector is stopped once it has answered dd's first event (the loader's
            # read) with a verdict, as it does within milliseconds when it runs: the copy
            # then takes the path of every traced process, the kernel deciding from the
            # cached verdict.
            def stop_collector():
                time.sleep(VERDICT_WAIT_S)
                os.kill(tracer.pid, signal.SIGSTOP)

            def continue_collector():
                os.kill(tracer.pid, signal.SIGCONT)
        if repeated:
            seconds = ctx.dd_runs_median(before_each=stop_collector, after_each=continue_collector)
        else:
            try:
                seconds = ctx.dd(after_first_read=stop_collector)
            finally:
                if continue_collector:
                    continue_collector()
        code = tracer.stop()
    if code not in (0, 130):  # 130: the JVM's exit status after SIGINT
        raise RuntimeError(f"sysotel exited {code} after SIGINT: {tracer.stderr_tail()}")
    return seconds, tracer


def dd_events_in(path: Path) -> int:
    """Lines for a read or write of dd (one event per line in the seed's JSON shape), in the
    file and in any rotated files beside it (path.1, path.2, ...)."""
    files = [path] + sorted(path.parent.glob(path.name + ".[0-9]*"))
    return sum(grep_count(f, '"name":"dd"', regex='"function":"(read|write)"')
               for f in files if f.exists())


def sysotel_summary(tracer: Tracer) -> str:
    """sysotel's own account at exit (kernel lost, exported), shown beside the harness's count."""
    try:
        text = tracer.stderr_path.read_text(errors="replace")
    except OSError:
        return ""
    parts = []
    m = re.search(r"kernel: (\d+) seen, \d+ filtered, (\d+) submitted, (\d+) lost", text)
    if m:
        parts.append(f"sysotel: kernel seen {int(m.group(1)):,}, submitted {int(m.group(2)):,}, "
                     f"lost {int(m.group(3)):,}")
    m = re.search(r"sysotel\.exporter\.file\.exported (\d+)", text)
    if m:
        parts.append(f"exported {int(m.group(1)):,}")
    return ", ".join(parts)


def measure_sysotel_nothing(ctx: Context, name: str, condition: str, stopped: bool = False) -> Sample:
    """sysotel with a CONDITION that dd does not match: it should deliver nothing."""
    events = ctx.scratch_file(f"{name}.jsonl")
    seconds, tracer = run_sysotel(ctx, name, [
        "-c", condition, "-t", SYSOTEL_TASK, "--exporter", f"file={events}"], stopped_during_dd=stopped,
        repeated=True)
    delivered = dd_events_in(events)
    note = sysotel_summary(tracer)
    ctx.discard(events, tracer.stdout_path, tracer.stderr_path)
    return Sample(seconds, delivered=delivered, rss_mb=tracer.rss.peak_mb(), note=note)


@row("sysotel-idle", "sysotel, condition matches nothing")
def measure_sysotel_idle(ctx: Context) -> Sample:
    return measure_sysotel_nothing(ctx, "sysotel-idle", "process.name:no-such-process")


@row("idle-floor", "sysotel's kernel side alone: sysotel-idle, collector stopped during dd")
def measure_idle_floor(ctx: Context) -> Sample:
    return measure_sysotel_nothing(ctx, "idle-floor", "process.name:no-such-process", stopped=True)


@row("sysotel-capcond", "sysotel, capability condition matches nothing")
def measure_sysotel_capcond(ctx: Context) -> Sample:
    # dd runs as root with an empty ambient set, so it never matches.
    return measure_sysotel_nothing(ctx, "sysotel-capcond", "process.capamb:CAP_NET_RAW")


@row("sysotel-idle1000", f"sysotel, condition matches nothing, {IDLE_PROCESSES:,} idle processes")
def measure_sysotel_idle1000(ctx: Context) -> Sample:
    with IdleProcesses(IDLE_PROCESSES) as idle:  # started before sysotel, killed after it
        sample = measure_sysotel_nothing(ctx, "sysotel-idle1000", "process.name:no-such-process")
        alive = idle.alive()
    sample.note = ", ".join(filter(None, [
        f"{alive:,} of {IDLE_PROCESSES:,} idle processes alive after dd"
        + (f" (fork refused after {idle.started:,}: {idle.refused})" if idle.refused else ""),
        sample.note]))
    return sample


# The pipeline of `run -c "process.name:dd" -t TASK --exporter file=PATH`, written as a
# configuration only to raise the file exporter's rotation limit: the ad-hoc form rotates at
# 100 MiB and keeps 5 files, and two million full events take about a gigabyte, so rotation
# would delete events the harness must count.
SYSOTEL_FILE_CONFIG = """\
exporters:
  file:
    path: "{events}"
    maxSizeMb: {max_mb}
pipelines:
  bench:
    condition: "process.name:dd"
    task: "{task}"
    exporters: [file]
"""


def measure_sysotel_to_file(ctx: Context, name: str, task: str, kernel_only: bool = False) -> Sample:
    """sysotel with the pipeline of SYSOTEL_FILE_CONFIG running TASK: every event of dd to a file.
    KERNEL_ONLY: a ring that holds every event, the collector stopped while dd runs."""
    events = ctx.scratch_file(f"{name}.jsonl")
    config = ctx.scratch_file(f"{name}.yaml")
    max_mb = max(100, ctx.expected * 2048 // (1 << 20))  # 2 KiB per event: no rotation
    text = SYSOTEL_FILE_CONFIG.format(events=events, max_mb=max_mb, task=task)
    config.write_text((KERNEL_ONLY_SERVICE + text) if kernel_only else text)
    seconds, tracer = run_sysotel(ctx, name, ["--config", str(config)], stopped_during_dd=kernel_only)
    note = sysotel_summary(tracer)
    if kernel_only:
        # What reached the ring and what did not: the row measures the kernel side, not the
        # export of the backlog after the collector is continued, so the file is not read.
        account = sysotel_account(tracer, "file")
        ctx.discard(events, config, tracer.stdout_path, tracer.stderr_path,
                    *events.parent.glob(events.name + ".[0-9]*"))
        if account is None:
            raise RuntimeError("sysotel printed no account of the kernel's counts at exit")
        return Sample(seconds, delivered=account["submitted"], lost=account["lost"], note=note)
    delivered = dd_events_in(events)
    files = [f for f in [events] + list(events.parent.glob(events.name + ".[0-9]*")) if f.exists()]
    last_write = max((f.stat().st_mtime for f in files), default=0.0)
    rate = delivered / (last_write - ctx.last_start) if delivered and last_write > ctx.last_start else None
    ctx.discard(events, config, tracer.stdout_path, tracer.stderr_path,
                *events.parent.glob(events.name + ".[0-9]*"))
    return Sample(seconds, delivered=delivered, lost=max(0, ctx.expected - delivered),
                  rss_mb=tracer.rss.peak_mb(), rate=rate, note=note)


@row("sysotel-file", "sysotel, every read/write of dd to a JSON file")
def measure_sysotel_file(ctx: Context) -> Sample:
    return measure_sysotel_to_file(ctx, "sysotel-file", SYSOTEL_TASK)


# The kernel-floor row: a ring of 1 GiB holds all of dd's events (about 200 bytes each).
KERNEL_ONLY_SERVICE = """\
service:
  kernel:
    ringBufferSize: 1GiB
"""


@row("kernel-floor", "sysotel's kernel side alone: sysotel-file into a 1 GiB ring, collector stopped during dd "
                     "(delivered: into the ring)")
def measure_kernel_floor(ctx: Context) -> Sample:
    # What full delivery costs dd before any user-space work competes for the CPUs: the
    # program runs in dd's context while the collector's process is stopped, and drains the
    # ring afterwards. No consumer, however fast, can make the sysotel-file row cheaper.
    return measure_sysotel_to_file(ctx, "kernel-floor", SYSOTEL_TASK, kernel_only=True)


# The ring-floor row: bytes a record of bench/ring.bpf.c takes in the ring (sysotel's 192-byte
# event header and the ring's 8-byte record header).
RING_RECORD_BYTES = 200


@row("ring-floor", "the simplest ring-buffer tracer: a record of sysotel's header size per read/write of dd, "
                   "timestamped, into a ring nobody reads (delivered: into the ring)")
def measure_ring_floor(ctx: Context) -> Sample:
    # What writing one timestamped record per event costs dd at sys_enter, before capturing an
    # argument or running a consumer: the floor under full delivery for any ring-buffer tracer
    # (bench/ring.bpf.c). The ring holds the whole run, a power of two of at most 1 GiB; what
    # did not fit is counted as lost.
    need = (ctx.expected + 65536) * RING_RECORD_BYTES
    ring_bytes = min(1 << 30, 1 << (need - 1).bit_length())
    obj = ctx.bench_program("ring", f"RING_BYTES={ring_bytes}")
    with attached(obj):
        seconds = ctx.dd()
        submitted, lost = ring_counts()
    return Sample(seconds, delivered=submitted, lost=lost)


def ring_counts() -> Tuple[int, int]:
    """The (submitted, lost) counters of bench/ring.bpf.c, summed over the CPUs."""
    done = subprocess.run(["bpftool", "-j", "map", "dump", "name", "ring_counts"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise RuntimeError(f"bpftool map dump: {last_line(done.stderr.decode())}")
    submitted = lost = 0
    for entry in json.loads(done.stdout):
        for per_cpu in entry["values"]:
            raw = bytes(int(b, 16) for b in per_cpu["value"])
            submitted += int.from_bytes(raw[0:8], "little")
            lost += int.from_bytes(raw[8:16], "little")
    return submitted, lost


@row("sysotel-compact", "sysotel, the same with compact events (no arguments)")
def measure_sysotel_compact(ctx: Context) -> Sample:
    # Compact events have no "args"; dd_events_in counts them the same way (process name, function).
    return measure_sysotel_to_file(ctx, "sysotel-compact", SYSOTEL_TASK + ";compact:true")


def measure_paths_sysotel(ctx: Context, name: str, task: str) -> Sample:
    """sysotel tracing bench-paths's openat and write to a JSON file with TASK's options."""
    events = ctx.scratch_file(f"{name}.jsonl")
    config = ctx.scratch_file(f"{name}.yaml")
    max_mb = max(100, ctx.count * 2048 // (1 << 20))
    config.write_text(SYSOTEL_FILE_CONFIG.format(events=events, max_mb=max_mb, task=task)
                      .replace("process.name:dd", "process.name:bench-paths"))
    if not os.environ.get("SYSOTEL") and not (REPO / "dist" / "target" / "sysotel.jar").exists():
        raise Unavailable("dist/target/sysotel.jar missing: run mvn -q -B -DskipTests package")
    try:
        tracer = Tracer(ctx.sysotel + ["run", "--config", str(config)],
                        ctx.scratch_file(f"{name}.stdout"), ctx.scratch_file(f"{name}.stderr"))
    except OSError as e:
        raise Unavailable(f"cannot start {ctx.sysotel[0]}: {e.strerror}")
    with tracer:
        if not wait_until(lambda: sysotel_tracing(tracer), ATTACH_TIMEOUT_S, tracer.running):
            code = tracer.stop(10)
            raise Unavailable(f"not attached (exit {code}): {tracer.stderr_tail()}")
        time.sleep(SETTLE_AFTER_ATTACH_S)
        seconds = ctx.paths()
        code = tracer.stop()
    if code not in (0, 130):
        raise RuntimeError(f"sysotel exited {code} after SIGINT: {tracer.stderr_tail()}")
    files = [events] + sorted(events.parent.glob(events.name + ".[0-9]*"))
    delivered = sum(grep_count(f, '"name":"bench-paths"', regex='"function":"(openat|write)"')
                    for f in files if f.exists())
    expected = 2 * (ctx.count // 4)
    note = sysotel_summary(tracer)
    ctx.discard(events, config, tracer.stdout_path, tracer.stderr_path, *files[1:])
    return Sample(seconds, delivered=delivered, lost=max(0, expected - delivered),
                  rss_mb=tracer.rss.peak_mb(), note=note)


@row("paths-none", "openat/write workload on a long path (bench/paths.c), no tracer")
def measure_paths_none(ctx: Context) -> Sample:
    return Sample(ctx.paths())


@row("paths-full", "the same, sysotel with arguments (path and buffer read in the kernel)")
def measure_paths_full(ctx: Context) -> Sample:
    return measure_paths_sysotel(ctx, "paths-full", "syscalls|functions:openat+write")


@row("paths-compact", "the same, sysotel with compact events (no arguments)")
def measure_paths_compact(ctx: Context) -> Sample:
    return measure_paths_sysotel(ctx, "paths-compact", "syscalls|functions:openat+write;compact:true")


class LoopbackReceiver:
    """The OTLP/gRPC receiver of the sysotel-otlp row, a process of its own: a grpc-java server
    that decodes each request with the opentelemetry-proto classes and counts the log records
    (io.sysotel.exporters.otlp.LoopbackReceiver, in the exporters' test classes)."""

    def __init__(self, classpath: str):
        # The client compiler only: the receiver stands in for a collector on another machine,
        # and C2 recompiling its receive path took over a second of the cores under test.
        self.proc = subprocess.Popen(["java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                                      "io.sysotel.exporters.otlp.LoopbackReceiver"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     start_new_session=True, preexec_fn=default_signals)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("grpc "):
            self.close()
            raise Unavailable(f"the loopback receiver did not start: {line.strip() or 'no output'}")
        self.port = int(line.split()[1])

    def counts(self) -> dict:
        """records, requests, and the wall-clock times (s) of the first and last request."""
        self.proc.stdin.write(b"count\n")
        self.proc.stdin.flush()
        f = self.proc.stdout.readline().decode().split()
        values = dict(zip(f[::2], (int(v) for v in f[1::2])))
        return {"records": values["records"], "requests": values["requests"],
                "first": values["first"] / 1e9, "last": values["last"] / 1e9}

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# Loopback: no compression (it would cost CPU on both ends to save bandwidth that loopback does
# not lack); batching as configured by default.
SYSOTEL_OTLP_CONFIG = """\
exporters:
  otlp:
    endpoint: "http://127.0.0.1:{port}"
    protocol: grpc
    compression: none
pipelines:
  bench:
    condition: "process.name:dd"
    task: "{task}"
    exporters: [otlp]
"""


def sysotel_account(tracer: Tracer, exporter: str) -> Optional[dict]:
    """sysotel's counts at exit: kernel seen/filtered/submitted/lost, user-space filtered, and the
    exporter's exported/dropped/failed."""
    try:
        text = tracer.stderr_path.read_text(errors="replace")
    except OSError:
        return None
    m = re.search(r"kernel: (\d+) seen, (\d+) filtered, (\d+) submitted, (\d+) lost", text)
    u = re.search(r"user space: (\d+) filtered", text)
    if not m or not u:
        return None
    out = dict(zip(("seen", "kfiltered", "submitted", "lost"), map(int, m.groups())), ufiltered=int(u.group(1)))
    for what in ("exported", "dropped", "failed"):
        e = re.search(rf"sysotel\.exporter\.{re.escape(exporter)}\.{what} (\d+)", text)
        out[what] = int(e.group(1)) if e else 0
    return out


@row("sysotel-otlp", "sysotel -> OTLP/gRPC on loopback")
def measure_sysotel_otlp(ctx: Context) -> Sample:
    """Every read and write of dd as an OTLP log record to a receiver process on loopback."""
    classpath = ctx.receiver_classpath()
    config = ctx.scratch_file("sysotel-otlp.yaml")
    with LoopbackReceiver(classpath) as receiver:
        config.write_text(SYSOTEL_OTLP_CONFIG.format(port=receiver.port, task=SYSOTEL_TASK))
        seconds, tracer = run_sysotel(ctx, "sysotel-otlp", ["--config", str(config)])
        got = receiver.counts()
    a = sysotel_account(tracer, "otlp")
    ctx.discard(config, tracer.stdout_path, tracer.stderr_path)
    if a is None:
        raise RuntimeError(f"no account from sysotel: {tracer.stderr_tail()}")
    delivered = got["records"]
    unaccounted = a["seen"] - (a["kfiltered"] + a["lost"] + a["ufiltered"] + a["exported"] + a["dropped"] + a["failed"])
    rate = delivered / (got["last"] - ctx.last_start) if delivered and got["last"] > ctx.last_start else None
    note = (f"sysotel: seen {a['seen']:,}, filtered {a['kfiltered'] + a['ufiltered']:,}, lost {a['lost']:,}, "
            f"exported {a['exported']:,}, dropped {a['dropped']:,}, failed {a['failed']:,}, "
            f"unaccounted {unaccounted:,}; receiver: {delivered:,} records in {got['requests']:,} requests"
            + (f", {rate:,.0f}/s" if rate else ""))
    return Sample(seconds, delivered=delivered, lost=max(0, ctx.expected - delivered),
                  rss_mb=tracer.rss.peak_mb(), rate=rate, unaccounted=unaccounted, note=note)


@row("bpftrace", "bpftrace, printf per read/write of dd")
def measure_bpftrace(ctx: Context) -> Sample:
    if not Path("/sys/kernel/tracing/events").is_dir():
        subprocess.run(["mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing"], check=False)
    out, err = ctx.scratch_file("bpftrace.out"), ctx.scratch_file("bpftrace.err")
    try:
        tracer = Tracer(["bpftrace", "-e", BPFTRACE_PROGRAM], out, err)
    except OSError as e:
        raise Unavailable(f"cannot start bpftrace: {e.strerror}")
    with tracer:
        attached = lambda: b"Attaching" in out.read_bytes()[:4096]
        if not wait_until(attached, ATTACH_TIMEOUT_S, tracer.running):
            code = tracer.stop(10)
            raise Unavailable(f"bpftrace not attached (exit {code}): {tracer.stderr_tail()}")
        seconds = ctx.dd()
        # bpftrace exits on SIGINT without reading what is still in its perf buffers; let it
        # catch up first, as sysotel drains before exiting.
        wait_quiet(out)
        tracer.stop()
    delivered = grep_count(out, regex="^tracepoint:syscalls:sys_enter_(read|write) ")
    # bpftrace reports perf buffer loss as "Lost N events" lines among its output; the table
    # shows expected - delivered, which also covers anything left unread.
    reported = 0
    for path in (out, err):
        done = subprocess.run(["grep", "-o", "-E", "^Lost [0-9]+ events", str(path)],
                              stdout=subprocess.PIPE)
        reported += sum(int(w.split()[1]) for w in done.stdout.decode().splitlines())
    ctx.discard(out, err)
    return Sample(seconds, delivered=delivered, lost=max(0, ctx.expected - delivered),
                  note=f"bpftrace reported {reported:,} lost")


@row("strace", "strace -f -o /dev/null")
def measure_strace(ctx: Context) -> Sample:
    return Sample(ctx.dd(["strace", "-f", "-o", "/dev/null"]))


# ---------------------------------------------------------------------------------------------
# Running, aggregating, reporting


def run(rows: List[Row], ctx: Context, reps: int, settle: float):
    ctx.dd()  # warm-up, not measured
    for rep in range(reps):
        for r in rows:
            if r.unavailable:
                continue
            try:
                sample = r.measure(ctx)
            except Unavailable as e:
                r.unavailable = str(e)
                print(f"  {r.key}: unavailable: {e}", file=sys.stderr, flush=True)
                continue
            except RuntimeError as e:
                print(f"  {r.key} rep {rep + 1}: failed: {e}", file=sys.stderr, flush=True)
                continue
            if sample.cpu is None:
                sample.cpu = ctx.last_cpu
            r.samples.append(sample)
            extra = "" if sample.delivered is None else f", delivered {sample.delivered}"
            extra += "" if sample.lost is None else f", lost {sample.lost}"
            extra += "" if sample.rss_mb is None else f", peak RSS {sample.rss_mb:.0f} MB"
            extra += f" ({sample.note})" if sample.note else ""
            print(f"  rep {rep + 1}/{reps} {r.key}: {sample.seconds:.3f} s (cpu {sample.cpu:.3f} s){extra}",
                  file=sys.stderr, flush=True)
            time.sleep(settle)


def median_of(r: Optional[Row], attr: str) -> Optional[float]:
    values = [getattr(s, attr) for s in r.samples if getattr(s, attr) is not None] if r else []
    return statistics.median(values) if values else None


def table(rows: List[Row], reps: int) -> List[str]:
    base = median_of(next((r for r in rows if r.key == "none"), None), "seconds")
    base_cpu = median_of(next((r for r in rows if r.key == "none"), None), "cpu")
    header = ["row", "dd median s", "min-max s", "x no tracer", "dd CPU s", "CPU x no tracer",
              "delivered (min)", "lost (max)", "delivered/s (median)", "peak RSS MB (max)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["--:"] * 9) + "|"]
    for r in rows:
        title = f"{r.key}: {r.title}"
        if not r.samples:
            reason = r.unavailable or "no successful repetition"
            lines.append(f"| {title} | unavailable: {reason.replace('|', '/')} |" + "  |" * 9)
            continue
        secs = [s.seconds for s in r.samples]
        med, cpu = statistics.median(secs), median_of(r, "cpu")
        delivered = [s.delivered for s in r.samples if s.delivered is not None]
        lost = [s.lost for s in r.samples if s.lost is not None]
        rss = [s.rss_mb for s in r.samples if s.rss_mb is not None]
        rate = median_of(r, "rate")
        cells = [
            title,
            f"{med:.3f}",
            f"{min(secs):.3f}-{max(secs):.3f}",
            f"{med / base:.2f}" if base else "-",
            f"{cpu:.3f}" if cpu else "-",
            f"{cpu / base_cpu:.2f}" if cpu and base_cpu else "-",
            f"{min(delivered):,}" if delivered else "-",
            f"{max(lost):,}" if lost else "-",
            f"{rate:,.0f}" if rate else "-",
            f"{max(rss):.0f}" if rss else "-",
        ]
        if len(r.samples) < reps:
            cells[0] += f" ({len(r.samples)}/{reps} reps)"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def targets(rows: List[Row]) -> List[str]:
    """Verdicts on the medians of wall time, as the issue states them; the CPU-time ratio is
    shown beside them because it is less disturbed by other work on the machine."""
    by = {r.key: r for r in rows}

    def ratio(key: str, base: str, attr: str) -> Optional[float]:
        num, den = median_of(by.get(key), attr), median_of(by.get(base), attr)
        return num / den if num and den else None

    verdicts = []

    def verdict(ok: Optional[bool], text: str, measured: str):
        mark = "n/a" if ok is None else ("met" if ok else "MISSED")
        verdicts.append(f"- {text}: **{mark}** ({measured})")

    for key in ("sysotel-idle", "sysotel-capcond", "sysotel-idle1000"):  # matching nothing
        wall, cpu = ratio(key, "empty", "seconds"), ratio(key, "empty", "cpu")
        if wall:
            verdict(wall <= 1.05, TARGETS[key], f"{wall:.3f}x wall, {cpu:.3f}x CPU")
        else:
            verdict(None, TARGETS[key], "rows not measured")
    full, full_cpu = ratio("sysotel-file", "none", "seconds"), ratio("sysotel-file", "none", "cpu")
    if full:
        lost = max((s.lost or 0) for s in by["sysotel-file"].samples)
        verdict(full <= 1.6 and lost == 0, TARGETS["sysotel-file"],
                f"{full:.2f}x wall, {full_cpu:.2f}x CPU, {lost:,} lost")
    else:
        verdict(None, TARGETS["sysotel-file"], "rows not measured")
    otlp = by.get("sysotel-otlp")
    rate = median_of(otlp, "rate")
    if rate:
        unaccounted = max(abs(s.unaccounted or 0) for s in otlp.samples)
        slowdown = ratio("sysotel-otlp", "none", "seconds")
        verdict(rate >= 300_000 and unaccounted == 0, TARGETS["sysotel-otlp"],
                f"{rate:,.0f} records/s, {unaccounted:,} unaccounted"
                + (f", {slowdown:.2f}x dd wall" if slowdown else ""))
    else:
        verdict(None, TARGETS["sysotel-otlp"], "row not measured")
    floor = ratio("kernel-floor", "none", "seconds")
    if floor:
        lost = max((s.lost or 0) for s in by["kernel-floor"].samples)
        verdicts += [f"- Kernel side alone (kernel-floor / none): {floor:.2f}x dd wall, "
                     f"{ratio('kernel-floor', 'none', 'cpu'):.2f}x CPU, {lost:,} lost at most: "
                     "the floor under the sysotel-file row on this machine."]
    ring_floor = ratio("ring-floor", "none", "seconds")
    if ring_floor:
        lost = max((s.lost or 0) for s in by["ring-floor"].samples)
        verdicts += [f"- Simplest ring-buffer tracer (ring-floor / none): {ring_floor:.2f}x dd wall, "
                     f"{ratio('ring-floor', 'none', 'cpu'):.2f}x CPU, {lost:,} lost at most: one timestamped "
                     "record per event written into a ring, no argument read, no consumer; what any tracer "
                     "that delivers every event pays here before doing more."]
    idle_floor = ratio("idle-floor", "empty", "seconds")
    if idle_floor:
        verdicts += [f"- Kernel side alone, matching nothing (idle-floor / empty): {idle_floor:.3f}x dd wall, "
                     f"{ratio('idle-floor', 'empty', 'cpu'):.3f}x CPU: what the sysotel-idle row pays in the "
                     "kernel, without the collector's process running."]
    rss = [s.rss_mb for k in by if k.startswith("sysotel-")
           for s in by[k].samples if s.rss_mb is not None]
    if rss:
        verdict(max(rss) <= 160, TARGETS["rss"], f"{max(rss):.0f} MB")
    else:
        verdict(None, TARGETS["rss"], "not measured")

    # Not a target: OTLP against the JSON file, records/s delivered (medians).
    per_s = ratio("sysotel-otlp", "sysotel-file", "rate")
    if per_s:
        verdicts += ["", f"OTLP versus JSON file (sysotel-otlp / sysotel-file): {per_s:.2f}x records/s delivered, "
                         f"{ratio('sysotel-otlp', 'sysotel-file', 'seconds'):.2f}x dd median wall (medians)."]

    # Not a target: what leaving out the arguments buys, compact over full.
    wall, cpu = ratio("sysotel-compact", "sysotel-file", "seconds"), ratio("sysotel-compact", "sysotel-file", "cpu")
    delivered = ratio("sysotel-compact", "sysotel-file", "delivered")
    if wall:
        verdicts += ["", f"Compact versus full arguments (sysotel-compact / sysotel-file): "
                         f"{wall:.2f}x dd median wall, {cpu:.2f}x CPU, "
                         + (f"{delivered:.2f}x delivered (medians)." if delivered else "delivered n/a.")]
    # Not a target: argument capture on a workload with long paths, each over its own no-tracer row.
    full, full_cpu = ratio("paths-full", "paths-none", "seconds"), ratio("paths-full", "paths-none", "cpu")
    compact, compact_cpu = ratio("paths-compact", "paths-none", "seconds"), ratio("paths-compact", "paths-none", "cpu")
    if full and compact:
        verdicts += ["", f"Long paths (paths-* rows, over paths-none; their x-no-tracer column is over dd's): "
                         f"full {full:.2f}x wall, {full_cpu:.2f}x CPU; compact {compact:.2f}x wall, "
                         f"{compact_cpu:.2f}x CPU."]
    return verdicts


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def report(rows: List[Row], ctx: Context, reps: int) -> str:
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode().strip()
    head = [
        f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC} "
        f"at commit {commit or '?'}; kernel {platform.release()}; "
        f"{cpu_model()} x {os.cpu_count()}; "
        f"`dd bs=1 count={ctx.count:,}` ({ctx.expected:,} syscalls), {reps} repetitions per row"
        f" ({ctx.dd_runs} dd runs per repetition, their median, for the rows that deliver nothing).",
        "",
    ]
    return "\n".join(head + table(rows, reps) + ["", "Targets:", ""] + targets(rows)) + "\n"


def write_readme(text: str):
    readme = README.read_text()
    start, end = readme.find(MARK_START), readme.find(MARK_END)
    if start < 0 or end < start:
        raise SystemExit(f"{README}: markers {MARK_START} / {MARK_END} not found")
    README.write_text(readme[: start + len(MARK_START)] + "\n" + text + readme[end:])


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reps", type=int, default=5, help="repetitions of every row (default 5)")
    p.add_argument("--dd-runs", type=int, default=3,
                   help="dd runs per repetition, median taken, for the rows that deliver nothing "
                        "(none, empty, the non-matching sysotel rows; default 3)")
    p.add_argument("--count", type=int, default=1_000_000, help="dd count (default 1000000)")
    p.add_argument("--rows", default=",".join(r.key for r in ROWS),
                   help="comma-separated rows, default all: " + ",".join(r.key for r in ROWS))
    p.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    p.add_argument("--keep", action="store_true", help="keep the tracers' output files")
    p.add_argument("--settle", type=float, default=0.5, help="pause between runs, s (default 0.5)")
    return p.parse_args()


def main():
    args = parse_args()
    if os.geteuid() != 0:
        raise SystemExit("run as root: the rows attach BPF programs")
    known = {r.key: r for r in ROWS}
    wanted = [k.strip() for k in args.rows.split(",") if k.strip()]
    unknown = [k for k in wanted if k not in known]
    if unknown:
        raise SystemExit(f"unknown rows {unknown}; known: {', '.join(known)}")
    rows = [known[k] for k in wanted]
    # SIGTERM and SIGHUP unwind like Ctrl-C, so every row's finally stops its tracer.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, _frame: sys.exit(128 + signum))
    with tempfile.TemporaryDirectory(prefix="sysotel-bench-") as tmp:
        scratch = OUT / "runs" / time.strftime("%Y%m%d-%H%M%S") if args.keep else Path(tmp)
        scratch.mkdir(parents=True, exist_ok=True)
        ctx = Context(args.count, scratch, args.keep, args.dd_runs)
        print(f"rows {','.join(wanted)}; {args.reps} reps; {args.dd_runs} dd runs per repetition of the rows"
              f" that deliver nothing; dd count {args.count}; scratch {scratch}",
              file=sys.stderr, flush=True)
        run(rows, ctx, args.reps, args.settle)
    text = report(rows, ctx, args.reps)
    print(text)
    if not args.no_readme:
        write_readme(text)
        print(f"updated {README.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
