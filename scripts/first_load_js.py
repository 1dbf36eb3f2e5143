"""First-load JavaScript of pages of a built Next.js app, gzipped: the scripts a
modern browser loads for each page (its HTML's `<script src>`, without the
`noModule` polyfills), read from `.next/static` and compressed with gzip -6.

Usage: python scripts/first_load_js.py FRONTEND_DIR BASE_URL PATH [PATH ...]
(the app built and served at BASE_URL, e.g. `next start`).
"""

from __future__ import annotations

import gzip
import re
import sys
import urllib.request
from pathlib import Path

SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"(/_next/static/[^\"]+\.js)\"[^>]*>")


def first_load(frontend: Path, base_url: str, path: str, cookie: str = "") -> tuple[int, int, int]:
    """(scripts, raw bytes, gzip bytes) of one page (asked with `cookie`: a session's)."""
    request = urllib.request.Request(base_url.rstrip("/") + path)
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request) as response:
        html = response.read().decode("utf-8")
    sources = sorted(
        {
            match.group(1)
            for match in SCRIPT.finditer(html)
            if "nomodule" not in match.group(0).lower()
        }
    )
    raw = compressed = 0
    for source in sources:
        data = (frontend / ".next/static" / source.removeprefix("/_next/static/")).read_bytes()
        raw += len(data)
        compressed += len(gzip.compress(data, compresslevel=6))
    return len(sources), raw, compressed


def main(arguments: list[str]) -> None:
    frontend, base_url, *paths = arguments
    print("| page | scripts | raw (kB) | gzip (kB) |\n|---|---|---|---|")
    for path in paths:
        count, raw, compressed = first_load(Path(frontend), base_url, path)
        print(f"| `{path}` | {count} | {raw / 1024:.1f} | {compressed / 1024:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
