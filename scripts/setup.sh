#!/usr/bin/env bash
# Installs the system packages the tests and the demo rely on, when missing (Debian 12).
# Java, Maven and Node come with the machine; JavaCV, ONNX Runtime, Kafka, Flink and PostgreSQL come from Maven.
set -euo pipefail
need=()
command -v ffmpeg >/dev/null || need+=(ffmpeg)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  echo "Installing: ${need[*]}"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null; }; then
    # Nothing in the test suite needs these yet; the demo's tools do. Say so instead of failing the run.
    echo "warning: could not install ${need[*]} (apt-get failed); continuing" >&2
  fi
fi
