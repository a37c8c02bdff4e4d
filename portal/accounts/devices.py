"""A readable name for the browser behind a session ("Chrome 156 em Linux")."""

from __future__ import annotations

from user_agents import parse


def describe(user_agent: str) -> str:
    if not user_agent:
        return "Navegador desconhecido"
    agent = parse(user_agent)
    browser = " ".join(p for p in (agent.browser.family, agent.browser.version_string.split(".")[0]) if p)
    system = agent.os.family if agent.os.family != "Other" else ""
    kind = "celular" if agent.is_mobile else "tablet" if agent.is_tablet else ""
    text = browser or "Navegador"
    if system:
        text += f" em {system}"
    if kind:
        text += f" ({kind})"
    return text
