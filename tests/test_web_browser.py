"""baocao serve in a real browser (headless Chromium through selenium): a reviewer's round trip on
real files, hostile document text, and the phone width.

BAOCAO_SCREENSHOTS=docs/screenshots also saves the main pages there (the README shows them)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pipeline import Archive

from test_web import SEED, HOSTILE_NAME, build
from web_helpers import chromium, have_browser, serving

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not have_browser(), reason="needs chromium, chromium-driver (scripts/system-deps.sh --test) and selenium"),
]

SCAN = "ttr-298-cat-pc04-lam-dong-2025-scan.pdf"  # a scanned Tờ trình: its number is handwritten
SHOTS = os.environ.get("BAOCAO_SCREENSHOTS")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    root = tmp_path_factory.mktemp("browser")
    ids = build(root / "in", root / "archive.db", scan=True)
    with serving(str(root / "archive.db")) as url:
        yield root, root / "archive.db", ids, url


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


def shot(driver, name: str, height: int | None = None) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    if height:
        driver.set_window_size(driver.get_window_size()["width"], height)
    driver.save_screenshot(str(Path(SHOTS) / f"{name}.png"))
    if height:
        driver.set_window_size(1366, 768)


def wait(driver, css: str, timeout: float = 15):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def gone(driver, element, timeout: float = 15) -> None:
    """Wait for the page holding ``element`` to be replaced (after a form is sent)."""
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(EC.staleness_of(element))


def send(driver, button) -> None:
    """Click a form's submit button and wait for the page it loads (its "saved" note showing): the page
    it replaces may already show a "saved" note from an earlier form."""
    from selenium.webdriver.common.by import By

    old = driver.find_element(By.TAG_NAME, "html")
    button.click()
    gone(driver, old)
    wait(driver, ".saved")


def image_loaded(driver, img) -> bool:
    deadline = time.time() + 20
    while time.time() < deadline:
        if driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img):
            return True
        time.sleep(0.2)
    return False


def test_review_round_trip(site, browser):
    from selenium.webdriver.common.by import By

    root, db, ids, url = site
    d = browser
    d.set_window_size(1366, 768)
    scan = ids[SCAN]
    # search without diacritics finds the scan's words, highlighted as printed
    d.get(url + "/")
    box = d.find_element(By.NAME, "q")
    box.send_keys("cai nghien ma tuy")
    box.submit()
    wait(d, ".result")
    marks = [m.text for m in d.find_elements(By.CSS_SELECTOR, "mark")]
    assert marks and all(m.lower() == "cai nghiện ma túy" for m in marks), marks
    shot(d, "search")
    link = d.find_element(By.CSS_SELECTOR, ".result .doc a")
    assert link.get_attribute("href").endswith(f"/doc/{scan}")
    link.click()

    # the scanned page beside its fields; clicking the agency outlines it on the page image
    wait(d, ".fields")
    img = d.find_element(By.CSS_SELECTOR, "#page-1 img")
    assert image_loaded(d, img)
    d.find_element(By.CSS_SELECTOR, '.field[data-field="agency"] .loc').click()
    outline = wait(d, "#page-1 .box")
    page = img.rect
    r = outline.rect
    assert r["width"] > 50 and r["height"] > 8
    # inside the page, in its top left quarter (Decree 30: the issuing agency's place)
    assert page["x"] <= r["x"] and r["x"] + r["width"] <= page["x"] + page["width"] / 2 + 5
    assert page["y"] <= r["y"] and r["y"] + r["height"] <= page["y"] + page["height"] / 5
    shot(d, "document")

    # the number is handwritten: null, in the review queue; correct it in the page
    number = d.find_element(By.CSS_SELECTOR, '.field[data-field="number"]')
    assert number.find_element(By.CSS_SELECTOR, ".value").text == "—"
    d.get(url + "/review")
    assert f"/doc/{scan}" in d.page_source and "Chưa có số, ký hiệu" in d.page_source
    assert "Có chỗ viết tay" in d.page_source  # the handwritten warning, a reason of its own
    shot(d, "review")
    d.get(url + f"/doc/{scan}")
    number = wait(d, '.field[data-field="number"]')
    number.find_element(By.CSS_SELECTOR, "summary").click()
    form = number.find_element(By.CSS_SELECTOR, "form")
    value = form.find_element(By.NAME, "value")
    value.clear()
    value.send_keys("298/TTr-CAT-PC04")
    form.find_element(By.NAME, "note").send_keys("số viết tay, đọc trên bản quét")
    form.find_element(By.NAME, "author").send_keys("Nguyễn Thị Lan")
    send(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    number = d.find_element(By.CSS_SELECTOR, '.field[data-field="number"]')
    assert number.find_element(By.CSS_SELECTOR, ".value").text == "298/TTr-CAT-PC04"
    assert "đã sửa" in number.text
    assert "298/TTr-CAT-PC04" in d.find_element(By.CSS_SELECTOR, "h1").text

    # the citations of its quarter (by issue date) name it by the corrected number
    d.get(url + "/citations?quarter=2025Q4&by=issue-date")
    citing = [a.text for a in d.find_elements(By.CSS_SELECTOR, "a.citing")]
    assert "298/TTr-CAT-PC04" in citing, citing
    d.get(url + "/citations?quarter=2023Q1")
    shot(d, "citations")

    # re-ingest: the scan is saved again (new bytes, so it is read again by OCR); still corrected
    with open(root / "in" / SCAN, "ab") as f:
        f.write(b"\n% saved again\n")
    with Archive(db) as archive:
        summary = archive.ingest(root / "in", workers=1)
        assert summary.processed == 1
        assert archive.find(str(root / "in" / SCAN)) == scan
    d.get(url + f"/doc/{scan}")
    number = wait(d, '.field[data-field="number"]')
    assert number.find_element(By.CSS_SELECTOR, ".value").text == "298/TTr-CAT-PC04"
    # the name was typed once: the next form has it
    assert d.find_element(By.CSS_SELECTOR, '.field[data-field="date"] input[name=author]').get_attribute("value") == "Nguyễn Thị Lan"

    # undo: back to the extraction (no number), the history row stays, marked undone
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.CSS_SELECTOR, "button.undo").click()
    gone(d, old)
    number = wait(d, '.field[data-field="number"]')
    assert number.find_element(By.CSS_SELECTOR, ".value").text == "—"
    rows = d.find_elements(By.CSS_SELECTOR, "tr.undone")
    assert len(rows) == 1 and "298/TTr-CAT-PC04" in rows[0].text and "đã hoàn tác" in rows[0].text
    d.get(url + "/corrections")
    assert "Nguyễn Thị Lan" in d.page_source and "đã hoàn tác" in d.page_source
    d.get(url + "/citations?quarter=2025Q4&by=issue-date")
    assert "298/TTr-CAT-PC04" not in [a.text for a in d.find_elements(By.CSS_SELECTOR, "a.citing")]


def test_signer_and_distribution_corrected_in_the_page(site, browser):
    """The seed PDF's signer (page 2) is corrected in its form, a Nơi nhận item added; both show as
    corrected, the signer still outlines its block on page 2, and a re-ingest keeps them."""
    from selenium.webdriver.common.by import By

    root, db, ids, url = site
    d = browser
    d.set_window_size(1366, 768)
    pdf = ids[SEED + ".pdf"]
    d.get(url + f"/doc/{pdf}")
    signer = wait(d, '.signer[data-signer="1"]')
    assert "Lê Hải Yến" in signer.text
    signer.find_element(By.CSS_SELECTOR, "summary").click()
    form = signer.find_element(By.CSS_SELECTOR, "form")
    name = form.find_element(By.NAME, "name")
    assert name.get_attribute("value") == "Lê Hải Yến"
    name.clear()
    name.send_keys("Lê Thị Hải Yến")
    form.find_element(By.NAME, "note").send_keys("theo bản ký")
    form.find_element(By.NAME, "author").clear()
    form.find_element(By.NAME, "author").send_keys("Trần Văn Bình")
    send(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    signer = d.find_element(By.CSS_SELECTOR, '.signer[data-signer="1"]')
    assert "Lê Thị Hải Yến" in signer.text and "đã sửa" in signer.text
    signer.find_element(By.CSS_SELECTOR, ".loc").click()  # its block is still outlined where it is printed
    outline = wait(d, "#page-2 .box")
    assert outline.rect["width"] > 50
    # where it is printed: its top and bottom in % of the page image (not of the image and its caption,
    # which put the outline of a signer low on the page a line below its authority)
    img, at = d.find_element(By.CSS_SELECTOR, "#page-2 img").rect, signer.find_element(By.CSS_SELECTOR, ".loc")
    for edge, want in (("y", float(at.get_attribute("data-top"))),
                       ("bottom", float(at.get_attribute("data-top")) + float(at.get_attribute("data-height")))):
        y = outline.rect["y"] + (outline.rect["height"] if edge == "bottom" else 0)
        assert abs((y - img["y"]) / img["height"] * 100 - want) < 0.4, (edge, y, img, want)

    box = d.find_element(By.CSS_SELECTOR, "#distribution")
    box.find_element(By.CSS_SELECTOR, "summary").click()
    area = box.find_element(By.NAME, "value")
    area.send_keys("Công an tỉnh (để phối hợp);")
    send(d, box.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    items = [li.text for li in d.find_elements(By.CSS_SELECTOR, "#distribution li")]
    assert items[-1].startswith("Công an tỉnh (để phối hợp)") and any(i.startswith("Như trên") for i in items), items
    # the screenshot: the corrected signer beside its block outlined on page 2 (clicked after the reload)
    d.execute_script("document.getElementById('signers').scrollIntoView()")
    d.find_element(By.CSS_SELECTOR, '.signer[data-signer="1"] .loc').click()
    assert wait(d, "#page-2 .box").rect["width"] > 50
    d.execute_script("document.getElementById('signers').scrollIntoView()")  # the outline scrolled the window too
    shot(d, "signers")

    with open(root / "in" / (SEED + ".pdf"), "ab") as f:
        f.write(b"\n")
    with Archive(db) as archive:
        assert archive.ingest(root / "in", workers=1).processed == 1
        assert archive.find(str(root / "in" / (SEED + ".pdf"))) == pdf
    d.get(url + f"/doc/{pdf}")
    assert "Lê Thị Hải Yến" in wait(d, '.signer[data-signer="1"]').text
    assert "Công an tỉnh (để phối hợp)" in d.find_element(By.CSS_SELECTOR, "#distribution").text


def test_hostile_text_is_shown_as_text(site, browser):
    from selenium.webdriver.common.by import By

    _, _, ids, url = site
    d = browser
    d.set_window_size(1366, 768)
    doc = ids[HOSTILE_NAME]
    for path in (f"/doc/{doc}", "/?q=kiem+thu", "/?year=2023", "/cited-by?number=715/BCD-CAT"):
        d.get(url + path)
        wait(d, "main")
        assert d.execute_script("return typeof window.__xss") == "undefined", path
        assert d.find_elements(By.CSS_SELECTOR, "main script, main img[onerror], main b") == [], path
    d.get(url + f"/doc/{doc}")
    body = d.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__xss = 1</script>" in body  # the subject, as text
    assert '<img src=x onerror="window.__xss = 2">' in body  # the recipient
    assert "bao-cao-<b>thu<i>.txt" in body  # the file name
    d.get(url + "/?q=kiem+thu")
    assert "<script>window.__xss = 3</script>" in d.find_element(By.TAG_NAME, "main").text


def test_phone_width(site, browser):
    from selenium.webdriver.common.by import By

    _, _, ids, url = site
    d = browser
    # a phone: 390 CSS pixels wide, with the mobile viewport (a headless window cannot be made that narrow)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        for path in ("/", f"/doc/{ids[SCAN]}", "/?q=mua+ban+nguoi", "/review", "/draft"):
            d.get(url + path)
            wait(d, "main")
            overflow = d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
        d.get(url + f"/doc/{ids[SCAN]}")
        fields = d.find_element(By.CSS_SELECTOR, ".fields").rect
        pages = d.find_element(By.CSS_SELECTOR, ".pages").rect
        assert fields["y"] < pages["y"]  # on a phone, the fields come first, the pages below
        assert d.execute_script("return window.innerWidth") == 390
        shot(d, "document-phone")
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_draft_downloads_from_the_browser_page(site, browser):
    """The draft page's form gives a DOCX of the next period (fetched with the browser's cookies)."""
    import io
    import urllib.request

    from docx import Document
    from selenium.webdriver.common.by import By

    _, _, ids, url = site
    d = browser
    d.get(url + "/draft")
    select = d.find_element(By.NAME, "doc")
    options = [o.get_attribute("value") for o in select.find_elements(By.TAG_NAME, "option")]
    assert str(ids[SEED + ".pdf"]) in options
    shot(d, "draft")
    data = urllib.request.urlopen(f"{url}/draft/download?doc={ids[SEED + '.pdf']}&period=2023Q2&what=docx", timeout=120).read()
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "mua bán người quý II năm 2023" in text  # the period label moved on
    xlsx = urllib.request.urlopen(f"{url}/draft/download?doc={ids[SEED + '.pdf']}&period=2023Q2&what=xlsx", timeout=120).read()
    assert xlsx[:2] == b"PK"


def test_possible_merges_from_the_review_page(tmp_path, browser):
    """The review queue's possible merges in the browser: "Gộp" makes the seed's PDF and a draft of
    its first 35 % one document (the document page opens with both files); "Giữ riêng" keeps tb-11
    and a copy typed out with another date apart; the queue is empty after both."""
    from selenium.webdriver.common.by import By

    from test_web import possible_merges_folder

    folder = possible_merges_folder(tmp_path)
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        archive.ingest(folder, workers=1)
        assert len(archive.documents()) == 4
    d = browser
    d.set_window_size(1366, 768)
    with serving(str(db)) as url:
        d.get(url + "/review")
        assert "Có thể là một văn bản (2)" in wait(d, "#merges").text
        rows = d.find_elements(By.CSS_SELECTOR, "table.merges tbody tr")
        texts = [r.text for r in rows]
        assert len(rows) == 2 and any("nội dung giống" in t for t in texts), texts
        shot(d, "review-merges", height=1100)
        by_text = next(r for r in rows if "nội dung giống" in r.text)
        old = d.find_element(By.TAG_NAME, "html")
        by_text.find_element(By.CSS_SELECTOR, "button.merge").click()
        gone(d, old)
        files = wait(d, "#files")
        assert "du-thao-mot-phan.txt" in d.page_source and SEED + ".pdf" in d.page_source, files.text
        d.get(url + "/review")
        row = d.find_element(By.CSS_SELECTOR, "table.merges tbody tr")
        assert "11/TB-UBND" in row.text
        old = d.find_element(By.TAG_NAME, "html")
        row.find_element(By.CSS_SELECTOR, "button.apart").click()
        gone(d, old)
        assert "Có thể là một văn bản (0)" in wait(d, "#merges").text
    with Archive(db) as archive:
        assert len(archive.documents()) == 3
