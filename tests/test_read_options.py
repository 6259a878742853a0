"""read()'s options are one validated object (pipeline.read.options.ReadOptions): a misspelt option is
an error for every format, before the file is opened, named in one line with the valid ones."""
from __future__ import annotations

import importlib

import pytest

from pipeline.errors import UsageError
from pipeline.read import ReadOptionError, ReadOptions, read, sniff
from tests.conftest import CORPUS, SEED

read_mod = importlib.import_module("pipeline.read")  # the package (pipeline.read is also the function)
REAL, DEV = CORPUS / "real", CORPUS / "eval" / "dev"

# (what the file is, the file, how sniff() sees it, a misspelt option, the option meant)
MISSPELT = [
    ("born-digital pdf", REAL / "cd-2003-vpcp-2025.pdf", "pdf", "deskw", "deskew"),
    ("scanned pdf", REAL / "cv-5240-bca-v01-2025-scan.pdf", "pdf", "ocr_worker", "ocr_workers"),
    ("photo", REAL / "nd-28-2021-cp-page1.jpg", "image", "binarise", "binarize"),
    ("docx", DEV / "kh-58-thpt-cao-lanh-2-dong-thap-2026.docx", "docx", "deskw", "deskew"),
    ("doc", REAL / "ttr-298-cat-pc04-lam-dong-2025-draft.doc", "doc", "max_page", "max_pages"),
    ("txt", SEED, "text", "page_timout", "page_timeout"),
]


@pytest.mark.parametrize("what, path, kind, wrong, meant", MISSPELT, ids=[m[0] for m in MISSPELT])
def test_a_misspelt_option_is_an_error_for_every_format(monkeypatch, what, path, kind, wrong, meant):
    assert sniff(path) == kind  # the table covers each reader

    def opened(*_):
        raise AssertionError("the file was opened before its options were checked")

    monkeypatch.setattr(read_mod, "sha256_of", opened)
    with pytest.raises(ReadOptionError) as e:
        read(path, **{wrong: 1})
    message = str(e.value)
    assert "\n" not in message
    assert repr(wrong) in message and f"did you mean {meant!r}" in message
    assert all(name in message for name in ReadOptions.names())
    assert isinstance(e.value, UsageError) and isinstance(e.value, TypeError)  # exit 2; a wrong keyword


@pytest.mark.parametrize("path", [SEED, DEV / "kh-58-thpt-cao-lanh-2-dong-thap-2026.docx",
                                  REAL / "ttr-298-cat-pc04-lam-dong-2025-draft.doc"], ids=["txt", "docx", "doc"])
def test_an_ocr_option_leaves_a_file_without_pages_unchanged(path):
    assert read(path, deskew=False, page_timeout=5) == read(path)


def test_keywords_and_the_object_are_the_same_call():
    path = REAL / "cd-2003-vpcp-2025.pdf"
    by_keywords = read(path, pages=[2])
    by_object = read(path, ReadOptions(pages=(2,)))
    assert by_keywords == by_object and [p.number for p in by_object.pages] == [2]
    # keywords given with an object change it
    assert read(path, ReadOptions(pages=(1,)), pages=[2]) == by_object


@pytest.mark.parametrize("options, named", [
    ({"max_pages": 0}, "max_pages=0"),
    ({"page_timeout": -5}, "page_timeout=-5"),
    ({"page_timeout": float("nan")}, "page_timeout=nan"),
    ({"pages": [0, 1]}, "pages=[0, 1]"),
    ({"pages": "1-3"}, "pages='1-3'"),
    ({"ocr_workers": 0}, "ocr_workers=0"),
    ({"max_pixels": 2.5}, "max_pixels=2.5"),
    ({"deskew": "no"}, "deskew='no'"),
])
def test_a_value_out_of_range_is_refused(options, named):
    with pytest.raises(ReadOptionError) as e:
        ReadOptions.of(options)
    assert named in str(e.value) and "\n" not in str(e.value)


def test_an_ingest_with_a_misspelt_option_stops_before_reading(tmp_path):
    from pipeline.archive import Archive

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bc.txt").write_bytes(SEED.read_bytes())
    with Archive(tmp_path / "a.db") as archive:
        with pytest.raises(ReadOptionError, match="'max_page'"):
            archive.ingest(folder, workers=1, read_options={"max_page": 3})
        assert archive.files().empty
        summary = archive.ingest(folder, workers=1, read_options={"max_pages": 3})
        assert summary.processed == 1
