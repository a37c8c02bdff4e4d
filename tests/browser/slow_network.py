"""A phone on a weak mobile connection: DevTools' "Slow 3G" profile, applied through CDP."""

from __future__ import annotations

from playwright.sync_api import Browser, CDPSession, Page

# 2 s round trip (Chromium applies the latency per request), 50 kB/s each way.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
SLOW = 180_000  # ms: a whole page on Slow 3G with the cache disabled takes tens of seconds


def slow_phone(browser: Browser, base_url: str, *, cache: bool) -> tuple[Page, CDPSession]:
    """A 390 px touch tab on Slow 3G (its own context: own cookies and cache)."""
    context = browser.new_context(base_url=base_url, locale="pt-BR", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    context.set_default_timeout(SLOW)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": not cache})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    return page, cdp
