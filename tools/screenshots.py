"""PNG screenshots of the pages people look at, with Debian's headless Chromium: `make screenshots`.

build/en/review.html, build/ar/dossier.html (right to left) and build/report.html
-> build/screenshots/*.png, 1280 px wide, for a look at layout and RTL rendering
without a desktop.  Chromium runs offline (no background networking, no sync,
no component updates) with a fresh profile each time, and as root without its
sandbox, as containers need.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("en/review.html", "ar/dossier.html", "report.html")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1280,2000")


def shoot(page: Path, png: Path, browser: str) -> None:
    """One screenshot of `page` into `png`; a failure names the page and Chromium's last words."""
    with tempfile.TemporaryDirectory(prefix="pipeline-chromium-") as profile:
        proc = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
                               page.resolve().as_uri()], capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0 or not png.is_file():
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"error: {page}: no screenshot ({browser} exit {proc.returncode}: {last})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", type=Path, default=ROOT / "build", help="the build folder (default: build)")
    args = parser.parse_args(argv)
    browser = shutil.which("chromium")
    if browser is None:
        print("error: Chromium is missing: sudo apt-get install $(cat tools/screenshot-packages.txt)", file=sys.stderr)
        return 1
    out = args.build / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        page = args.build / name
        if not page.is_file():
            print(f"error: {page}: missing; run `pipeline run` first", file=sys.stderr)
            return 1
        png = out / (name.removesuffix(".html").replace("/", "-") + ".png")
        shoot(page, png, browser)
        print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
