"""Nothing outlives the command: after `baocao ingest` is killed (SIGKILL or SIGTERM) mid-batch, or
gives up on a file over --timeout, no process it started is left and no temp folder of it remains.

Every run gets a private TMPDIR and a marker in its environment; a process "of the run" is any
process whose environment holds the marker (children inherit it: workers, Tesseract, LibreOffice).
The external programs are fakes that hang for ten minutes (a stuck Tesseract, a LibreOffice that
forks a helper and hangs), so that at the moment of the kill a program is surely running under a
worker. The waits of these tests are bounds on a hang, not on speed: a loaded two-core machine may
take its time to start and to stop the command, but a command that leaves a program behind, or waits
for it, is still caught (the program would run for ten minutes, the tests wait at most two).
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.robustness.fakes import baocao_command, baocao_env, fake_tesseract
from tests.test_archive_ingest import write_reports

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find processes")


def _fake_soffice(folder: Path) -> None:
    """A LibreOffice that starts a helper in its group (as oosplash starts soffice.bin) and hangs."""
    script = folder / "soffice"
    script.write_text("#!/bin/sh\nsleep 601 &\nexec sleep 602\n")
    script.chmod(0o755)


def _marked(marker: str) -> list[tuple[int, str]]:
    """(pid, command) of every live process whose environment holds the marker."""
    found = []
    needle = f"BAOCAO_TEST_MARK={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle not in (entry / "environ").read_bytes():
                continue
            status = (entry / "status").read_text()
            if "\nState:\tZ" in status:  # a zombie waiting for its parent (this test) is not running
                continue
            found.append((int(entry.name), (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")))
        except OSError:
            continue
    return found


def _leftovers(marker: str, tmpdir: Path, within: float = 5.0) -> tuple[list, list]:
    deadline = time.monotonic() + within
    while True:
        procs = _marked(marker)
        temps = sorted(p.name for p in tmpdir.iterdir())
        if (not procs and not temps) or time.monotonic() > deadline:
            return procs, temps
        time.sleep(0.2)


def _batch(tmp_path: Path, scans: int = 3, docs: int = 1, texts: int = 6) -> Path:
    from PIL import Image, ImageDraw

    folder = tmp_path / "in"
    write_reports(folder, texts)
    for i in range(scans):
        im = Image.new("L", (800, 300), 255)
        ImageDraw.Draw(im).text((40, 120), f"BAO CAO SO {i + 1}/BC-UBND", fill=0)
        im.save(folder / f"scan-{i}.png")
    for i in range(docs):
        (folder / f"old-{i}.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096) + bytes([i]))
    return folder


def _env(tmp_path: Path, marker: str, **extra) -> dict:
    bin_dir = tmp_path / "bin"
    fake_tesseract(bin_dir, "stuck")
    _fake_soffice(bin_dir)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir(exist_ok=True)
    return baocao_env(f"{bin_dir}{os.pathsep}{os.environ['PATH']}", TMPDIR=str(tmpdir), BAOCAO_TEST_MARK=marker, **extra)


def _wait_for_programs(marker: str, run: subprocess.Popen, names: tuple[str, ...], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and run.poll() is None:
        commands = " | ".join(c for _, c in _marked(marker))
        if all(n in commands for n in names):
            return
        time.sleep(0.1)
    raise AssertionError(f"the programs {names} never ran: {_marked(marker)}")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("workers", [1, 2])
def test_killing_ingest_mid_batch_leaves_no_process_and_no_temp_folder(tmp_path, sig, workers):
    marker = uuid.uuid4().hex
    folder = _batch(tmp_path)
    env = _env(tmp_path, marker)
    command = baocao_command("ingest", str(folder), "--db", str(tmp_path / "a.db"), "--quiet",
                             "--workers", str(workers), "--page-timeout", "900")
    # stdout into a pipe that this test reads to its end, as `| tee log` does
    run = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_programs(marker, run, ("sleep 602",) if workers == 1 else ("sleep 600", "sleep 602"))
        time.sleep(0.3)
        os.kill(run.pid, sig)
        started = time.monotonic()
        out, err = run.communicate(timeout=180)  # EOF on both pipes: nothing holds them open
        # a worker that outlived the kill would hold the pipe until its program ended (600 s)
        assert time.monotonic() - started < 120, "the output pipe stayed open after the kill"
        procs, temps = _leftovers(marker, tmp_path / "tmp")
        assert procs == [], f"still running after {sig!r}: {procs}"
        assert temps == [], f"temp folders left after {sig!r}: {temps}"
        if sig == signal.SIGTERM:
            assert b"Traceback" not in err, err.decode()
            assert err.decode().strip().endswith("baocao: interrupted"), err.decode()
    finally:
        for pid, _ in _marked(marker):
            os.kill(pid, signal.SIGKILL)


def test_a_file_over_the_timeout_leaves_no_program_and_no_temp_folder(tmp_path):
    marker = uuid.uuid4().hex
    folder = _batch(tmp_path, scans=2, docs=1, texts=3)
    env = _env(tmp_path, marker)
    command = baocao_command("ingest", str(folder), "--db", str(tmp_path / "a.db"), "--quiet",
                             "--workers", "2", "--page-timeout", "900", "--timeout", "20")
    try:
        # --timeout is on the clock: 20 s leaves a loaded machine time for the text files (which
        # must not time out) and is still far short of the stuck programs' 600 s
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert run.returncode == 8, run.stderr  # 8: some files failed (the summary names them)
        assert "3 processed" in run.stdout and "3 failed" in run.stdout, run.stdout
        assert run.stdout.count("timed out after 20 s") == 3, run.stdout
        procs, temps = _leftovers(marker, tmp_path / "tmp")
        assert (procs, temps) == ([], [])
    finally:
        for pid, _ in _marked(marker):
            os.kill(pid, signal.SIGKILL)


def test_ctrl_c_of_extract_leaves_no_program_and_no_temp_folder(tmp_path):
    from PIL import Image, ImageDraw

    marker = uuid.uuid4().hex
    env = _env(tmp_path, marker)
    scan = tmp_path / "scan.png"
    im = Image.new("L", (800, 300), 255)
    ImageDraw.Draw(im).text((40, 120), "BAO CAO SO 12/BC-UBND", fill=0)
    im.save(scan)
    run = subprocess.Popen(baocao_command("extract", str(scan), "--page-timeout", "900"), cwd=ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_programs(marker, run, ("sleep 600",))
        os.kill(run.pid, signal.SIGINT)
        # ends when it stops the program, not when the program ends (600 s) or the page times out (900 s)
        out, err = run.communicate(timeout=180)
        assert run.returncode == 130 and b"Traceback" not in err, err.decode()
        assert _leftovers(marker, tmp_path / "tmp") == ([], [])
    finally:
        for pid, _ in _marked(marker):
            os.kill(pid, signal.SIGKILL)


def test_the_web_pages_converter_leaves_no_soffice_helper_behind(tmp_path, monkeypatch):
    """`baocao serve` shows a .doc through LibreOffice's PDF: a soffice whose helper (soffice.bin
    under oosplash) stays in its process group after the launcher exits is killed with the group."""
    from pipeline.web.render import Renderer

    marker = uuid.uuid4().hex
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    # converts nothing, leaves a helper running that does not hold the output pipes
    script.write_text(f"#!/bin/sh\ntouch '{bin_dir / 'ran'}'\nsleep 603 </dev/null >/dev/null 2>&1 &\nexit 0\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("BAOCAO_TEST_MARK", marker)
    doc = tmp_path / "draft.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    try:
        assert Renderer()._as_pdf(str(doc)) is None  # no PDF came out: no page image, no error
        assert (bin_dir / "ran").exists(), "the fake soffice was not the one run"
        (tmp_path / "tmp").mkdir()
        assert _leftovers(marker, tmp_path / "tmp") == ([], [])
    finally:
        for pid, _ in _marked(marker):
            os.kill(pid, signal.SIGKILL)
