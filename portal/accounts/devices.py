"""A readable name for the browser behind a session ("Chrome 156 em Linux")."""

from __future__ import annotations

from user_agents import parse

from portal import texts


def describe(user_agent: str) -> str:
    if not user_agent:
        return texts.UNKNOWN_BROWSER
    agent = parse(user_agent)
    browser = " ".join(p for p in (agent.browser.family, agent.browser.version_string.split(".")[0]) if p)
    system = agent.os.family if agent.os.family != "Other" else ""
    kind = texts.DEVICE_PHONE if agent.is_mobile else texts.DEVICE_TABLET if agent.is_tablet else ""
    text = browser or texts.BROWSER
    if system:
        text = texts.BROWSER_ON_SYSTEM.format(browser=text, system=system)
    if kind:
        text = texts.BROWSER_KIND.format(text=text, kind=kind)
    return text
