#!/usr/bin/python3
"""Serves MP4 files over RTSP with GStreamer's RTSP server, for ingest tests and the demo.

Usage: rtsp-server.py PORT NAME=FILE.mp4 [NAME=FILE.mp4 ...]
Each file is served once per session at rtsp://127.0.0.1:PORT/NAME (H.264 passed through, not re-encoded);
prints READY when listening.
Run with Debian's /usr/bin/python3 (python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-good/-bad).
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(sys.argv[1])
    mounts = server.get_mount_points()
    for spec in sys.argv[2:]:
        name, path = spec.split("=", 1)
        factory = GstRtspServer.RTSPMediaFactory()
        # One shared pipeline per mount; the demuxed H.264 is sent as it is (no re-encoding).
        factory.set_launch(
            f'( filesrc location="{path}" ! qtdemux name=d d.video_0 ! queue ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )')
        factory.set_shared(True)
        factory.set_eos_shutdown(False)
        mounts.add_factory("/" + name, factory)
    if server.attach(None) == 0:
        print("cannot listen on port " + sys.argv[1], file=sys.stderr)
        sys.exit(1)
    print("READY", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
