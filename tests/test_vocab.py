"""The vocabulary (pipeline/vocab): one file per thing, every part of it read, the stages agreeing on it,
and a new variant one line in one file."""
import json
import os
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
FILES = ("doc_types.tsv", "agency_heads.tsv", "positions.tsv", "stamps.tsv", "cues.json", "surnames.txt",
         "admin_units.tsv")


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
                 "nlp_agency_heads.tsv", "esignature-stamp.txt", "nlp_roles.txt", "nlp_surnames.txt"):
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
    # a consolidated text (Pháp lệnh 01/2012/UBTVQH13), cited so in school plans, banking and tax work; was Công văn
    ("Văn bản hợp nhất số 03/VBHN-BGDĐT ngày 22/01/2014", "03/VBHN-BGDĐT", "Văn bản hợp nhất", "legal"),
    ("Văn bản hợp nhất số 27/VBHN-NHNN ngày 21/11/2025", "27/VBHN-NHNN", "Văn bản hợp nhất", "legal"),
    ("Văn bản hợp nhất số 158/VBHN-VPQH ngày 09/09/2025", "158/VBHN-VPQH", "Văn bản hợp nhất", "legal"),
]


@pytest.mark.parametrize("text, number, type_", [
    ("theo QCVN 40:2011/BTNMT về nước thải công nghiệp", "QCVN 40:2011/BTNMT", "Quy chuẩn kỹ thuật quốc gia"),
    ("TCVN 5574:2018 Kết cấu bê tông và bê tông cốt thép", "TCVN 5574:2018", "Tiêu chuẩn quốc gia"),
    # a province's regulation (Bến Tre's drinking water): the grammar knew QCĐP, the vocabulary did not (type None)
    ("đối chiếu quy chuẩn kỹ thuật địa phương QCĐP 01:2022/BTr.", "QCĐP 01:2022/BTr", "Quy chuẩn kỹ thuật địa phương"),
])
def test_the_standards_are_the_vocabularys(text, number, type_):
    from pipeline.grammar.codes import standard_prefixes
    from pipeline.nlp.spacy_pipeline import ruler_patterns

    assert [(r.number, r.type) for r in find_references(text)] == [(number, type_)]
    assert cues.doc_type_from_symbol(number).name == type_
    from pipeline.nlp.spacy_pipeline import rules_nlp

    assert [p["id"] for p in ruler_patterns()].count("standard") == 1  # generated, not kept in the jsonl
    assert number.split()[0] in standard_prefixes()
    # the tokenizer keeps the number whole; the ruler's pattern was two tokens and so never matched
    assert [(e.text, e.label_) for e in rules_nlp()(text).ents] == [(number, "REFERENCE")]


@pytest.mark.parametrize("type_line, doc_type", [
    (None, "Văn bản hợp nhất"),  # no type line: the type the number names
    ("LUẬT", "Luật"),  # a consolidated text prints the consolidated document's type, which wins
])
def test_a_consolidated_texts_header_type(type_line, doc_type):
    from tests.segment_helpers import BODY, seg

    lines = ["VĂN PHÒNG QUỐC HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Số: 05/VBHN-VPQH", "Hà Nội, ngày 15 tháng 7 năm 2022"] + ([type_line] if type_line else [])
    header = seg(lines + ["PHÒNG, CHỐNG MA TÚY"] + BODY).header
    assert (header.number, header.doc_type) == ("05/VBHN-VPQH", doc_type)


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
    """"Sắc lệnh" (the President's decrees of 1945-1959, still cited: Sắc lệnh số 76/SL ngày 20/5/1950 on the
    civil service) is not in the table: one line makes the header's type, the reference's type and the
    spaCy ruler know it."""
    from pipeline.nlp.spacy_pipeline import rules_nlp

    sentence = "Căn cứ Sắc lệnh số 76/SL ngày 20/5/1950 của Chủ tịch nước Việt Nam Dân chủ Cộng hòa"
    assert cues.doc_type_from_symbol("76/SL").name == "Công văn"
    assert cues.doc_type_from_title("SẮC LỆNH") is None
    assert [r.type for r in find_references(sentence)] != ["Sắc lệnh"]
    with vocab.use(_copy_with(tmp_path, "doc_types.tsv", "Sắc lệnh\tSL\tlegal\t1\t0")):
        assert cues.doc_type_from_symbol("76/SL").name == "Sắc lệnh"
        assert cues.doc_type_from_title("SẮC LỆNH")[0].name == "Sắc lệnh"
        ref = find_references(sentence)[0]
        assert (ref.type, ref.number) == ("Sắc lệnh", "76/SL")
        assert "Sắc lệnh số 76/SL" in [e.text for e in rules_nlp()(sentence).ents]
    assert cues.doc_type_from_symbol("76/SL").name == "Công văn"  # the package's files again


def test_a_new_agency_head_is_one_line_in_one_file(tmp_path):
    """"Quỹ" (Quỹ Hỗ trợ Nông dân, Quỹ Phát triển đất) is no head: one line makes the header and the
    extractor both open an agency there."""
    text = "Phối hợp với Quỹ Hỗ trợ Nông dân tỉnh Quảng Ngãi."
    assert cues.agency_head("QUỸ PHÁT TRIỂN ĐẤT TỈNH QUẢNG NGÃI") is None
    assert find_agencies(text) == []
    with vocab.use(_copy_with(tmp_path, "agency_heads.tsv", "Quỹ\tpublic\t0\t\t1")):
        assert cues.agency_head("QUỸ PHÁT TRIỂN ĐẤT TỈNH QUẢNG NGÃI") == "quy"
        assert [a.text for a in find_agencies(text)] == ["Quỹ Hỗ trợ Nông dân tỉnh Quảng Ngãi"]


def test_a_new_honorific_is_one_line_in_one_file(tmp_path):
    """"Hòa thượng" (a Buddhist monk's title, before a dharma name that is no family name: "Hòa thượng Thích Trí
    Quảng") added to positions.tsv: the people extractor takes the name after it."""
    from pipeline.nlp.people import find_people

    text = "Chúc mừng Hòa thượng Thích Trí Quảng được suy tôn Pháp chủ"
    assert find_people(text) == []
    with vocab.use(_copy_with(tmp_path, "positions.tsv", "Hòa thượng\thonorific")):
        assert [p.name for p in find_people(text)] == ["Thích Trí Quảng"]


def _copy_with_cue(tmp_path: Path, key: str, word: str) -> Path:
    """The vocabulary with one more word in one list of cues.json: the one line of that key edited."""
    folder = tmp_path / "vocab"
    shutil.copytree(VOCAB, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    lines = (folder / "cues.json").read_text("utf-8").splitlines()
    [at] = [i for i, line in enumerate(lines) if line.lstrip().startswith(f'"{key}": [')]
    lines[at] = lines[at].replace("[", f'["{word}", ', 1)
    (folder / "cues.json").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def test_a_new_heading_word_is_one_line_in_one_file(tmp_path):
    """The grammars' patterns are built from the vocabulary when first used, not at import: "Tiểu mục" (the
    Civil Code 2015's level below Mục: "Tiểu mục 1. XÁC LẬP QUYỀN SỞ HỮU") added to part_words makes the
    heading grammar the segmenter reads with know it."""
    from pipeline.grammar.headings import HEADING, match_heading

    line = "Tiểu mục 1. XÁC LẬP QUYỀN SỞ HỮU"
    assert HEADING.match(line) is None and match_heading(line) is None
    with vocab.use(_copy_with_cue(tmp_path, "part_words", "Tiểu mục")):
        assert HEADING.match(line)
        assert match_heading(line) == ("part", "Tiểu mục 1", "XÁC LẬP QUYỀN SỞ HỮU")
    assert HEADING.match(line) is None


def test_a_new_number_label_is_one_line_in_one_file(tmp_path):
    """"Số ký hiệu:" (a form's label for the number) added to number_labels: the header's number line grammar,
    compiled at first use, reads it."""
    from pipeline.grammar.symbols import is_number_line, parse_number

    line = "Số ký hiệu: 45/KH-UBND"
    assert not is_number_line(line)
    with vocab.use(_copy_with_cue(tmp_path, "number_labels", "Số ký hiệu")):
        assert is_number_line(line) and parse_number(line) == ("45/KH-UBND", None)
    assert not is_number_line(line)


def test_importing_the_pipeline_reads_no_vocabulary_file():
    """Nothing is built from the vocabulary at import time (a module-level pattern is a vocab.Pattern, a table
    a vocab.cached function), so vocab.use reaches every pattern: importing every module reads no file."""
    import subprocess
    import sys

    script = (
        "import importlib, pkgutil\n"
        "import pipeline, pipeline.vocab as v\n"
        "read = []\n"
        "text = v.text\n"
        "v.text = lambda name: read.append(name) or text(name)\n"
        "for m in pkgutil.walk_packages(pipeline.__path__, 'pipeline.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(set(read)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_longest_first_orders_do_not_depend_on_the_hash_seed():
    """The vocabularies sorted longest first break ties by the words themselves: with ties left in a set's order,
    qd-04 (corpus/real, a scan) gave its reference's issuer as "Trưởng Ban" in one run and "Trưởng ban" in another
    (positions.tsv holds both spellings, the same length)."""
    import subprocess
    import sys

    probe = (
        "from pipeline.nlp import gazetteer, references\n"
        "from pipeline.grammar import codes\n"
        "s = 'Căn cứ Quyết định số 02/QĐ-BCĐ ngày 22/01/2024 của Trưởng Ban Chỉ đạo 138 tỉnh về việc thực hiện'\n"
        "print(repr((gazetteer.roles(), codes.standard_prefixes(), "
        "[r.issuer for r in references.find_references(s)])))\n"
    )
    outs = {subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(4)}
    assert len(outs) == 1, outs
