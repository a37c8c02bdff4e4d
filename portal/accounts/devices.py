"""A readable name for the browser behind a session ("Chrome 156 em Linux").

The user agent is text the client wrote: whoever signs in with a stolen password chooses it,
and the new-device mail and "Minha conta" show its description under the city's name. So only
names from the fixed lists below come through, with a major version of at most three digits
(never a phone number); anything else becomes the generic words."""

from __future__ import annotations

import re

from user_agents import parse

from portal import texts

# Browser families as ua-parser names them; HeadlessChrome is what the browser tests drive.
BROWSERS = frozenset({
    "Chrome", "Chrome Mobile", "Chrome Mobile iOS", "Chrome Mobile WebView", "Chromium", "HeadlessChrome",
    "Firefox", "Firefox Mobile", "Firefox iOS", "Safari", "Mobile Safari", "Mobile Safari UI/WKWebView",
    "Edge", "Edge Mobile", "Opera", "Opera Mobile", "Opera Mini", "Samsung Internet", "UC Browser",
    "Yandex Browser", "Vivaldi", "Brave", "IE", "IE Mobile", "MiuiBrowser", "Huawei Browser",
    "DuckDuckGo Mobile", "Facebook", "Silk",
})
SYSTEMS = frozenset({
    "Android", "iOS", "Windows", "Windows Phone", "Mac OS X", "Linux", "Ubuntu", "Debian", "Fedora",
    "Chrome OS", "FreeBSD", "KaiOS", "HarmonyOS",
})
_MAJOR = re.compile(r"[1-9][0-9]{0,2}")
# Real user agents are a few hundred characters; the parser's regexes need not see more.
_PARSED_LENGTH = 512


def _browser(family: str, version: str) -> str:
    if family not in BROWSERS:
        return ""
    major = version.split(".")[0]
    return f"{family} {major}" if _MAJOR.fullmatch(major) else family


def describe(user_agent: str) -> str:
    agent = parse(user_agent[:_PARSED_LENGTH]) if user_agent else None
    browser = _browser(agent.browser.family, agent.browser.version_string) if agent else ""
    system = agent.os.family if agent and agent.os.family in SYSTEMS else ""
    if not browser and not system:
        return texts.UNKNOWN_BROWSER
    text = texts.BROWSER_ON_SYSTEM.format(browser=browser or texts.BROWSER, system=system) if system else browser
    kind = texts.DEVICE_PHONE if agent.is_mobile else texts.DEVICE_TABLET if agent.is_tablet else ""
    return texts.BROWSER_KIND.format(text=text, kind=kind) if kind else text
