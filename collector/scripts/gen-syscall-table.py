#!/usr/bin/env python3
"""Generate the x86_64 syscall table resource of the collector.

Numbers and names come from the Linux uapi header asm/unistd_64.h (package
linux-libc-dev); argument types and names from the kernel's sys_enter_* tracepoint
format files in tracefs. Syscalls without a tracepoint take their arguments from
the reviewed supplement file beside the output. Needs root to read tracefs:

    mount -t tracefs nodev /sys/kernel/tracing   # if not mounted yet
    python3 collector/scripts/gen-syscall-table.py

Output lines: number<TAB>name<TAB>type name;type name;...<TAB>source, where "-"
stands for no arguments and source is the tracepoint or "supplement".
"""

import argparse
import os
import platform
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(
    HERE, "..", "src", "main", "resources", "io", "sysotel", "collector", "syscalls")
DEFAULT_OUTPUT = os.path.join(RESOURCES, "x86_64.tsv")
DEFAULT_SUPPLEMENT = os.path.join(RESOURCES, "x86_64-supplement.tsv")
DEFAULT_NUMBERS = os.path.join(RESOURCES, "x86_64-numbers.tsv")
DEFAULT_UNISTD = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
DEFAULT_TRACEFS = "/sys/kernel/tracing"

# unistd name -> tracepoint name, where the kernel's SYSCALL_DEFINE name differs.
TRACEPOINT_ALIASES = {
    "stat": "newstat",
    "fstat": "newfstat",
    "lstat": "newlstat",
    "uname": "newuname",
    "sendfile": "sendfile64",
    "umount2": "umount",
}

FIELD = re.compile(r"^\s*field:(?P<decl>[^;]+);")
DEFINE = re.compile(r"^#define\s+__NR_(?P<name>\w+)\s+(?P<nr>\d+)\s*$")


def read_unistd(path):
    numbers = {}
    with open(path) as f:
        for line in f:
            m = DEFINE.match(line)
            if m:
                numbers[m.group("name")] = int(m.group("nr"))
    if not numbers:
        sys.exit(f"{path}: no __NR_ definitions found")
    return numbers


def read_numbers(path):
    """Reviewed numbers of syscalls newer than the headers: name -> number."""
    numbers = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            nr, name = line.split()
            numbers[name] = int(nr)
    return numbers


def headers_version(unistd_path):
    """The uapi headers' version from linux/version.h next to them, if present."""
    include = os.path.dirname(os.path.dirname(os.path.dirname(unistd_path)))
    try:
        with open(os.path.join(include, "linux", "version.h")) as f:
            text = f.read()
    except OSError:
        return "unknown"
    parts = [re.search(rf"LINUX_VERSION_{k}\s+(\d+)", text) for k in
             ("MAJOR", "PATCHLEVEL", "SUBLEVEL")]
    return ".".join(p.group(1) for p in parts) if all(parts) else "unknown"


def read_tracepoint_args(fmt_path):
    """(type, name) of each syscall argument; skips common_* and __* bookkeeping fields."""
    args = []
    with open(fmt_path) as f:
        for line in f:
            m = FIELD.match(line)
            if not m:
                continue
            decl = m.group("decl").strip()
            type_, _, name = decl.rpartition(" ")
            if name.startswith("common_") or name.startswith("__"):
                continue
            args.append((type_.strip(), name))
    return args


def read_supplement(path):
    entries = {}
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3:
                sys.exit(f"{path}:{lineno}: expected name<TAB>arguments<TAB>reference")
            name, args, _reference = cols
            entries[name] = parse_args(args, f"{path}:{lineno}")
    return entries


def parse_args(text, where):
    if text == "-":
        return []
    args = []
    for decl in text.split(";"):
        type_, _, name = decl.strip().rpartition(" ")
        if not type_ or not name:
            sys.exit(f"{where}: bad argument \"{decl}\", expected \"type name\"")
        args.append((type_, name))
    return args


def format_args(args):
    return ";".join(f"{t} {n}" for t, n in args) if args else "-"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tracefs", default=DEFAULT_TRACEFS)
    p.add_argument("--unistd", default=DEFAULT_UNISTD)
    p.add_argument("--supplement", default=DEFAULT_SUPPLEMENT)
    p.add_argument("--numbers", default=DEFAULT_NUMBERS,
                   help="reviewed numbers of syscalls newer than the headers")
    p.add_argument("-o", "--output", default=DEFAULT_OUTPUT, help="'-' for stdout")
    opts = p.parse_args()

    events = os.path.join(opts.tracefs, "events", "syscalls")
    if not os.path.isdir(events):
        sys.exit(f"{events} not found: mount tracefs first "
                 f"(mount -t tracefs nodev {opts.tracefs}) and run as root")
    numbers = read_unistd(opts.unistd)
    for name, nr in read_numbers(opts.numbers).items():
        numbers.setdefault(name, nr)
    supplement = read_supplement(opts.supplement)

    rows, unused_supplement = [], set(supplement)
    for name, nr in sorted(numbers.items(), key=lambda kv: kv[1]):
        tracepoint = "sys_enter_" + TRACEPOINT_ALIASES.get(name, name)
        fmt = os.path.join(events, tracepoint, "format")
        if os.path.exists(fmt):
            rows.append((nr, name, read_tracepoint_args(fmt), tracepoint))
        elif name in supplement:
            unused_supplement.discard(name)
            rows.append((nr, name, supplement[name], "supplement"))
        else:
            sys.exit(f"{name} ({nr}): no {tracepoint} tracepoint and no line in "
                     f"{opts.supplement}; add one from its man page")

    # Tracepoints of syscalls newer than the headers: worth a newer linux-libc-dev.
    covered = {"sys_enter_" + TRACEPOINT_ALIASES.get(n, n) for n in numbers}
    newer = sorted(d[len("sys_enter_"):] for d in os.listdir(events)
                   if d.startswith("sys_enter_") and d not in covered)

    kernel = platform.release()
    lines = [
        f"# x86_64 syscalls: tracepoints of kernel {kernel}, numbers from unistd_64.h "
        f"of Linux headers {headers_version(opts.unistd)} and x86_64-numbers.tsv",
        "# generated by: python3 collector/scripts/gen-syscall-table.py (do not edit; "
        "fix the script, x86_64-supplement.tsv or x86_64-numbers.tsv)",
        "# number<TAB>name<TAB>type name;... (\"-\" = none)<TAB>source",
    ]
    if newer:
        lines.append("# tracepoints on this kernel without a number in these headers: "
                     + ", ".join(newer))
    lines += [f"{nr}\t{name}\t{format_args(args)}\t{source}" for nr, name, args, source in rows]
    text = "\n".join(lines) + "\n"

    if opts.output == "-":
        sys.stdout.write(text)
    else:
        with open(opts.output, "w") as f:
            f.write(text)
    print(f"{len(rows)} syscalls ({sum(r[3] == 'supplement' for r in rows)} from the "
          f"supplement), max number {rows[-1][0]}", file=sys.stderr)
    if unused_supplement:
        print("supplement lines not needed on this kernel: "
              + ", ".join(sorted(unused_supplement)), file=sys.stderr)


if __name__ == "__main__":
    main()
