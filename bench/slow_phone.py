"""How the portal does on a cheap phone over a weak connection, beside Reflex's own floor.

    .venv/bin/python -m bench.slow_phone [--runs 3]

(or `.venv/bin/python -m bench --only slow-phone`). Starts the portal (a copy of this
checkout, SQLite, a local SMTP server) and a blank Reflex page (bench/blank_reflex_app) in
production mode, then drives Debian's Chromium at 390 px
over DevTools' "Slow 3G" (2 s round trip, 50 kB/s) through CDP and prints, for each:

- first visit to / with the cache disabled: bytes on the wire, requests, first paint and
  the moment the page is live (connected, hydrated, on_load done);
- the portal's sign-in with its static files cached: Enter pressed -> Minha conta shown,
  beside the blank page's own reload-until-live with the same warm cache.

Medians of --runs runs, and each portal figure as a ratio to the floor measured in the same
run (these machines are noisy). Nothing fails by time: it only prints.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.citizen import PASSWORD, confirmed_citizen
from tests.browser.conftest import CHROMIUM, built_pages, free_port, running_app
from tests.browser.slow_network import slow_phone
from tests.browser.smtp import MailServer

ROOT = Path(__file__).resolve().parent.parent
BLANK_APP = Path(__file__).resolve().parent / "blank_reflex_app"

LIVE = "[data-ready='1']"


@contextlib.contextmanager
def blank_app() -> Iterator[str]:
    """The blank Reflex page, built and served in production mode on a free port."""
    workdir = Path(tempfile.mkdtemp(prefix="blank-reflex-"))
    shutil.copytree(BLANK_APP, workdir, dirs_exist_ok=True)
    port = free_port()
    env = {**os.environ, "PATH": f"{ROOT / '.tools' / 'node_modules' / '.bin'}{os.pathsep}{os.environ['PATH']}",
           "REFLEX_USE_SYSTEM_BUN": "1"}
    log = (workdir / "app.log").open("w")
    process = subprocess.Popen([str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod",
                                "--frontend-port", str(port), "--backend-port", str(port)],
                               cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://localhost:{port}"
        _wait_for(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_for(url: str, process: subprocess.Popen) -> None:
    import urllib.request

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the blank Reflex app exited during start-up")
        try:
            urllib.request.urlopen(url + "/", timeout=2).read()
            return
        except OSError:
            time.sleep(1)
    raise RuntimeError("the blank Reflex app did not start")


def _phone(browser: Browser, base_url: str, *, cache: bool) -> tuple[Page, dict]:
    page, cdp = slow_phone(browser, base_url, cache=cache)
    wire = {"bytes": 0, "requests": 0}

    def finished(event: dict) -> None:
        wire["bytes"] += event.get("encodedDataLength", 0)
        wire["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    return page, wire


def first_visit(browser: Browser, base_url: str) -> dict:
    page, wire = _phone(browser, base_url, cache=False)
    start = time.monotonic()
    page.goto("/", wait_until="commit")
    page.locator(LIVE).wait_for()
    live = time.monotonic() - start
    paint = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0") / 1000
    result = {"kB": wire["bytes"] / 1000, "requests": wire["requests"], "first paint s": paint, "live s": live}
    page.context.close()
    return result


def warm_reload(browser: Browser, base_url: str) -> float:
    """The floor of any full page load with the static files cached: reload until live."""
    page, _ = _phone(browser, base_url, cache=True)
    page.goto("/")
    page.locator(LIVE).wait_for()
    start = time.monotonic()
    page.reload(wait_until="commit")
    page.locator(LIVE).wait_for()
    seconds = time.monotonic() - start
    page.context.close()
    return seconds


def warm_sign_in(browser: Browser, base_url: str, cpf: str) -> float:
    page, _ = _phone(browser, base_url, cache=True)
    page.goto("/?voltar=minha-conta")  # a sign-in lands on Serviços; this one comes back to Minha conta
    page.locator(LIVE).wait_for()
    page.get_by_label("CPF", exact=True).fill(cpf)
    page.get_by_label("Senha", exact=True).fill(PASSWORD)
    start = time.monotonic()
    page.get_by_label("Senha", exact=True).press("Enter")
    page.get_by_text("Onde sua conta está aberta").wait_for()  # Minha conta, with the account's data
    seconds = time.monotonic() - start
    page.context.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    report(measure(runs), runs)


def measure(runs: int) -> dict[str, list[float]]:
    """Every figure of every run, by name."""
    mail = MailServer(port=free_port())
    mail.start()
    workdir = Path(tempfile.mkdtemp(prefix="bench-portal-"))
    try:
        pages = built_pages(workdir, "default")
        with running_app(workdir / "portal", mail, pages, "localhost") as portal, blank_app() as blank, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            helper = browser.new_context(base_url=portal.url, locale="pt-BR").new_page()
            cpf, _ = confirmed_citizen(helper, mail)
            rows: dict[str, list[float]] = {}
            for _ in range(runs):
                for name, url in (("portal", portal.url), ("blank", blank)):
                    for key, value in first_visit(browser, url).items():
                        rows.setdefault(f"{name} first visit {key}", []).append(value)
                rows.setdefault("portal sign-in Enter -> Minha conta s", []).append(warm_sign_in(browser, portal.url, cpf))
                rows.setdefault("blank warm reload until live s", []).append(warm_reload(browser, blank))
            browser.close()
    finally:
        mail.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


def report(rows: dict[str, list[float]], runs: int) -> None:
    median = {key: statistics.median(values) for key, values in rows.items()}
    print(f"Slow 3G (2 s RTT, 50 kB/s), 390 px, Debian Chromium; median of {runs} runs")
    for key, value in median.items():
        print(f"  {key:<42} {value:10.1f}")
    print("Portal beside the blank Reflex page (same run):")
    for key in ("kB", "requests", "first paint s", "live s"):
        ratio = median[f"portal first visit {key}"] / max(median[f"blank first visit {key}"], 1e-9)
        print(f"  first visit {key:<30} x{ratio:.2f}")
    ratio = median["portal sign-in Enter -> Minha conta s"] / median["blank warm reload until live s"]
    print(f"  sign-in vs one warm page load until live   x{ratio:.2f}")


if __name__ == "__main__":
    main()
