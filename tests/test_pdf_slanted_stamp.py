"""The slanted red stamp LuatVietnam prints across a law's title on its web prints ('Hiệu lực: Đã
biết' / 'Tình trạng hiệu lực: Đã biết', its baseline turned 8°) is left out of the text layer
(read.layout.turned, SLANT), on the pdfplumber path too: page_objects' character dicts carry the
matrix the slant test reads. Without it the stamp's words ran into the title ('PHÒNG, CHỐNG MA TÚY
biết') and the Căn cứ lines. Table: real web prints in corpus/eval/dev, page 1, the title's lines
as printed and the first Căn cứ line as printed."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pipeline.read import read
from pipeline.read.pdf import page_objects

DEV = Path(__file__).resolve().parent.parent / "corpus" / "eval" / "dev"

CASES = [
    ("luat-120-2025-qh15-phong-chong-ma-tuy-web-print.pdf",
     ["LUẬT", "PHÒNG, CHỐNG MA TÚY"],
     "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã"),
    ("luat-73-2021-qh14-phong-chong-ma-tuy-luatvietnam.pdf",
     ["LUẬT", "PHÒNG, CHỐNG MA TÚY"],
     "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"),
    ("luat-16-2008-qh12-sua-doi-phong-chong-ma-tuy-web-print.pdf",
     ["LUẬT", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA", "LUẬT PHÒNG, CHỐNG MA TÚY",
      "CỦA QUỐC HỘI KHÓA XII, KỲ HỌP THỨ 3, SỐ 16/2008/QH12", "NGÀY 03 THÁNG 06 NĂM 2008"],
     "Căn cứ Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm"),
]


@pytest.mark.parametrize("name,title,can_cu", CASES, ids=[c[0] for c in CASES])
def test_stamp_words_are_not_read(name, title, can_cu):
    lines = [line.text for line in read(DEV / name, pages=[1]).pages[0].lines]
    text = "\n".join(lines)
    assert "biết" not in text and "Hiệulực" not in text.replace(" ", "")
    start = lines.index(title[0])
    assert lines[start:start + len(title)] == title
    assert can_cu in lines


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_page_objects_characters_carry_the_matrix(name):
    with pdfplumber.open(str(DEV / name)) as ref, pdfplumber.open(str(DEV / name)) as fast:
        page_objects(fast.pages[0])
        assert [c["matrix"] for c in fast.pages[0].chars] == [c["matrix"] for c in ref.pages[0].chars]
