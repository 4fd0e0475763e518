"""Fetch the JavaScript the HTML view inlines (sigma, graphology) from the npm registry, or check the copies.

The HTML page must work offline and be mailed as one file, so the two browser
bundles are package data in src/provenance/views/assets/, each with its
licence, and versions.json records where each file came from: the package,
its version, the tarball's npm integrity hash (checked on download) and the
SHA-256 of every file written (checked by ``--check`` and by the tests).

    python scripts/update_vendor.py            # download the pinned versions, verify, write, record
    python scripts/update_vendor.py --check    # offline: the files match versions.json

sigma is pinned to 3.0.3: sigma 4 (npm's ``latest`` since October 2026)
changed its API, and the page's code draws a blank canvas with it.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import sys
import tarfile
import urllib.request
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "src" / "provenance" / "views" / "assets"
RECORD = ASSETS / "versions.json"
REGISTRY = "https://registry.npmjs.org"

#: package -> (version, {file in the tarball: file written in assets/})
PINNED: dict[str, tuple[str, dict[str, str]]] = {
    "graphology": (
        "0.26.0",
        {
            "package/dist/graphology.umd.min.js": "graphology.umd.min.js",
            "package/LICENSE.txt": "graphology.LICENSE.txt",
        },
    ),
    "sigma": (
        "3.0.3",
        {"package/dist/sigma.min.js": "sigma.min.js", "package/LICENSE.txt": "sigma.LICENSE.txt"},
    ),
}


def _get(url: str) -> bytes:
    if not url.startswith(REGISTRY + "/"):
        raise SystemExit(f"refusing to fetch {url}: only {REGISTRY} is used")
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - https registry URL checked above
        data: bytes = response.read()
        return data


def _integrity_ok(data: bytes, integrity: str) -> bool:
    """npm's Subresource-Integrity string (``sha512-<base64>``) matches ``data``."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in {"sha512", "sha384", "sha256"}:
        return False
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == expected


def _cleaned(name: str, data: bytes) -> bytes:
    """A bundle without its source-map comment: the page must request nothing, not even a .map file."""
    if not name.endswith(".js"):
        return data
    text = data.decode("utf-8")
    return re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE).rstrip().encode("utf-8") + b"\n"


def update() -> dict[str, object]:
    record: dict[str, object] = {}
    for package, (version, files) in PINNED.items():
        meta = json.loads(_get(f"{REGISTRY}/{package}/{version}"))
        tarball, integrity = meta["dist"]["tarball"], meta["dist"]["integrity"]
        data = _get(tarball)
        if not _integrity_ok(data, integrity):
            raise SystemExit(f"{package} {version}: the tarball does not match the registry's integrity {integrity}")
        written: dict[str, str] = {}
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member, target in files.items():
                extracted = archive.extractfile(member)
                if extracted is None:
                    raise SystemExit(f"{package} {version}: {member} is missing from {tarball}")
                content = _cleaned(target, extracted.read())
                (ASSETS / target).write_bytes(content)
                written[target] = hashlib.sha256(content).hexdigest()
        record[package] = {
            "version": version,
            "license": meta.get("license"),
            "tarball": tarball,
            "integrity": integrity,
            "files": written,
        }
        print(f"{package} {version}: {', '.join(written)}")
    RECORD.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return record


def check() -> list[str]:
    """Every recorded file is present and has its recorded SHA-256; returns the problems."""
    problems = []
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    for package, entry in record.items():
        if entry["version"] != PINNED[package][0]:
            problems.append(f"{package}: versions.json has {entry['version']}, the pin is {PINNED[package][0]}")
        for name, digest in entry["files"].items():
            path = ASSETS / name
            if not path.exists():
                problems.append(f"{name} is missing")
            elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                problems.append(f"{name} differs from the copy recorded in versions.json")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="check the vendored files offline, download nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        print("vendored JavaScript OK" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
