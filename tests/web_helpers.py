"""A `baocao serve` server on a free port of 127.0.0.1 in a thread, and a headless Chromium driven
by selenium (Debian's chromium + chromium-driver; scripts/system-deps.sh --test installs them)."""
from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--lang=vi")


def have_browser() -> bool:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return bool(CHROMIUM and CHROMEDRIVER)


@contextlib.contextmanager
def serving(db: str, *, read_only: bool = False):
    """Yields the base URL; the server stops (and its thread ends) when the block ends."""
    from pipeline.web.cli import make_server

    server = make_server(db, "127.0.0.1", 0, read_only=read_only, language="vi")  # the tests read Vietnamese
    thread = threading.Thread(target=server.serve_forever, name="baocao-serve", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        server.app.extensions["baocao_renderer"].close()
        thread.join(timeout=10)


@contextlib.contextmanager
def chromium(width: int = 1366, height: int = 768):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="baocao-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(60)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
