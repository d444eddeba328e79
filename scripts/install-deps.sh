#!/usr/bin/env bash
# Installs what sysotel and its tests need on Debian 12, as root. Idempotent and quiet when
# everything is there already.
set -euo pipefail

runtime=(libbpf1)
build=(openjdk-17-jdk-headless maven)
tests=(gcc libc6-dev clang llvm bpftool libcap2-bin strace bpftrace podman runc busybox-static procps openssl)

want=("${runtime[@]}")
case "${1:-all}" in
  runtime) ;;
  build) want+=("${build[@]}") ;;
  all) want+=("${build[@]}" "${tests[@]}") ;;
  *) echo "usage: $0 [runtime|build|all]" >&2; exit 2 ;;
esac

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A JDK or Maven installed outside Debian's packages (e.g. under /usr/lib/jvm) also serves.
if command -v javac >/dev/null && [[ " ${missing[*]} " == *" openjdk-17-jdk-headless "* ]]; then
  missing=("${missing[@]/openjdk-17-jdk-headless}")
fi
if command -v mvn >/dev/null && [[ " ${missing[*]} " == *" maven "* ]]; then
  missing=("${missing[@]/maven}")
fi
read -r -a missing <<< "${missing[*]}"
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing packages: ${missing[*]} (run as root to install them)" >&2
    exit 3
  fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
