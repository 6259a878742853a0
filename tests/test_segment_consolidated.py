"""A văn bản hợp nhất prints its own header at its end, in the block headed "XÁC THỰC VĂN BẢN HỢP NHẤT": the office,
its "Số: …/VBHN-…" and the place and date (Pháp lệnh 01/2012/UBTVQH13). Real dev documents of corpus/eval (values
read off the rendered last pages) and the same block as plain text."""
from functools import lru_cache

import pytest

from tests.conftest import CORPUS

DEV = CORPUS / "eval" / "dev"


@lru_cache(maxsize=None)
def _report(path):
    from pipeline import read, segment

    return segment(read(path, ocr_workers=1))


CASES = [
    # a Công báo edition: the block printed, the number and date typed
    ("vbhn-18-vpqh-bo-luat-lao-dong-2026-congbao-pages1-2-88.pdf",
     dict(agency="VĂN PHÒNG QUỐC HỘI", number="18/VBHN-VPQH", place="Hà Nội", date="2026-02-12"),
     ("CHỦ NHIỆM", "Lê Quang Mạnh")),
    # a signed last page scanned under an OCR layer: number and day left blank in print, written in by hand
    ("bo-luat-hinh-su-vbhn-135-vpqh-2025-pages1-2-277.pdf",
     dict(agency="VĂN PHÒNG QUỐC HỘI", number=None, place="Hà Nội", date=None),
     ("CHỦ NHIỆM", "Lê Quang Tùng")),
    # a phone scan of the signed page (OCR): number and day handwritten
    ("vbhn-20-bct-website-tmdt-2020-pages1-2-21.pdf",
     dict(agency="BỘ CÔNG THƯƠNG", number=None, place="Hà Nội", date=None),
     (None, "Trần Tuấn Anh")),
]


@pytest.mark.parametrize("name, header, signer", CASES, ids=[c[0][:12] for c in CASES])
def test_header_from_the_authentication_block(name, header, signer):
    report = _report(DEV / name)
    assert {k: getattr(report.header, k) for k in header} == header
    assert report.header.doc_type == "Văn bản hợp nhất"
    # the heading is neither the signer's authority nor its position, the office is no authority either
    [s] = report.signers
    if signer[0] is not None:
        assert (s.authority, s.position, s.name) == (None,) + signer
    assert s.name == signer[1]
    # the block's lines are not left in the body
    last = report.sections[-1].text if report.sections else ""
    assert "XÁC THỰC" not in last and "VBHN" not in last
    if header["number"] is None:  # blank or handwritten: said, for the review queue
        assert any("number" in w for w in report.warnings)


END = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

BỘ LUẬT
LAO ĐỘNG

Bộ luật Lao động số 45/2019/QH14 ngày 20 tháng 11 năm 2019 của Quốc hội, có hiệu lực kể từ ngày 01 tháng 01 năm 2021.

Điều 220. Hiệu lực thi hành
1. Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.
{block}
"""


def _text_report(tmp_path, block):
    from pipeline import read, segment

    path = tmp_path / "vbhn.txt"
    path.write_text(END.format(block=block), "utf-8")
    return segment(read(path))


def test_block_as_text(tmp_path):
    report = _text_report(tmp_path, "VĂN PHÒNG QUỐC HỘI\nSố: 18/VBHN-VPQH\nXÁC THỰC VĂN BẢN HỢP NHẤT\n"
                                    "Hà Nội, ngày 12 tháng 02 năm 2026\nCHỦ NHIỆM\nLê Quang Mạnh")
    h = report.header
    assert (h.agency, h.number, h.doc_type, h.place, h.date) == (
        "VĂN PHÒNG QUỐC HỘI", "18/VBHN-VPQH", "Văn bản hợp nhất", "Hà Nội", "2026-02-12")


@pytest.mark.parametrize("block", [
    # the heading without the office's "Số:" line beside it is not the block
    "XÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 12 tháng 02 năm 2026\nCHỦ NHIỆM\nLê Quang Mạnh",
    # a sentence about consolidation is no heading
    "Việc xác thực văn bản hợp nhất thực hiện theo Pháp lệnh số 01/2012/UBTVQH13.\nSố: 18/VBHN-VPQH",
])
def test_no_block(tmp_path, block):
    h = _text_report(tmp_path, block).header
    assert h.agency is None and h.date is None and h.doc_type != "Văn bản hợp nhất"
