"""Ingest walks any folder tree: deep nesting (no recursion limit), things that are not regular files
(never opened: a named pipe would block for ever), paths over the system's limit (each reported by
name), and file names so long that a converter's temp name would not fit."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.archive import Archive
from pipeline.archive.ingest import walk
from tests.conftest import ROOT
from tests.robustness.fakes import baocao_command, baocao_env
from tests.test_archive_ingest import report_text, write_reports

REAL_DOC = ROOT / "corpus" / "real" / "ttr-298-cat-pc04-lam-dong-2025-draft.doc"


def _nest(folder: Path, depth: int, name: str = "d") -> Path:
    """depth nested folders, made with paths relative to each other (as deep as the system allows)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            nxt = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
    finally:
        os.close(fd)
    return folder.joinpath(*[name] * depth)


def _write_at(folder: Path, depth: int, name: str, filename: str, data: bytes) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(depth):
            nxt = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        out = os.open(filename, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, data)
        os.close(out)
    finally:
        os.close(fd)


def _remove_chain(folder: Path, name: str = "d") -> None:
    """Remove a chain of nested folders one level at a time (shutil.rmtree recurses, and pytest's
    clean-up of old temp folders would hit the recursion limit on it)."""
    top = folder / name
    spare = folder / f"{name}.up"
    while top.exists():
        if (top / name).exists():
            os.rename(top / name, spare)
            shutil.rmtree(top)
            os.rename(spare, top)
        else:
            shutil.rmtree(top)


@pytest.fixture
def chain_cleanup():
    folders: list[Path] = []
    yield folders.append
    for folder in folders:
        _remove_chain(folder)


@pytest.mark.parametrize("depth", [1100, 1500])
def test_deeply_nested_folders_are_walked(tmp_path, depth, chain_cleanup):
    chain_cleanup(tmp_path / "in")
    folder = tmp_path / "in"
    folder.mkdir()
    write_reports(folder, 1)
    _nest(folder, depth)
    _write_at(folder, depth, "d", "bc-deep.txt", report_text(7).encode())
    _write_at(folder, depth // 2, "d", "bc-half.txt", report_text(8).encode())
    with Archive(tmp_path / "a.db") as archive:
        summary = archive.ingest(folder, workers=1)
    assert (summary.found, summary.processed, summary.failed) == (3, 3, [])


@pytest.mark.parametrize("name", ["x.pdf", "bao-cao.docx", "scan.png", "bc.txt"])
def test_a_named_pipe_with_a_document_name_is_skipped_not_opened(tmp_path, name):
    folder = tmp_path / "in"
    write_reports(folder, 3)
    os.mkfifo(folder / name)
    run = subprocess.run(baocao_command("ingest", str(folder), "--db", str(tmp_path / "a.db"), "--quiet"), cwd=ROOT,
                         env=baocao_env(), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "3 processed" in run.stdout and "0 failed" in run.stdout
    assert f"skipped {folder / name}: not a regular file (a named pipe): not opened" in run.stdout


def test_paths_over_the_system_limit_are_each_reported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_reports(folder, 2)
    long_name = "thư mục báo cáo " * 8  # 150+ bytes in UTF-8
    depth = 30  # 30 × ~150 bytes: past 4,096
    _nest(folder, depth, long_name)
    expected = []
    per = len(os.fsencode(long_name)) + 1
    limit = (4096 - len(os.fsencode(str(folder)))) // per  # the deepest level whose files can still be opened
    for level in (limit - 3, limit - 1, limit + 1, depth):
        for i in range(3):
            filename = f"bc-{level}-{i}.txt"
            _write_at(folder, level, long_name, filename, report_text(100 + level * 10 + i).encode())
            path = os.path.join(str(folder), *[long_name] * level, filename)
            expected.append((path, len(os.fsencode(path)) >= 4096))
    assert sum(long for _, long in expected) >= 6 and not all(long for _, long in expected)
    files, skipped = walk(folder)
    listed = {p for p, _ in files}
    reported = {p: reason for p, reason in skipped}
    for path, long in expected:
        if long:
            assert path in reported and "over the system's limit" in reported[path], path[-60:]
        else:
            assert path in listed, path[-60:]
    with Archive(tmp_path / "a.db") as archive:
        summary = archive.ingest(folder, workers=1)
    assert summary.processed == 2 + sum(not long for _, long in expected)
    assert summary.failed == [] and len([s for s in summary.skipped if "over the system's limit" in s[1]]) == sum(
        long for _, long in expected)


@pytest.mark.skipif(not REAL_DOC.exists() or not (shutil.which("soffice") or shutil.which("antiword")),
                    reason="needs the real .doc and a converter")
@pytest.mark.parametrize("length", [240, 255])
def test_a_doc_with_a_very_long_name_still_converts(tmp_path, length):
    from pipeline.read import read

    stem = ("tờ trình " * 40).encode()[: length - 4].decode("utf-8", "ignore").rstrip()
    path = tmp_path / (stem + ".doc")
    assert len(os.fsencode(path.name)) <= 255
    shutil.copyfile(REAL_DOC, path)
    doc = read(path)
    assert doc.format == "doc" and any("CÔNG AN TỈNH LÂM ĐỒNG" in line.text for line in doc.lines)


def _ingest(folder: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    # a device or a pipe opened by mistake would block or never end: the timeout is the bound
    return subprocess.run(baocao_command("ingest", str(folder), "--db", str(db), "--quiet", *extra), cwd=ROOT,
                          env=baocao_env(), capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_devices_sockets_and_links_to_them_are_skipped_not_opened(tmp_path):
    """/dev/zero never ends and /dev/urandom never repeats: hashing either would run for ever."""
    import socket

    folder = tmp_path / "in"
    write_reports(folder, 2)
    (folder / "zero.pdf").symlink_to("/dev/zero")
    (folder / "random.txt").symlink_to("/dev/urandom")
    os.mkfifo(folder / "pipe")
    (folder / "to-the-pipe.docx").symlink_to("pipe")
    (folder / "gone.pdf").symlink_to("nowhere.pdf")  # dangling
    expected = {"zero.pdf": "(a device)", "random.txt": "(a device)", "to-the-pipe.docx": "(a named pipe)",
                "gone.pdf": "cannot stat"}
    if os.geteuid() == 0:  # a device node of its own (as a copied /dev tree or a disk image holds)
        import stat

        os.mknod(folder / "null.doc", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        expected["null.doc"] = "(a device)"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "sock.pdf"))
        expected["sock.pdf"] = "(a socket)"
        run = _ingest(folder, tmp_path / "a.db")
    finally:
        server.close()
    assert run.returncode == 0, run.stderr
    assert "2 processed" in run.stdout and "0 failed" in run.stdout, run.stdout
    for name, words in expected.items():
        line = next((x for x in run.stdout.splitlines() if x.strip().startswith(f"skipped {folder / name}:")), "")
        assert words in line, (name, run.stdout)


def test_names_that_are_not_utf8_are_each_reported_and_the_rest_archived(tmp_path):
    """Bytes from an old Windows or a broken archive tool (CP1258 "thư mục", Latin-1 "ü") in a file
    name and in a folder name: each file is named in the run's output, the others go in."""
    folder = tmp_path / "in"
    write_reports(folder, 2)
    base = os.fsencode(str(folder))
    bad_file = base + b"/b\xe1o c\xe1o qu\xfd I.txt"
    bad_folder = base + b"/th\xf7 m\xfcc"
    os.mkdir(bad_folder)
    for path, i in ((bad_file, 5), (bad_folder + b"/bc-inner.txt", 6)):
        with open(path, "wb") as f:
            f.write(report_text(i).encode())
    files, skipped = walk(folder)
    reported = {os.fsencode(p): reason for p, reason in skipped}
    assert {bad_file, bad_folder + b"/bc-inner.txt"} <= set(reported), reported
    assert all("not valid UTF-8" in reported[p] for p in (bad_file, bad_folder + b"/bc-inner.txt"))
    assert len(files) == 2
    run = _ingest(folder, tmp_path / "a.db")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert "2 processed" in run.stdout, run.stdout
    assert sum("not valid UTF-8" in line for line in run.stdout.splitlines()) == 2, run.stdout


def test_folder_links_that_loop_end_the_walk_and_archive_nothing_twice(tmp_path):
    """A link to the folder itself, to its parent, and two folders linking to each other."""
    folder = tmp_path / "in"
    write_reports(folder / "a", 2)
    write_reports(folder / "b", 1, start=2)
    (folder / "a" / "self").symlink_to(".")
    (folder / "a" / "up").symlink_to("..")
    (folder / "a" / "to-b").symlink_to("../b")
    (folder / "b" / "to-a").symlink_to("../a")
    (folder / "b" / "loop.pdf").symlink_to("../b")  # a folder link with a document's name
    files, skipped = walk(folder)
    assert sorted(os.path.relpath(p, folder) for p, _ in files) == ["a/bc-000.txt", "a/bc-001.txt", "b/bc-002.txt"]
    assert any(p.endswith("loop.pdf") and "(a folder)" in reason for p, reason in skipped), skipped
    run = _ingest(folder, tmp_path / "a.db")
    assert run.returncode == 0 and "3 processed" in run.stdout, run.stdout + run.stderr
