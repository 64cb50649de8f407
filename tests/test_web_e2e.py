"""The web page in headless Chromium (Debian's chromium driven by Playwright)."""

import shutil
import socket
import threading
import time

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(fake_tagger):
    uvicorn = pytest.importorskip("uvicorn")
    from serving.api import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(fake_tagger), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_page_highlights_entities_in_place(server):
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine (make test tries `apt-get install chromium`)")
    sync_api = pytest.importorskip("playwright.sync_api")
    text = "張家口市累計減貧27490戶，投入3000元。"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page()
        page.goto(server + "/")
        page.fill("#text", text)
        page.click("#go")
        page.wait_for_selector("#out mark")
        marks = page.eval_on_selector_all(
            "#out mark", "els => els.map(e => [e.dataset.type, e.textContent, +e.dataset.start])"
        )
        out_text = page.inner_text("#out")
        rows = page.eval_on_selector_all("#table tbody tr", "els => els.length")
        browser.close()
    assert ["QUANTITY", "27490戶", text.index("27490")] in marks
    assert ["MONEY", "3000元", text.index("3000")] in marks
    assert out_text == text  # highlighted in place: the page shows the text unchanged
    assert rows == len(marks)
