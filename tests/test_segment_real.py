"""Segmentation of the real digital PDFs in corpus/real (values read off the rendered pages)."""
from functools import lru_cache

import pytest

from tests.conftest import CORPUS

REAL = CORPUS / "real"


@lru_cache(maxsize=None)
def _report(name):
    from pipeline import read, segment

    return segment(read(REAL / name))


CASES = [
    ("tb-11-ubnd-quang-ngai-2025.pdf",
     dict(agency="ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", parent_agency=None, number="11/TB-UBND", doc_type="Thông báo",
          place="Quảng Ngãi", date="2025-01-08"),
     [("TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Phước Bình")]),
    ("cv-507-ubnd-kgvx-quang-ngai-2025.pdf",
     dict(agency="ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", number="507/UBND-KGVX", doc_type="Công văn",
          place="Quảng Ngãi", date="2025-01-24", recipients=("Sở Thông tin và Truyền thông",)),
     [("TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Phùng Tô Long")]),
    ("cd-2003-vpcp-2025.pdf",
     dict(agency="VĂN PHÒNG CHÍNH PHỦ", parent_agency=None, number="2003/CĐ-VPCP", doc_type="Công điện",
          place="Hà Nội", date="2025-10-07",
          subject="mời dự Hội nghị triển khai Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030"),
     [("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Đỗ Ngọc Huỳnh")]),
    ("cv-1668-stp-lam-dong-2025.pdf",
     dict(agency="SỞ TƯ PHÁP", parent_agency="UBND TỈNH LÂM ĐỒNG", number="1668/STP-BTTP", doc_type="Công văn",
          place="Lâm Đồng", date="2025-11-27", recipients=("Sở Nội vụ tỉnh Lâm Đồng",),
          subject="có ý kiến đối với hồ sơ hợp nhất Đoàn Luật sư tỉnh Lâm Đồng, Bình Thuận, Đắk Nông (cũ) "
                  "thành Đoàn Luật sư tỉnh Lâm Đồng"),
     [("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thanh Tài")]),
]


@pytest.mark.parametrize("name, header, signers", CASES, ids=[c[0] for c in CASES])
def test_real_pdf_header_and_signers(name, header, signers):
    report = _report(name)
    assert {k: getattr(report.header, k) for k in header} == header
    assert [(s.authority, s.position, s.name) for s in report.signers] == signers
    first = "CT, PCT UBND tỉnh" if name.startswith("tb-") else "Như trên"  # a thông báo has no "Kính gửi"
    assert report.distribution[0] == first and report.distribution[-1].startswith("Lưu")


def test_real_pdf_footnote_from_layout():
    report = _report("cv-1668-stp-lam-dong-2025.pdf")
    [note] = report.footnotes
    assert note.marker == "1"
    assert note.text.startswith("Đoàn Luật sư tỉnh Lâm Đồng, Bình Thuận, Đắk Nông (cũ) có Tờ trình số 220/TTr-ĐLS")
    assert note.text.endswith("Đoàn Luật sư.")
    assert "Đoàn Luật sư" not in report.distribution[-1]


def test_real_pdf_sections_and_lists():
    report = _report("cd-2003-vpcp-2025.pdf")
    assert [(s.number, s.title) for s in report.sections] == [("I", "Thời gian"), ("II", "Địa điểm"),
                                                              ("III", "Văn phòng Chính phủ trân trọng đề nghị")]
    assert [c.number for c in report.sections[1].children] == ["1", "2", "3"]
    assert len(report.header.recipients) == 8
    assert report.distribution[-1] == "Lưu: VT, TH(2). H"
