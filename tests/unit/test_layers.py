"""Imports run one way: pages → state → the city's concepts (services) → core, never back up.

Read from the source (ast, nothing imported), so a module that would break a rule fails here
even before anything imports it. Imports inside functions count: a late import is still a
dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"

# The city's concepts: services that know nothing of Reflex, HTTP or pages.
DOMAIN = ("accounts", "govbr", "mail", "support", "help", "catalog", "legacy")
ABOVE_THE_DOMAIN = ("portal.state", "portal.pages", "portal.web", "portal.portal")

# (importing module, imported module) -> why this one is allowed to break its rule.
ALLOWED: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PORTAL.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, dotted name) of every import; ``from a import b`` gives ``a.b`` (b may be a module)."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
    return found


def _within(name: str, *packages: str) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def broken_rule(importer: str, imported: str) -> str | None:
    """Which rule ``importer`` breaks by importing ``imported`` (None when it breaks none)."""
    if not _within(imported, "portal"):
        return None
    if _within(importer, "portal.core") and not _within(imported, "portal.core"):
        return "core imports nothing of the portal outside core"
    if _within(importer, *(f"portal.{name}" for name in DOMAIN)) and _within(imported, *ABOVE_THE_DOMAIN):
        return "a domain package does not import the state, the pages, the web layer or the app"
    if _within(importer, "portal.state") and _within(imported, "portal.pages", "portal.portal"):
        return "the state does not import the pages or the app"
    return None


def _violations() -> list[str]:
    found = []
    for path in sorted(PORTAL.rglob("*.py")):
        module = _module_name(path)
        for line, imported in imports_of(path.read_text(), module, is_package=path.name == "__init__.py"):
            rule = broken_rule(module, imported)
            if rule and (module, imported) not in ALLOWED:
                found.append(f"{path.relative_to(PORTAL.parent)}:{line} imports {imported}: {rule}")
    return found


def test_no_import_runs_back_up():
    violations = _violations()
    assert not violations, "imports that run back up the house:\n" + "\n".join(violations)


def test_every_allowed_exception_is_still_needed():
    modules = {_module_name(path): path for path in PORTAL.rglob("*.py")}
    for importer, imported in ALLOWED:
        path = modules[importer]
        is_package = path.name == "__init__.py"
        names = {name for _, name in imports_of(path.read_text(), importer, is_package=is_package)}
        assert imported in names, f"ALLOWED lists {importer} -> {imported}, which no longer imports it"


def test_the_rules_see_each_way_back_up():
    assert imports_of("from portal import routes, texts", "portal.help.x") == [
        (1, "portal.routes"), (1, "portal.texts")]
    assert imports_of("def f():\n    from ..state import menu", "portal.mail.x") == [(2, "portal.state.menu")]
    assert broken_rule("portal.core.config", "portal.help.holiday_calendar")
    assert broken_rule("portal.core.db", "portal.texts")
    assert broken_rule("portal.accounts.sessions", "portal.web.cookies")
    assert broken_rule("portal.govbr.links", "portal.state.service_calls")
    assert broken_rule("portal.mail.outbox", "portal.portal")
    assert broken_rule("portal.state.login", "portal.pages.home")
    assert broken_rule("portal.core.hashing_pool", "portal.core.db") is None
    assert broken_rule("portal.state.login", "portal.web.cookies") is None
    assert broken_rule("portal.pages.home", "portal.state.login") is None
    assert broken_rule("portal.accounts.login", "portal.core.ratelimit") is None
