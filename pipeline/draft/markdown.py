"""A Draft as Markdown: the same parts as the DOCX, fields to fill in <mark>…</mark>, footnotes as [^n]."""
from __future__ import annotations

import re
from pathlib import Path

from .compose import Draft, DraftSection, Paragraph
from .docx_writer import motto

_SPECIAL = re.compile(r"([\\`*_<>|])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


class _Markdown:
    def __init__(self, draft: Draft):
        self.draft = draft
        self.numbers: dict[str, int] = {}

    def runs(self, paragraph: Paragraph) -> str:
        out = []
        for run in paragraph:
            if run.footnote is not None:
                number = self.numbers.setdefault(run.footnote, len(self.numbers) + 1)
                out.append(f"[^{number}]")
            elif run.highlight:
                out.append(f"<mark>{_escape(run.text)}</mark>")
            else:
                out.append(_escape(run.text))
        return "".join(out)

    def section(self, s: DraftSection, lines: list[str]) -> None:
        lines += ["#" * min(s.level + 1, 6) + " " + self.runs(s.heading), ""]
        for p in s.paragraphs:
            lines += [self.runs(p), ""]
        for table in s.tables:
            width = max(len(r) for r in table)
            for i, row in enumerate(table):
                cells = [self.runs((c,)) for c in row] + [""] * (width - len(row))
                lines.append("| " + " | ".join(cells) + " |")
                if i == 0:
                    lines.append("|" + "---|" * width)
            lines.append("")
        for child in s.children:
            self.section(child, lines)

    def render(self) -> str:
        d = self.draft
        left = "<br>".join([self.runs(d.parent_agency), "**" + self.runs(d.agency) + "**", self.runs(d.number)])
        right = "<br>".join([f"**{motto()[0]}**", f"**{motto()[1]}**", "*" + self.runs(d.place_date) + "*"])
        lines = [f"| {left} | {right} |", "|:---:|:---:|", ""]
        lines += [f"# {d.doc_type.upper()}", "", "**" + self.runs(d.subject) + "**", ""]
        if len(d.recipients) == 1:
            lines += [f"Kính gửi: {self.runs(d.recipients[0])}.", ""]
        else:
            lines += ["Kính gửi:", ""] + [f"- {self.runs(r)}" for r in d.recipients] + [""]
        if d.opening:
            lines += [self.runs(d.opening), ""]
        for s in d.sections:
            self.section(s, lines)
        if d.closing:
            lines += [self.runs(d.closing), ""]
        signer = []
        for authority, position, name in d.signers:
            signer += [f"**{x.upper()}**" for x in (authority, position) if x] + ["", f"**{name or '<mark>[Họ và tên]</mark>'}**"]
        lines += ["***Nơi nhận:***", ""]
        lines += [f"- {self.runs(item)}{'.' if i == len(d.distribution) - 1 else ';'}" for i, item in enumerate(d.distribution)]
        lines += [""] + ([s + "  " for s in signer] if signer else ["<mark>[CHỨC VỤ NGƯỜI KÝ]</mark>"]) + [""]
        texts = {f.marker: f.paragraph for f in d.footnotes}
        for marker in texts:
            self.numbers.setdefault(marker, len(self.numbers) + 1)
        for marker, number in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            if marker in texts:
                lines.append(f"[^{number}]: {self.runs(texts[marker])}")
        return "\n".join(lines).rstrip() + "\n"


def render_markdown(draft: Draft) -> str:
    return _Markdown(draft).render()


def write_markdown(draft: Draft, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(render_markdown(draft), "utf-8")
    return path
