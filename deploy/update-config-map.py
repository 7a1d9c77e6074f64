#!/usr/bin/python3
"""Rewrites the bundled files inside deploy/kubernetes/config.yaml (ConfigMap ioc-config) from config/.

DeploymentDescriptorsTest fails when a file of config/ that the ConfigMap mounts changed; run this, review the diff,
commit. The city's cameras.yaml and the ioc-env ConfigMap are kept as they are. Usage: deploy/update-config-map.py
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "deploy/kubernetes/config.yaml"


def block(key: str, text: str) -> str:
    # Literal block scalar keeping the file's exact ending: one newline "|", none "|-", more "|+".
    indicator = "|+" if text.endswith("\n\n") else "|" if text.endswith("\n") else "|-"
    lines = text.rstrip("\n").split("\n")
    body = "".join(("    " + line if line.strip() else "") + "\n" for line in lines)
    if indicator == "|+":
        body += "\n" * (len(text) - len(text.rstrip("\n")) - 1)
    return f"  {key}: {indicator}\n{body}"


def main() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\ndata:\n")
    data, sep2, tail = rest.partition("\n---\n")
    # Entries of the data: section, in order: "  key: |" followed by its indented lines.
    entries = re.findall(r"^  (\S+): \|[+-]?\n((?:(?:    .*)?\n)*)", data + "\n", flags=re.M)
    out = []
    for key, body in entries:
        source = ROOT / "config" / (key.replace("scene-", "scenes/", 1) if key.startswith("scene-") else key)
        if key == "cameras.yaml" or not source.exists():
            out.append(f"  {key}: " + re.search(rf"^  {re.escape(key)}: (\|[+-]?\n(?:(?:    .*)?\n)*)", data + "\n", flags=re.M).group(1))
        else:
            out.append(block(key, source.read_text(encoding="utf-8")))
    MANIFEST.write_text(head + sep + "".join(out).rstrip("\n") + "\n" + sep2 + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
