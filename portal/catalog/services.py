"""The city's online services: read once from servicos.toml, grouped by category, searched.

The list is data a city editor keeps (portal/catalog/servicos.toml), not code. A mistake in it
stops the portal at start with a message naming the entry and the field to fix, rather than
showing citizens a broken page. Search ignores accents and case ("saude" finds "Saúde") and
every word typed must start a word of the service's name, description, category or keywords.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
import unicodedata
from pathlib import Path

from portal import texts

CATALOG_FILE = Path(__file__).with_name("servicos.toml")
MAX_QUERY = 100  # characters of a search kept; more is cut

_FIELDS = {"nome": str, "descricao": str, "categoria": str, "palavras_chave": list, "link": str,
           "requer_entrada": bool}
_WORD = re.compile(r"[a-z0-9]+")


class CatalogError(ValueError):
    """servicos.toml cannot be used as it is; the message (texts.CATALOG_ERRORS, for its
    editor) names the entry and the field."""


@dataclasses.dataclass(frozen=True)
class Service:
    id: str  # from the name: "iptu-2a-via-do-carne"
    name: str
    description: str
    category: str
    keywords: tuple[str, ...]
    link: str
    needs_sign_in: bool
    words: tuple[str, ...] = dataclasses.field(default=(), repr=False, compare=False)


@dataclasses.dataclass(frozen=True)
class Category:
    id: str
    name: str
    services: tuple[Service, ...]


@dataclasses.dataclass(frozen=True)
class Catalog:
    categories: tuple[str, ...]  # in the order the page shows them
    services: tuple[Service, ...]  # in the file's order

    def groups(self, services: tuple[Service, ...] | list[Service] | None = None) -> list[Category]:
        """The services (all by default) under their categories, in the catalog's order;
        a category with none of them is left out."""
        chosen = self.services if services is None else services
        return [Category(slug(name), name, found) for name in self.categories
                if (found := tuple(s for s in chosen if s.category == name))]


def fold(text: str) -> str:
    """Lower case without accents: "Saúde" → "saude", "2ª" → "2a"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def slug(text: str) -> str:
    return "-".join(words(text))


def search(catalog: Catalog, query: str) -> list[Service]:
    """The services where every word of the query starts a word of the name, description,
    category or keywords; all of them for an empty query."""
    wanted = words(query[:MAX_QUERY])
    return [s for s in catalog.services if all(any(w.startswith(part) for w in s.words) for part in wanted)]


def _error(code: str, **details: object) -> CatalogError:
    return CatalogError(texts.CATALOG_ERRORS[code].format(**details))


def parse(text: str, source: str = "servicos.toml") -> Catalog:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _error("toml", source=source, detail=error) from error
    categories = data.get("categorias")
    if (not isinstance(categories, list) or not categories
            or not all(isinstance(c, str) and c.strip() for c in categories)):
        raise _error("categories", source=source)
    if len(set(categories)) != len(categories):
        raise _error("repeated_category", source=source)
    entries = data.get("servico")
    if not isinstance(entries, list) or not entries:
        raise _error("no_services", source=source)
    unknown = set(data) - {"categorias", "servico"}
    if unknown:
        raise _error("unknown_key", source=source, key=sorted(unknown)[0])
    services: list[Service] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = texts.CATALOG_ERRORS["entry"].format(source=source, number=number)
        service = _service(entry, where, categories)
        if service.id in seen:
            named = texts.CATALOG_ERRORS["entry_named"].format(where=where, name=service.name)
            raise _error("duplicate", where=named)
        seen.add(service.id)
        services.append(service)
    return Catalog(categories=tuple(categories), services=tuple(services))


def _service(entry: object, where: str, categories: list[str]) -> Service:
    if not isinstance(entry, dict):
        raise _error("not_a_block", where=where)
    name = entry.get("nome")
    if isinstance(name, str) and name.strip():
        where = texts.CATALOG_ERRORS["entry_named"].format(where=where, name=name.strip())
    for key, kind in _FIELDS.items():
        if key not in entry:
            raise _error("missing", where=where, field=key)
        value = entry[key]
        if not isinstance(value, kind) or (kind is str and not value.strip()):
            raise _error("wrong_type", where=where, field=key, expected=texts.CATALOG_EXPECTED[kind.__name__])
    extra = set(entry) - set(_FIELDS)
    if extra:
        raise _error("unknown_field", where=where, field=sorted(extra)[0])
    if not all(isinstance(k, str) and k.strip() for k in entry["palavras_chave"]):
        raise _error("keywords", where=where)
    if entry["categoria"] not in categories:
        raise _error("category", where=where, category=entry["categoria"])
    link = entry["link"].strip()
    if not link.startswith("https://") or any(c.isspace() for c in link):
        raise _error("link", where=where)
    name, description, category = entry["nome"].strip(), " ".join(entry["descricao"].split()), entry["categoria"]
    keywords = tuple(k.strip() for k in entry["palavras_chave"])
    searched = words(" ".join((name, description, category, *keywords)))
    return Service(id=slug(name) or "servico", name=name, description=description, category=category,
                   keywords=keywords, link=link, needs_sign_in=entry["requer_entrada"],
                   words=tuple(dict.fromkeys(searched)))


def load(path: Path = CATALOG_FILE) -> Catalog:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _error("unreadable", source=path, detail=error) from error
    return parse(text, source=str(path))


@functools.cache
def catalog() -> Catalog:
    """The shipped list, read once per process."""
    return load()
