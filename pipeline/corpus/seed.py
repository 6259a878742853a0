"""The seed report (corpus/real/bao-cao-tuyen-truyen-pctp-quy-I-2023.txt) laid out again as a Decree 30
PDF with a printed header, so the digital path has one real text with a hand-checked answer.

The header is synthetic (the real one was lost when the text was extracted): agency "UBND TỈNH LẠNG
SƠN" / "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", number SEED_HEADER["number"], Lạng Sơn, 28 March 2023. The body
is the seed text, its hard line breaks joined back into paragraphs.

    python -m pipeline.corpus.seed corpus/real    # writes the .pdf and its .pdf.expected.json
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
import sys
from pathlib import Path

from ..contract import dumps
from .generate import DocSpec, Mark, SectionSpec, issue_date_line
from .render_pdf import render_pdf

SEED_NAME = "bao-cao-tuyen-truyen-pctp-quy-I-2023"
SEED_HEADER = {
    "agency": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "parent_agency": "UBND TỈNH LẠNG SƠN",
    "number": "86/BC-STTTT",
    "doc_type": "Báo cáo",
    "place": "Lạng Sơn",
    "date": "2023-03-28",
}


def _paragraphs(lines: list[str]) -> list[str]:
    paras: list[str] = []
    for line in lines:
        starts_new = (not paras or line.startswith(("- ", "Trên đây")) or re.match(r"^\d\. ", line) or line == "Đánh giá"
                      or paras[-1].endswith((":", "./.")) or paras[-1] == "Đánh giá"
                      or re.match(r"^\d\. ", paras[-1]))
        if starts_new:
            paras.append(line)
        else:
            paras[-1] += " " + line
    return paras


def seed_spec(txt: Path) -> DocSpec:
    raw = [" ".join(l.split()) for l in txt.read_text("utf-8").splitlines()]
    lines = [l for l in raw if l]
    i_recipient = next(i for i, l in enumerate(lines) if l.startswith("Kính gửi:"))
    subject = " ".join(lines[1:i_recipient])
    i_place = lines.index("Nơi nhận:")
    body = lines[i_recipient + 1 : i_place]
    # the footnote is the block from "1Công văn" to the line ending "người."
    f0 = next(i for i, l in enumerate(body) if l.startswith("1Công văn"))
    f1 = next(i for i in range(f0, len(body)) if body[i] == "người.")
    note = " ".join(body[f0 : f1 + 1])[1:]
    body = body[:f0] + body[f1 + 1 :]
    paras = _paragraphs(body)
    opening = [[paras[0]]]
    sections: list[SectionSpec] = []
    closing = None
    for p in paras[1:]:
        m = re.match(r"^(\d)\. (.+)$", p)
        if m:
            sections.append(SectionSpec(m.group(1), m.group(2), 1, p, m.group(1)))
        elif p == "Đánh giá":
            sections[-1].children.append(SectionSpec(None, p, 2, p, f"{sections[-1].number}/{p}"))
        elif p.startswith("Trên đây"):
            closing = [p]
        else:
            target = sections[-1].children[-1] if sections[-1].children else sections[-1]
            if "văn bản1" in p:
                a, b = p.split("văn bản1", 1)
                target.paras.append([a + "văn bản", Mark("1"), b])
            else:
                target.paras.append([p])
    distribution = [[l.lstrip("- ").rstrip(";.")] for l in lines[i_place + 1 :] if l.startswith("- ")]
    date = dt.date.fromisoformat(SEED_HEADER["date"])
    return DocSpec(
        id=SEED_NAME, doc_type="Báo cáo", type_heading="BÁO CÁO", parent_lines=[SEED_HEADER["parent_agency"]],
        agency_lines=[SEED_HEADER["agency"]], party=False, number=SEED_HEADER["number"], number_prefix="Số:",
        place="Lạng Sơn", date=date, date_line=issue_date_line("Lạng Sơn", date),
        subject_lines=[subject], subject_under_number=False,
        recipients=[[lines[i_recipient].split(":", 1)[1].strip().rstrip(".")]], recipients_inline=True,
        opening=opening, authority_line=None, decides_line=None, sections=sections, closing=closing,
        footnotes=[("1", [note], "1")], signers=[("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Hải Yến", "Lê Hải Yến")],
        distribution=distribution, pages_hint=3,
    )


def render_seed(folder: Path) -> tuple[Path, Path]:
    folder = Path(folder)
    txt = folder / f"{SEED_NAME}.txt"
    spec = seed_spec(txt)
    pdf = folder / f"{SEED_NAME}.pdf"
    info = render_pdf(spec, pdf, title="Báo cáo kết quả tuyên truyền PCTP quý I/2023 (seed, synthetic header)")
    answer = copy.deepcopy(json.loads((folder / f"{SEED_NAME}.expected.json").read_text("utf-8")))
    answer["note"] = ("Answer for the seed report laid out as a Decree 30 PDF (pipeline/corpus/seed.py): the answer "
                      "of the .txt plus the printed header, which is synthetic (made up for this rendering).")
    answer["source"] = {"format": "pdf", "text_source": "text-layer", "pages": info["pages"]}
    answer["header"] = {**SEED_HEADER, **{k: v for k, v in answer["header"].items() if k not in SEED_HEADER}}
    answer["kind"] = "digital"
    ans = folder / f"{SEED_NAME}.pdf.expected.json"
    ans.write_text(dumps(answer) + "\n", "utf-8")
    return pdf, ans


if __name__ == "__main__":
    for p in render_seed(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus/real")):
        print(p)
