"""The baocao.report/1 contract: the CLI prints it, the schema validates it, errors are one line."""
import json
import subprocess
import sys

import jsonschema
import pytest

from pipeline.contract import schema, validate


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
