"""`make bench`: throughput of extraction (md2po) and reassembly (po2md) on a 5 MB French corpus.

A benchmark, not a test: it prints figures and fails only if a round trip is wrong.
"""
from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

import polib

from pipeline.assemble import assemble
from pipeline.catalog import build_catalog, dump, merge, read_catalog, translations
from pipeline.locales import language
from pipeline.segment import segment

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 5 * 1024 * 1024


def corpus() -> str:
    """The dossier repeated to 5 MB, each copy's text lines made distinct so msgids do not collapse."""
    dossier = (ROOT / "source" / "dossier.fr.md").read_text(encoding="utf-8")
    copies, size, k = [], 0, 0
    while size < TARGET_BYTES:
        copy = re.sub(r"(?m)^(?=[A-ZÀ-Ý])", f"V{k} ", dossier)
        copies.append(copy)
        size += len(copy.encode("utf-8"))
        k += 1
    return "\n\n".join(copies)


def main() -> int:
    text = corpus()
    mb = len(text.encode("utf-8")) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        src, po_path = Path(tmp) / "corpus.md", Path(tmp) / "corpus.po"
        src.write_text(text, encoding="utf-8")

        t0 = time.perf_counter()
        pot = build_catalog(segment(src.read_text(encoding="utf-8"), "corpus.md"), "bench", "fr")
        po_path.write_text(dump(pot), encoding="utf-8")
        t_extract = time.perf_counter() - t0

        po = polib.pofile(str(po_path))
        for entry in po:
            entry.msgstr = entry.msgid  # identity: the output must equal the input
        po.save(str(po_path))

        t0 = time.perf_counter()
        source = src.read_text(encoding="utf-8")
        table = translations(read_catalog(po_path))
        out = assemble(source, segment(source, "corpus.md"), table)
        t_assemble = time.perf_counter() - t0

    print(f"corpus: {mb:.2f} MB, {len(pot)} distinct entries")
    print(f"md2po (segment + write POT):        {t_extract:6.2f} s  {mb / t_extract:6.2f} MB/s")
    print(f"po2md (read PO + segment + splice): {t_assemble:6.2f} s  {mb / t_assemble:6.2f} MB/s")
    if out != text:
        print("error: identity round trip differs from the source", file=sys.stderr)
        return 1
    print("identity round trip: byte-identical")

    edited = re.sub(r"(?m)^(V\d*[05] )", r"\1modifié ", text)  # one paragraph in ten changes
    new_pot = build_catalog(segment(edited, "corpus.md"), "bench", "fr")
    t0 = time.perf_counter()
    merged = merge(new_pot, po, language("en"))
    t_merge = time.perf_counter() - t0
    fuzzy = sum(1 for e in merged if e.fuzzy)
    print(f"update after editing {fuzzy} of {len(new_pot)} entries: {t_merge:6.2f} s (each inherits its old translation as fuzzy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
