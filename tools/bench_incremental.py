"""`make bench`: what a `pipeline run` costs on a 64-document project: full, nothing changed, one document edited.

The documents are overlapping slices of the dossier, so their catalogues are seeded with the
dossier's committed drafts (the setup translates only what the slices add); the runs are
`python -m pipeline run` processes, start-up included.  A benchmark, not a test: it prints
min and median of a few runs each, and the machine's load, which such figures depend on.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def documents(count: int) -> dict[str, str]:
    """`count` documents, each a sixteenth of the dossier's blocks, starting further on for each (all
    their text is the dossier's, so its catalogues hold a draft for every entry)."""
    blocks = [b for b in (ROOT / "source" / "dossier.fr.md").read_text(encoding="utf-8").split("\n\n") if b.strip()]
    size = max(1, len(blocks) // 16)
    found = {}
    for i in range(count):
        start = i * len(blocks) // count
        chosen = (blocks + blocks)[start:start + size]
        while chosen[0].startswith("---"):  # a rule at the top would open front matter
            chosen = chosen[1:]
        found[f"fiche{i:02d}.fr.md"] = "\n\n".join(chosen).strip() + "\n"
    return found


def seed(project: Path) -> None:
    """Fill each empty entry of the project's catalogues with the dossier's draft for the same text."""
    for committed in sorted((ROOT / "locales").glob("*/LC_MESSAGES/dossier.po")):
        drafts = {e.msgid: e for e in polib.pofile(str(committed)) if e.msgstr and not e.obsolete}
        for path in sorted((project / "locales" / committed.parts[-3] / "LC_MESSAGES").glob("*.po")):
            po = polib.pofile(str(path), wrapwidth=79)
            for entry in po:
                found = drafts.get(entry.msgid)
                if found is not None and not entry.msgstr and not entry.obsolete:
                    entry.msgstr, entry.tcomment, entry.flags = found.msgstr, found.tcomment, list(found.flags)
            po.save(str(path))


def pipeline(project: Path, *args: str) -> float:
    """Seconds one `pipeline run` process takes (this checkout's code)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "-C", str(project), "-q", "run", *args], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def review(project: Path, domain: str, k: int) -> float:
    """A translator reviews the first draft of one English catalogue; seconds the next run takes."""
    path = project / "locales" / "en" / "LC_MESSAGES" / f"{domain}.po"
    po = polib.pofile(str(path), wrapwidth=79)
    entry = next(e for e in po if e.msgstr and e.fuzzy)
    entry.msgstr, entry.flags = f"{entry.msgstr} ({k})", [f for f in entry.flags if f != "fuzzy"]
    po.save(str(path))
    return pipeline(project)


def figures(name: str, times: list[float]) -> None:
    print(f"{name:<34} min {min(times):6.2f} s  median {statistics.median(times):6.2f} s  ({len(times)} runs)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
        if (ROOT / "glossary.csv").exists():
            shutil.copy(ROOT / "glossary.csv", project / "glossary.csv")
        (project / "source").mkdir()
        for name, text in documents(args.documents).items():
            (project / "source" / name).write_text(text, encoding="utf-8")
        setup = time.perf_counter()
        pipeline(project, "--no-translate")
        seed(project)
        pipeline(project)  # drafts what the dossier's catalogues did not have
        entries = sum(len(polib.pofile(str(p))) for p in (project / "locales").glob("*.pot"))
        print(f"project: {args.documents} documents, {entries} entries, "
              f"{len(list((project / 'locales').glob('*/LC_MESSAGES/*.po')))} catalogues "
              f"(set up in {time.perf_counter() - setup:.0f} s)")
        full, idle, edited, bare, saved = [], [], [], [], []
        for _ in range(args.repeat):
            shutil.rmtree(project / "build")
            full.append(pipeline(project))
        for _ in range(args.repeat):
            idle.append(pipeline(project))
        for k in range(2 * args.repeat):
            source = project / "source" / f"fiche{(7 * k + 3) % args.documents:02d}.fr.md"
            source.write_text(source.read_text(encoding="utf-8") + f"\nUne phrase ajoutée pour la mesure {k}.\n",
                              encoding="utf-8")
            (edited if k < args.repeat else bare).append(pipeline(project, *(["--no-translate"] if k >= args.repeat
                                                                               else [])))
        pipeline(project)  # drafts what the runs without engines left
        for k in range(args.repeat):
            saved.append(review(project, f"fiche{(5 * k + 1) % args.documents:02d}", k))
        figures("full run (no build/, no state)", full)
        figures("nothing changed", idle)
        figures("one document edited", edited)
        figures("one document edited, --no-translate", bare)
        figures("one en catalogue saved", saved)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
