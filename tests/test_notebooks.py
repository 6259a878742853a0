"""The notebooks run on the committed corpus, so they never rot.

Each notebook is executed (nbclient, a python3 kernel of this very interpreter) from notebooks/, on a
subset of the corpus small enough for the suite: archive_tour builds its archive into a temporary file,
extraction_quality scores two generated reports per kind and no scan. Then the stored notebooks are
checked: executed, outputs kept, no machine path in them.

Regenerate the stored outputs (full parameters: the notebooks' defaults) with
    BAOCAO_REGENERATE_NOTEBOOKS=1 python -m pytest tests/test_notebooks.py
and commit notebooks/*.ipynb; test_regenerate_switch_is_off fails while the switch is on.
"""
from __future__ import annotations

import base64
import io
import json
import os
import re
import sys

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
pytest.importorskip("networkx")

from PIL import Image  # noqa: E402

from tests.conftest import ROOT  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
NAMES = ("archive_tour", "extraction_quality")
REGENERATE = os.environ.get("BAOCAO_REGENERATE_NOTEBOOKS") == "1"
# an absolute path of the machine that ran the notebook: a temporary or home folder, an environment
MACHINE_PATH = re.compile(r"/(tmp|work|home|root|Users|private|var/folders)/|site-packages|\b[A-Z]:\\\\")


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """A python3 kernelspec that starts this interpreter, found first: a python3 kernel installed
    elsewhere on the machine (user or system Jupyter folders) would test another environment."""
    from ipykernel.kernelspec import write_kernel_spec

    folder = tmp_path_factory.mktemp("jupyter")
    write_kernel_spec(folder / "kernels" / "python3", overrides={"display_name": "Python 3 (ipykernel)"})
    spec = json.loads((folder / "kernels" / "python3" / "kernel.json").read_text("utf-8"))
    assert spec["argv"][0] == sys.executable
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(folder)
    yield "python3"
    if old is None:
        del os.environ["JUPYTER_PATH"]
    else:
        os.environ["JUPYTER_PATH"] = old


def execute(name: str, env: dict[str, str]):
    """Run notebooks/<name>.ipynb in notebooks/ with ``env`` set; an error in a cell raises."""
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits this process's environment
    try:
        client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600, record_timing=False,
                                         resources={"metadata": {"path": str(NOTEBOOKS)}})
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def cell(nb, cell_id: str):
    for c in nb.cells:
        if c.get("id") == cell_id:
            return c
    raise AssertionError(f"no cell {cell_id!r}")


def text_of(c) -> str:
    parts = []
    for out in c.outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        for mime in ("text/plain", "text/html"):
            parts.append(out.get("data", {}).get(mime, ""))
    return "\n".join(parts)


def images_of(c) -> list[Image.Image]:
    out = []
    for o in c.outputs:
        data = o.get("data", {}).get("image/png")
        if data:
            image = Image.open(io.BytesIO(base64.b64decode(data)))
            image.load()
            out.append(image)
    return out


def assert_chart(c, min_width: int = 400):
    images = images_of(c)
    assert len(images) == 1, f"cell {c['id']}: expected one figure, got {len(images)}"
    image = images[0]
    assert image.format == "PNG" and image.width >= min_width and image.height >= 200
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 20, "a blank figure"


def no_errors(nb):
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.execution_count is not None, f"cell {c.get('id')} did not run"
            for out in c.outputs:
                assert out.output_type != "error", f"cell {c.get('id')}: {out.get('ename')}: {out.get('evalue')}"
                if out.output_type == "stream" and out.name == "stderr":
                    assert "Traceback" not in out.text, out.text


def save_if_regenerating(name: str, nb) -> None:
    if REGENERATE:
        nbformat.write(nb, NOTEBOOKS / f"{name}.ipynb")


# --------------------------------------------------------------------------- running them


def test_archive_tour_runs(kernel, tmp_path):
    env = {} if REGENERATE else {"BAOCAO_ARCHIVE": str(tmp_path / "tour.db")}
    if REGENERATE and (NOTEBOOKS / "archive-tour.db").exists():
        (NOTEBOOKS / "archive-tour.db").unlink()  # the stored run builds its archive from the corpus
    nb = execute("archive_tour", env)
    no_errors(nb)
    if not REGENERATE:
        assert (tmp_path / "tour.db").exists(), "the notebook builds the archive it was pointed at"
    generated = sorted(p.name for p in (ROOT / "corpus" / "generated").glob("*.txt"))
    stats = text_of(cell(nb, "build"))  # the seed, 4 digital PDFs and each generated report once
    assert f"'documents': {5 + len(generated)}" in stats and "'failures': 0" in stats
    documents = text_of(cell(nb, "documents"))
    for name in ("bao-cao-tuyen-truyen-pctp-quy-I-2023.txt", "cd-2003-vpcp-2025.pdf", generated[0], generated[-1]):
        assert name in documents
    citations = text_of(cell(nb, "citations"))
    for number in ("715/BCĐ-CAT", "20/STTTT-TTBCXB", "492/STTTT-TTBCXB"):
        assert number in citations
    assert "2023Q1" in text_of(cell(nb, "references-table"))
    counts = text_of(cell(nb, "counts"))
    assert "2023Q1" in counts and "tin, bài" in counts
    for chart in ("references-chart", "counts-chart", "graph"):
        assert_chart(cell(nb, chart))
    assert "bao-cao-tuyen-truyen-pctp-quy-I-2023.txt" in text_of(cell(nb, "cited-by"))
    entities = text_of(cell(nb, "entities"))
    assert 'class="entity"' in entities and "REFERENCE" in entities and "715/BCĐ-CAT" in entities
    save_if_regenerating("archive_tour", nb)


def test_extraction_quality_runs(kernel):
    env = {} if REGENERATE else {"BAOCAO_EVAL_REPORTS": "2", "BAOCAO_EVAL_SCANS": "0"}
    nb = execute("extraction_quality", env)
    no_errors(nb)
    summary = text_of(cell(nb, "summary"))
    for kind in ("text", "digital", "docx", "legacy"):
        assert kind in summary
    if not REGENERATE:
        assert "scan" not in summary  # BAOCAO_EVAL_SCANS=0 leaves the scans out
    table = text_of(cell(nb, "f1-table"))
    for field in ("header.number", "references", "counts", "signers"):
        assert field in table
    assert "seed: text" in table and "seed: digital" in table
    assert_chart(cell(nb, "f1-chart"))
    assert "mean F1" in text_of(cell(nb, "weakest"))
    save_if_regenerating("extraction_quality", nb)


# --------------------------------------------------------------------------- what is stored


@pytest.mark.parametrize("name", NAMES)
def test_stored_notebook_has_its_outputs_and_no_machine_paths(name):
    raw = (NOTEBOOKS / f"{name}.ipynb").read_text("utf-8")
    assert not MACHINE_PATH.search(raw), f"{name}.ipynb: {MACHINE_PATH.search(raw).group(0)!r} in the stored notebook"
    nb = nbformat.reads(raw, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code), "store the notebook executed"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "executed top to bottom, once"
    no_errors(nb)
    charts = [c for c in code if images_of(c)]
    assert charts, "the stored charts are images"
    for c in charts:
        assert_chart(c)
    # every code cell is explained by the markdown cell before it
    for before, c in zip(nb.cells, nb.cells[1:]):
        if c.cell_type == "code" and c.get("id") != "imports":
            assert before.cell_type == "markdown", f"cell {c.get('id')} has no sentence before it"


def test_stored_quality_notebook_scores_scans():
    nb = nbformat.read(NOTEBOOKS / "extraction_quality.ipynb", as_version=4)
    table = text_of(cell(nb, "f1-table"))
    for kind in ("scan-mild", "scan-medium", "scan-hard", "legacy", "docx", "digital"):
        assert kind in table


def test_regenerate_switch_is_off():
    assert not REGENERATE, "BAOCAO_REGENERATE_NOTEBOOKS=1 rewrites the stored notebooks: unset it once they are committed"
