"""The vocabulary (pipeline/vocab): one file per thing, every part of it read, the stages agreeing on it,
and a new variant one line in one file."""
import json
import re
import shutil
from pathlib import Path

import pytest

from pipeline import vocab
from pipeline.nlp.agencies import find_agencies
from pipeline.nlp.references import find_references
from pipeline.read.quality import stamp_strength
from pipeline.segment import cues
from pipeline.segment.lines import is_stamp
from pipeline.segment.signers import is_noise

ROOT = Path(__file__).parents[1]
VOCAB = ROOT / "pipeline" / "vocab"
FILES = ("doc_types.tsv", "agency_heads.tsv", "positions.tsv", "stamps.tsv", "cues.json")


def _code(exclude: Path | None = None) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted((ROOT / "pipeline").rglob("*.py")) if p != exclude)


def _columns(name: str) -> list[str]:
    """The column names of a TSV file's header comment ("# name\tcode\t…")."""
    line = next(l for l in (VOCAB / name).read_text("utf-8").splitlines() if l.startswith("# ") and "\t" in l)
    return line[2:].split("\t")


def test_the_vocabulary_files_are_the_only_copies():
    assert sorted(p.name for p in VOCAB.iterdir() if p.suffix in (".tsv", ".json", ".txt")) == sorted(FILES)
    readme = (VOCAB / "README.md").read_text("utf-8")
    for name in FILES:
        assert f"`{name}`" in readme, name
    data = {p.name for p in (ROOT / "pipeline" / "data").iterdir()}
    for gone in ("segment_cues.json", "segment_doc_types.tsv", "nlp_doc_types.tsv", "segment_agency_heads.tsv",
                 "nlp_agency_heads.tsv", "esignature-stamp.txt", "nlp_roles.txt"):
        assert gone not in data
    ruler = (ROOT / "pipeline" / "data" / "nlp_ruler_patterns.jsonl").read_text("utf-8")
    assert all(json.loads(line)["id"] != "typed-number" for line in ruler.splitlines() if line.strip())


def test_every_key_of_every_vocabulary_file_is_read():
    code = _code(exclude=VOCAB / "__init__.py")
    for key in vocab.cues():
        if not key.startswith("_"):
            assert f'"{key}"' in code, f"cues.json: {key} is read nowhere"
    for kind in vocab.position_kinds():
        assert f'words("{kind}")' in code, f"positions.tsv: kind {kind} is read nowhere"
    for strength in {s.strength for s in vocab.stamps()}:
        assert f'"{strength}"' in code, f"stamps.tsv: strength {strength} is read nowhere"
    loaders = {"doc_types.tsv": vocab.DocType, "agency_heads.tsv": vocab.AgencyHead, "stamps.tsv": vocab.Stamp}
    everything = _code()
    for name, row in loaders.items():
        fields = [c for c in _columns(name) if c != "note"]
        assert len(fields) == len(row._fields), (name, fields, row._fields)
        for field in row._fields:
            uses = len(re.findall(rf"\.{field}\b", everything))
            assert uses >= 1, f"{name}: column {field} is read nowhere"


# the disagreements between the old copies, each resolved to one answer that every stage gives:
# (text as printed, number, type, family)
TYPES = [
    ("Thông tri số 21-TT/TW", "21-TT/TW", "Thông tri", "party"),  # TT under /TW is a Party thông tri
    ("Thông tư số 01/2011/TT-BNV", "01/2011/TT-BNV", "Thông tư", "legal"),  # TT in a State number
    ("Quy định số 05-QĐi/TW", "05-QĐi/TW", "Quy định", "party"),  # the Party's code (Hướng dẫn 36-HD/VPTW)
    # the State's code (Decree 30, Appendix III), as Agribank's rules print it
    ("Quy định số 3325/QyĐ-NHNo-TCKT ngày 30/9/2024", "3325/QyĐ-NHNo-TCKT", "Quy định", "administrative"),
    ("Pháp lệnh số 12/2016/PL-UBTVQH14", "12/2016/PL-UBTVQH14", "Pháp lệnh", "legal"),  # was Công văn
    ("Giấy chứng nhận số 118.04/GCN", "118.04/GCN", "Giấy chứng nhận", "practice"),
]


@pytest.mark.parametrize("text,number,type_,family", TYPES, ids=[t[1] for t in TYPES])
def test_the_stages_agree_on_a_documents_type(text, number, type_, family):
    from pipeline.nlp.spacy_pipeline import rules_nlp

    found = cues.doc_type_from_symbol(number)
    assert (found.name, found.family) == (type_, family)
    ref = find_references(text)[0]
    assert (ref.number, ref.type) == (number, type_)
    ents = [e.text for e in rules_nlp()(text).ents if e.label_ == "REFERENCE"]
    assert ents and ents[0].startswith(text.split()[0]) and number in ents[0], ents


# a stamp line: the reader's strength, and whether the segmenter sets the line aside and a signer block drops it
STAMPS = [
    ("Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", "strong", True),
    ("Ký số bởi: Sở Tư pháp tỉnh Lâm Đồng", "strong", True),  # was only the segmenter's
    ("Signature Not Verified", "strong", True),  # was only the segmenter's
    ("Người ký: Sở Tư pháp", "strong", True),  # was only the reader's
    ("Thời gian ký: 24/01/2025 14:23:43", "strong", True),
    ("Ngày ký: 20/08/2025", "weak", True),  # was only the segmenter's
    ("Chức vụ: Giám đốc", "weak", True),  # was only the segmenter's
    ("Cơ quan: Tỉnh Quảng Ngãi", "weak", True),
    ("Tổ chức: Sở Tư pháp", "weak", False),  # inside a stamp block only: "Tổ chức:" opens list items too
    ("SAO Y", "strong", False),  # a copy stamp at the top of a page: the segmenter's page-top rule
    ("Quảng Ngãi, ngày 24 tháng 01 năm 2025", None, False),
    ("Sở Thông tin và Truyền thông", None, False),
]


@pytest.mark.parametrize("line,strength,furniture", STAMPS, ids=[s[0][:24] for s in STAMPS])
def test_the_stages_agree_on_a_stamp(line, strength, furniture):
    assert stamp_strength(line) == strength
    assert is_stamp(line) == furniture
    assert is_noise(line) == furniture


@pytest.mark.parametrize("note", ["(Đã ký)", "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)", "(Chữ ký số)", "Đã ký"])
def test_a_signer_blocks_notes_are_noise_and_no_stamp(note):
    assert is_noise(note)
    assert not is_stamp(note) and stamp_strength(note) is None


# agency heads one list had and the other not: a header line opens an agency, running text names one
HEADS = [
    ("KIỂM TOÁN NHÀ NƯỚC", "Kiểm toán Nhà nước khu vực XIII"),  # was the extractor's only
    ("TỈNH ĐOÀN QUẢNG NGÃI", "Tỉnh đoàn Quảng Ngãi"),  # was the extractor's only
    ("BỘ CHỈ HUY QUÂN SỰ TỈNH", "Bộ Chỉ huy Quân sự tỉnh"),
    ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "Đảng bộ tỉnh Lâm Đồng"),  # was the header's only
    ("TẬP ĐOÀN ĐIỆN LỰC VIỆT NAM", "Tập đoàn Điện lực Việt Nam"),  # was the header's only
    ("ĐẠI HỌC ĐÀ NẴNG", "Đại học Đà Nẵng"),  # was the header's only
]


@pytest.mark.parametrize("header,name", HEADS, ids=[h[1] for h in HEADS])
def test_the_stages_agree_on_an_agency_head(header, name):
    assert cues.agency_head(header) is not None
    found = [a.text for a in find_agencies(f"Phối hợp với {name}.")]
    assert found == [name]


def test_a_head_of_headers_only_stays_out_of_running_text():
    assert cues.agency_head("THỦ TƯỚNG CHÍNH PHỦ") is not None
    assert cues.agency_head("BẢO HIỂM XÃ HỘI TỈNH LẠNG SƠN") is not None
    assert [a.text for a in find_agencies("theo Luật Bảo hiểm xã hội số 41/2024/QH15")] == []


def test_number_labels_and_archive_item_are_the_cues():
    from pipeline.segment.distribution import _is_archive
    from pipeline.segment.header import is_number_line, parse_number

    assert parse_number("Số: 1668 /STP-BTTP") == ("1668/STP-BTTP", None)
    assert parse_number("SỐ: 86/BC-STTTT") == ("86/BC-STTTT", None)
    assert is_number_line("Số hiệu: 05/QĐ-UBND")  # "Số hiệu" of number_labels
    assert not is_number_line("Sở Tư pháp")
    assert _is_archive("- Lưu: VT, KGVX.") and _is_archive("Lưu VT") and not _is_archive("Lưu ý: …")


def _copy_with(tmp_path: Path, name: str, line: str) -> Path:
    folder = tmp_path / "vocab"
    shutil.copytree(VOCAB, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with open(folder / name, "a", encoding="utf-8") as f:
        f.write(line + "\n")
    return folder


def test_a_new_document_type_is_one_line_in_one_file(tmp_path):
    """"Văn bản hợp nhất" (a consolidated text, VBHN) is not in the table: one line makes the header's type,
    the reference's type and the spaCy ruler know it."""
    from pipeline.nlp.spacy_pipeline import rules_nlp

    sentence = "Căn cứ Văn bản hợp nhất số 03/VBHN-BGDĐT ngày 22/01/2014 của Bộ trưởng Bộ Giáo dục và Đào tạo"
    assert cues.doc_type_from_symbol("03/VBHN-BGDĐT").name == "Công văn"
    assert cues.doc_type_from_title("VĂN BẢN HỢP NHẤT") is None
    assert find_references(sentence)[0].type != "Văn bản hợp nhất"
    with vocab.use(_copy_with(tmp_path, "doc_types.tsv", "Văn bản hợp nhất\tVBHN\tlegal\t1\t0")):
        assert cues.doc_type_from_symbol("03/VBHN-BGDĐT").name == "Văn bản hợp nhất"
        assert cues.doc_type_from_title("VĂN BẢN HỢP NHẤT")[0].name == "Văn bản hợp nhất"
        ref = find_references(sentence)[0]
        assert (ref.type, ref.number) == ("Văn bản hợp nhất", "03/VBHN-BGDĐT")
        assert "Văn bản hợp nhất số 03/VBHN-BGDĐT" in [e.text for e in rules_nlp()(sentence).ents]
    assert cues.doc_type_from_symbol("03/VBHN-BGDĐT").name == "Công văn"  # the package's files again


def test_a_new_agency_head_is_one_line_in_one_file(tmp_path):
    """"Quỹ" (Quỹ Hỗ trợ Nông dân, Quỹ Phát triển đất) is no head: one line makes the header and the
    extractor both open an agency there."""
    text = "Phối hợp với Quỹ Hỗ trợ Nông dân tỉnh Quảng Ngãi."
    assert cues.agency_head("QUỸ PHÁT TRIỂN ĐẤT TỈNH QUẢNG NGÃI") is None
    assert find_agencies(text) == []
    with vocab.use(_copy_with(tmp_path, "agency_heads.tsv", "Quỹ\tpublic\t0\t\t1")):
        assert cues.agency_head("QUỸ PHÁT TRIỂN ĐẤT TỈNH QUẢNG NGÃI") == "quy"
        assert [a.text for a in find_agencies(text)] == ["Quỹ Hỗ trợ Nông dân tỉnh Quảng Ngãi"]
