"""Every citizen-facing text lives in portal/texts/: a Portuguese literal anywhere else fails.

What counts as Portuguese: a string with an accented letter, or of two words or more with a
common Portuguese word; in pages, also any literal child of a component (``rx.text("Nome")``);
anywhere, a literal page title (``title="Entrar"``). Docstrings are code comments, not texts.
Mail templates hold markup only: any word outside their tags and ``{{ … }}`` is a text.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parents[2] / "portal"

# Modules whose Portuguese is not the portal's interface text, and why.
NOT_INTERFACE = {
    "texts": "the one place",
    "help/content.py": "the help centre's content: sections as data, reviewed as content",
    "core/config.py": "defaults a city sets through the environment (the mail From name)",
    "legacy/importer.py": "rejection reasons in the IT team's import report",
    "legacy/__main__.py": "command line for the IT team",
    "support/__main__.py": "command line for the IT team",
}

_ACCENTED = re.compile(r"[àáâãçéêíóôõúü]", re.IGNORECASE)
_WORDS = re.compile(
    r"\b(não|de|da|dos|das|em|na|para|com|por|seu|sua|você|senha|conta|entrar|sair|aguarde|"
    r"navegador|atendimento|abre|fechado|nome|telefone|assunto|cadastro|ajuda|serviços?)\b",
    re.IGNORECASE,
)
_COMPONENT_MODULES = ("rx", "el")
_NOT_COMPONENTS = {"cond", "match", "foreach", "set_focus", "scroll_to", "redirect", "call_script", "color"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _component_children(tree: ast.AST) -> set[int]:
    """String literals given as positional children to rx.<component>(…) / rx.el.<tag>(…)."""
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr not in _NOT_COMPONENTS):
            owner = node.func.value
            if (isinstance(owner, ast.Name) and owner.id in _COMPONENT_MODULES) or (
                    isinstance(owner, ast.Attribute) and owner.attr in _COMPONENT_MODULES):
                found.update(id(arg) for arg in node.args if isinstance(arg, ast.Constant))
    return found


def _titles(tree: ast.AST) -> set[int]:
    """String literals in what is given as a title: ``app.add_page(…, title=_title("Entrar"))``."""
    return {id(part) for node in ast.walk(tree) if isinstance(node, ast.Call)
            for keyword in node.keywords if keyword.arg == "title"
            for part in ast.walk(keyword.value) if isinstance(part, ast.Constant)}


def portuguese_literals(source: str, *, is_page: bool) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    children = (_component_children(tree) if is_page else set()) | _titles(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skipped:
            continue
        text = node.value.strip()
        two_words = " " in text and _WORDS.search(text)
        child_text = id(node) in children and re.match(r"[A-ZÀ-Ú][a-zà-ú]", text)
        if _ACCENTED.search(text) or two_words or child_text:
            found.append((node.lineno, text))
    return found


def _exempt(path: Path) -> bool:
    relative = path.relative_to(PORTAL).as_posix()
    return any(relative == name or relative.startswith(name + "/") for name in NOT_INTERFACE)


def _modules() -> list[Path]:
    return sorted(p for p in PORTAL.rglob("*.py") if not _exempt(p))


_TEMPLATES = PORTAL / "mail" / "templates"
# Jinja's own syntax, then HTML's: what remains is what a reader sees.
_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]*>|&\w+;", re.DOTALL)


def template_words(source: str) -> list[str]:
    """Words a mail template writes itself, instead of taking them from its render context."""
    return re.findall(r"[^\W\d_][\w'-]*", _TEMPLATE_CODE.sub(" ", source))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PORTAL).as_posix())
def test_no_portuguese_literal_outside_texts(path: Path):
    is_page = path.parent.name == "pages"
    found = portuguese_literals(path.read_text(encoding="utf-8"), is_page=is_page)
    listing = "\n".join(f"  line {n}: {t!r}" for n, t in found)
    assert not found, f"move these texts to portal/texts/:\n{listing}"


@pytest.mark.parametrize("path", sorted(_TEMPLATES.iterdir()), ids=lambda p: p.name)
def test_mail_templates_take_their_texts_from_texts(path: Path):
    found = template_words(path.read_text(encoding="utf-8"))
    assert not found, f"move these words to portal/texts/mail.py, into the render context: {found}"


@pytest.mark.parametrize(
    ("source", "is_page"),
    [('MESSAGE = "Não foi possível"', False),
     ('x = f"Aguarde {n} minutos para entrar"', False),
     ('def f():\n    return "senha da conta"', False),
     ('rx.text("Nome")', True),
     ('rx.el.label("Telefone", html_for="t")', True),
     ('app.add_page(home, route="/", title="Entrar")', False),
     ('app.add_page(home, route="/", title=_title("Entrar"))', False)],
)
def test_the_check_finds_portuguese(source, is_page):
    assert portuguese_literals(source, is_page=is_page)


@pytest.mark.parametrize(
    "source",
    ["<p>Olá, {{ first_name }}.</p>", "{{ link_label }}: {{ link }}\nVale 1 vez",
     "{% if x %}Dúvidas?{% endif %}"],
)
def test_the_template_check_finds_words(source):
    assert template_words(source)


def test_the_template_check_leaves_markup_alone():
    source = ('<p style="margin:24px 0"><a href="{{ link }}">{{ link_label }}</a></p>\n'
              '{% for p in after %}{{ p | indent(6) }}{% endfor %}{# a comment #}&nbsp;: -- 2')
    assert not template_words(source)


@pytest.mark.parametrize(
    ("source", "is_page"),
    [('"""Uma docstring em português não é texto da interface."""', False),
     ('rx.box(id="conteudo", class_name="menu-lista")', True),
     ('route = "/minha-conta"', False),
     ('log.info("sign-in refused for %s", who)', False)],
)
def test_the_check_leaves_code_alone(source, is_page):
    assert not portuguese_literals(source, is_page=is_page)


def test_every_exempt_module_exists():
    assert all((PORTAL / name).exists() for name in NOT_INTERFACE)
