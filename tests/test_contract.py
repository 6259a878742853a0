"""The baocao.report/1 contract: the CLI prints it, the schema validates it, errors are one line."""
import json
import subprocess
import sys

import jsonschema
import pytest

from pipeline.contract import schema, validate
from tests.conftest import ROOT


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=300)


def test_seed_json_follows_schema(seed_json):
    validate(seed_json)
    assert seed_json["schema"] == "baocao.report/1"
    assert seed_json["source"]["format"] == "text"
    assert seed_json["source"]["text_source"] == "plain"


def test_schema_rejects_a_broken_report(seed_json):
    broken = dict(seed_json, header=dict(seed_json["header"], date="15/03/2023"))
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)
    with pytest.raises(jsonschema.ValidationError):
        validate({k: v for k, v in seed_json.items() if k != "references"})


def test_cli_extract_json_is_utf8_not_escaped(seed_path):
    result = run_cli("extract", str(seed_path), "--json")
    assert result.returncode == 0, result.stderr
    assert "\\u" not in result.stdout
    obj = json.loads(result.stdout)
    validate(obj)
    assert obj["source"]["sha256"] and len(obj["source"]["sha256"]) == 64


@pytest.mark.parametrize(
    "content, name, needle, vietnamese",
    [
        (None, "missing.pdf", "no such file", "không có tệp này"),
        (b"", "empty.pdf", "empty file", "tệp rỗng"),
        (b"\x00\x01\x02 garbage", "fake.pdf", "not a PDF", "không phải PDF"),
        (b"hello", "notes.xyz", "unsupported format", "định dạng .xyz không được hỗ trợ"),
    ],
)
def test_cli_bad_input_is_one_line_on_stderr(tmp_path, content, name, needle, vietnamese):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    for language, expected in (("en", needle), ("vi", vietnamese)):
        result = run_cli("--lang", language, "extract", str(path), "--json")
        assert result.returncode != 0
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert name in lines[0] and expected in lines[0]


def test_cli_extract_of_several_files_goes_on_past_a_bad_one(tmp_path):
    # a folder's files in one process: one JSON object per line, in the order given; each bad file its
    # own one-line error naming it, and the exit code of a batch with failures (8, as ingest's)
    real = ROOT / "corpus" / "real"
    good = [real / "tb-11-ubnd-quang-ngai-2025.pdf", real / "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt",
            real / "ttr-298-cat-pc04-lam-dong-2025-draft.doc"]
    fake = tmp_path / "hong.pdf"
    fake.write_bytes(b"\x00\x01 not a pdf")
    missing = tmp_path / "khong-co.docx"
    result = run_cli("--lang", "en", "extract", str(good[0]), str(fake), str(good[1]), str(missing), str(good[2]), "--json")
    assert result.returncode == 8, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"]["path"].rsplit("/", 1)[-1] for o in objects] == [g.name for g in good]
    for o in objects:
        validate(o)
    assert objects[0]["header"]["number"] == "11/TB-UBND"
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2, result.stderr
    assert "hong.pdf" in errors[0] and "not a PDF" in errors[0]
    assert "khong-co.docx" in errors[1] and "no such file" in errors[1]
    # one file prints the indented object as before, and a bad one alone keeps its own exit code
    one = run_cli("extract", str(good[0]), "--json")
    assert one.returncode == 0 and json.loads(one.stdout) == objects[0]
    assert run_cli("extract", str(fake), "--json").returncode == 3


def test_every_command_has_help():
    from pipeline.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert "extract" in sub.choices
    for name, p in sub.choices.items():
        assert p.format_help().strip(), name
        result = run_cli(name, "--help")
        assert result.returncode == 0 and result.stdout.startswith(("usage:", "cách dùng:")), name


def test_schema_file_is_the_contract_names():
    props = schema()["properties"]
    for name in ("source", "header", "period", "sections", "footnotes", "signers", "distribution",
                 "references", "dates", "counts", "agencies", "people", "warnings"):
        assert name in props


def test_every_command_is_in_the_readme():
    """The CLI is documented by construction: a new command fails here until the README shows it."""
    from pipeline.cli import build_parser
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"baocao {name}" not in readme]
    assert missing == []


REAL_FILES = sorted(p.name for p in (ROOT / "corpus" / "real").iterdir() if not p.name.endswith(".json"))


@pytest.mark.parametrize("name", REAL_FILES)
def test_from_contract_gives_back_the_passages_and_mentions(name):
    """Report.from_contract(report.to_contract()) is the report the draft and other readers of an
    archived dict work on: the same passages (text, where, section, page, page starts) and mentions."""
    from pipeline import extract, segment
    from pipeline.model import Report
    from tests.read_fixtures import read_once

    path = str(ROOT / "corpus" / "real" / name)
    # scans and photos: their first page, the same call (and cache) as test_read_inputs's
    ocr = name.endswith(".jpg") or "scan" in name
    doc = read_once(path, pages=(1,), ocr_workers=1) if ocr else read_once(path)
    report = extract(segment(doc))
    obj = report.to_contract()
    again = Report.from_contract(json.loads(json.dumps(obj)))  # as stored: lists, not tuples
    assert report.passages(), name
    assert again.passages() == report.passages()
    assert again.mentions == report.mentions
    assert (again.header, again.period, again.footnotes, again.distribution) == \
        (report.header, report.period, report.footnotes, report.distribution)
    assert _rows_only(again.sections) == _rows_only(report.sections)  # a table's position is not in the dict
    for mention in (*again.mentions.references, *again.mentions.counts, *again.mentions.dates):
        [passage] = [p for p in again.passages() if (p.where, p.section) == (mention.where, mention.section)]
        assert passage.text[mention.span[0]:mention.span[1]] == mention.text
        assert passage.page_at(mention.span[0]) == mention.page
    # the fields from_contract keeps come out the same again
    twice = again.to_contract()
    for key in ("header", "period", "opening", "opening_at", "sections", "footnotes", "distribution", "closing",
                "closing_at", "references", "dates", "counts", "agencies", "people", "warnings"):
        assert twice[key] == _without_boxes(obj[key]), key


def _rows_only(sections):
    from dataclasses import replace

    return tuple(replace(s, tables=tuple(t.rows for t in s.tables), children=_rows_only(s.children)) for s in sections)


def _without_boxes(value):
    if isinstance(value, list):
        return [_without_boxes(v) for v in value]
    if isinstance(value, dict):
        return {k: (None if k == "bbox" else v) for k, v in value.items()}
    return value


def test_from_contract_reads_a_dict_written_before_the_page_fields(seed_json):
    """An archived dict of an older version (no opening_at, closing_at, page_starts, page_numbers)."""
    from pipeline.model import Report

    old = {k: v for k, v in seed_json.items() if k not in ("opening_at", "closing_at")}
    old["source"] = {k: v for k, v in seed_json["source"].items() if k != "page_numbers"}
    old["sections"] = json.loads(json.dumps(seed_json["sections"]).replace('"page_starts"', '"_"'))
    report = Report.from_contract(old)
    new = Report.from_contract(seed_json)
    assert [(p.where, p.section, p.text) for p in report.passages()] == [(p.where, p.section, p.text) for p in new.passages()]
    assert report.opening.page == 1 and report.closing.page == seed_json["source"]["pages"]
