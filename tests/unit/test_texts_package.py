"""portal/texts/: one module per area, read by code as ``texts.NAME`` whatever the area.

``portal.texts`` gathers every area's names, so a name defined in two areas would silently hide
one of them; and the texts stay plain literals, which read no setting when imported.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from portal import texts

AREAS = sorted(p for p in Path(texts.__file__).parent.glob("*.py") if p.name != "__init__.py")


def _defined(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, (ast.AnnAssign, ast.FunctionDef)):
            names.add(node.target.id if isinstance(node, ast.AnnAssign) else node.name)
    return {name for name in names if not name.startswith("_")}


def test_no_name_is_defined_in_two_areas():
    seen: dict[str, str] = {}
    clashes = []
    for path in AREAS:
        for name in _defined(path):
            if name in seen:
                clashes.append(f"{name}: {seen[name]} and {path.name}")
            seen[name] = path.name
    assert not clashes


@pytest.mark.parametrize("path", AREAS, ids=lambda p: p.stem)
def test_every_area_is_read_through_texts(path: Path):
    area = importlib.import_module(f"portal.texts.{path.stem}")
    assert [name for name in _defined(path) if getattr(texts, name, None) is not getattr(area, name)] == []


@pytest.mark.parametrize("path", AREAS, ids=lambda p: p.stem)
def test_areas_import_nothing_of_the_portal(path: Path):
    """So no setting is read when texts are imported; ``types`` keeps MESSAGES read-only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert [ast.unparse(node) for node in imports if getattr(node, "module", None) != "types"] == []


def test_messages_are_not_patched_at_run_time():
    with pytest.raises(TypeError):
        texts.MESSAGES["cpf_invalid"] = "outro texto"  # type: ignore[index]
