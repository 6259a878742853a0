"""Write generated documents to a folder, in every rendering, with one answer file per document.

    DIR/<id>.txt                 the plain text (also the ground truth for the character error rate)
    DIR/<id>.pdf                 born-digital PDF (Decree 30 layout)
    DIR/<id>.docx                Word
    DIR/<id>.legacy.pdf          PDF whose text layer is TCVN3
    DIR/<id>.scan-<level>.pdf    image-only scan, level mild/medium/hard
    DIR/<file>.expected.json     the answer for <file> (baocao.report/1 form plus id, split, kind, truth_text)
    DIR/manifest.json            every document: file, answer, id, split, kind

The split (train/dev/test) comes from a hash of the report id, so it never changes when more
reports are generated. One scan per report by default, its level cycling mild → medium → hard;
``scan_levels="all"`` writes all three. About a quarter of the scans carry a handwritten number; their
answer has header.number = null and ``header_truth.number`` the number that was written.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

from ..contract import dumps
from .generate import GeneratedReport, generate

KINDS = ("text", "digital", "docx", "legacy", "scan")
SCAN_LEVELS = ("mild", "medium", "hard")
SOURCE = {
    "text": ("text", "plain"),
    "digital": ("pdf", "text-layer"),
    "docx": ("docx", "plain"),
    "legacy": ("pdf", "legacy-converted"),
    "scan-mild": ("pdf", "ocr"),
    "scan-medium": ("pdf", "ocr"),
    "scan-hard": ("pdf", "ocr"),
}


def _answer(report: GeneratedReport, kind: str, truth: str, pages: int | None, handwritten: bool) -> dict:
    a = copy.deepcopy(report.answer)
    if kind != "text":
        a.pop("entities", None)
    a["kind"] = kind
    a["truth_text"] = truth
    fmt, source = SOURCE[kind]
    a["source"] = {"format": fmt, "text_source": source, **({"pages": pages} if pages else {})}
    if handwritten:
        a["header_truth"] = {"number": a["header"]["number"]}
        a["header"]["number"] = None
        a["number_handwritten"] = True
    return a


def build(out: str | Path, n: int, seed: int = 0, *, kinds=KINDS, scan_levels: str = "cycle", dpi: int = 200,
          max_pages: int | None = None, start: int = 0, progress=None) -> list[dict]:
    from .render_docx import render_docx
    from .render_legacy import render_legacy
    from .render_pdf import render_pdf
    from .render_scan import render_scan

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    manifest: list[dict] = []

    def put(report, kind, file, pages=None, handwritten=False):
        answer = _answer(report, kind, f"{report.id}.txt", pages, handwritten)
        (out / f"{file}.expected.json").write_text(dumps(answer) + "\n", "utf-8")
        manifest.append({"file": file, "answer": f"{file}.expected.json", "id": report.id, "split": report.split,
                         "kind": kind})

    reports = generate(n, seed, start=start, max_pages=max_pages)
    for i, r in enumerate(reports):
        # the text is always written: it is the ground truth for the character error rate
        (out / f"{r.id}.txt").write_text(r.text, "utf-8")
        if "text" in kinds:
            put(r, "text", f"{r.id}.txt")
        if "digital" in kinds:
            info = render_pdf(r.spec, out / f"{r.id}.pdf")
            put(r, "digital", f"{r.id}.pdf", info["pages"])
        if "docx" in kinds:
            render_docx(r.spec, out / f"{r.id}.docx")
            put(r, "docx", f"{r.id}.docx")
        if "legacy" in kinds:
            info = render_legacy(r.spec, out / f"{r.id}.legacy.pdf")
            put(r, "legacy", f"{r.id}.legacy.pdf", info["pages"])
        if "scan" in kinds:
            levels = SCAN_LEVELS if scan_levels == "all" else (SCAN_LEVELS[(start + i) % 3],)
            for level in levels:
                handwritten = hash_share(r.id, level) < 0.25
                info = render_scan(r.spec, out / f"{r.id}.scan-{level}.pdf", level=level, dpi=dpi,
                                   handwritten_number=handwritten)
                put(r, f"scan-{level}", f"{r.id}.scan-{level}.pdf", info["pages"], handwritten)
        if progress:
            progress(i + 1, len(reports))
    (out / "manifest.json").write_text(
        json.dumps({"generator": "baocao corpus build", "seed": seed, "n": n, "start": start,
                    "documents": manifest}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return manifest


def hash_share(*parts: str) -> float:
    import hashlib

    return int(hashlib.sha256(":".join(parts).encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
