"""The services list (portal/catalog/servicos.toml) and its search."""

from __future__ import annotations

import pytest

from portal.catalog import services
from portal.catalog.services import CatalogError, fold, parse, search

GOOD = """
categorias = ["Saúde", "Impostos"]

[[servico]]
nome = "IPTU: 2ª via"
descricao = "Boleto do imposto."
categoria = "Impostos"
palavras_chave = ["carnê"]
link = "https://exemplo.campinas.sp.gov.br/iptu"
requer_entrada = false

[[servico]]
nome = "Agendamento em unidade de saúde"
descricao = "Marque consulta."
categoria = "Saúde"
palavras_chave = ["médico", "UBS"]
link = "https://exemplo.campinas.sp.gov.br/saude"
requer_entrada = true

[[servico]]
nome = "Nota Fiscal de Serviços Eletrônica (NFS-e)"
descricao = "Emita notas."
categoria = "Impostos"
palavras_chave = ["ISS"]
link = "https://exemplo.campinas.sp.gov.br/nfse"
requer_entrada = true
"""


def _names(found) -> list[str]:
    return [s.name for s in found]


def test_the_shipped_file_loads():
    catalog = services.load()
    assert 20 <= len(catalog.services) <= 40
    assert {s.category for s in catalog.services} <= set(catalog.categories)
    assert all(s.link.startswith("https://") for s in catalog.services)
    needs_sign_in = [s.needs_sign_in for s in catalog.services]
    assert any(needs_sign_in) and not all(needs_sign_in)
    assert len({s.id for s in catalog.services}) == len(catalog.services)
    assert services.catalog() is services.catalog()  # read once


@pytest.mark.parametrize(("query", "expected"), [
    ("saude", "Agendamento em unidade de saúde"),
    ("SAÚDE", "Agendamento em unidade de saúde"),
    ("Saúde", "Cartão SUS"),
    ("iptu", "IPTU: 2ª via do carnê"),
    ("IPTU", "IPTU: certidão de valor venal"),
    ("nota fiscal", "Nota Fiscal de Serviços Eletrônica (NFS-e)"),
    ("NFS-e", "Nota Fiscal de Serviços Eletrônica (NFS-e)"),
    ("nfse", "Nota Fiscal de Serviços Eletrônica (NFS-e)"),
    ("certidao negativa", "Certidão negativa de débitos municipais"),
    ("alvara", "Alvará de funcionamento"),
    ("matricula", "Matrícula na rede municipal"),
    ("cartao sus", "Cartão SUS"),
    ("bilhete", "Bilhete Único: cartão e recarga"),
    ("multas", "Multas de trânsito: consulta e recurso"),
    ("ouvidoria", "Ouvidoria"),
    ("156", "156: central de atendimento"),
])
def test_the_shipped_list_is_found_the_way_citizens_type(query, expected):
    assert expected in _names(search(services.catalog(), query))


def test_nota_fiscal_finds_only_the_nfse():
    assert _names(search(services.catalog(), "nota fiscal")) == ["Nota Fiscal de Serviços Eletrônica (NFS-e)"]


def test_every_word_must_match():
    catalog = parse(GOOD)
    assert _names(search(catalog, "nota")) == ["Nota Fiscal de Serviços Eletrônica (NFS-e)"]
    assert _names(search(catalog, "nota saude")) == []


@pytest.mark.parametrize(("query", "expected"), [
    ("saude", ["Agendamento em unidade de saúde"]),  # category and name, without the accent
    ("medico", ["Agendamento em unidade de saúde"]),  # keyword
    ("boleto", ["IPTU: 2ª via"]),  # description
    ("carne", ["IPTU: 2ª via"]),  # keyword "carnê"
    ("impostos", ["IPTU: 2ª via", "Nota Fiscal de Serviços Eletrônica (NFS-e)"]),  # category
    ("2a via", ["IPTU: 2ª via"]),
    ("  IPTU  ", ["IPTU: 2ª via"]),
    ("agend", ["Agendamento em unidade de saúde"]),  # the start of a word is enough
    ("gendamento", []),  # but not its middle
    ("xyz", []),
])
def test_search_ignores_accents_and_case(query, expected):
    assert _names(search(parse(GOOD), query)) == expected


@pytest.mark.parametrize("query", ["", "   ", "!!!", "-"])
def test_an_empty_search_shows_everything(query):
    catalog = parse(GOOD)
    assert search(catalog, query) == list(catalog.services)


def test_a_huge_search_is_cut():
    # Only the first MAX_QUERY characters count: the word far beyond them is not looked at.
    assert _names(search(parse(GOOD), "iptu" + " " * 1_000_000 + "xyz")) == ["IPTU: 2ª via"]


def test_groups_follow_the_category_list_then_the_file_order():
    catalog = parse(GOOD)
    groups = catalog.groups()
    assert [(g.id, g.name, _names(g.services)) for g in groups] == [
        ("saude", "Saúde", ["Agendamento em unidade de saúde"]),
        ("impostos", "Impostos", ["IPTU: 2ª via", "Nota Fiscal de Serviços Eletrônica (NFS-e)"]),
    ]
    only_tax = catalog.groups(search(catalog, "iptu"))
    assert [g.name for g in only_tax] == ["Impostos"]  # a category with no match is left out


def test_a_service_has_what_the_page_shows():
    service = parse(GOOD).services[1]
    assert service.id == "agendamento-em-unidade-de-saude"
    assert service.needs_sign_in and service.link == "https://exemplo.campinas.sp.gov.br/saude"
    assert service.keywords == ("médico", "UBS")


def test_fold():
    assert fold("Saúde Única ÇÃO 2ª") == "saude unica cao 2a"


def _broken(**changes) -> str:
    """GOOD with its first service's fields changed (None removes one)."""
    lines = GOOD.split("\n")
    start = lines.index("[[servico]]")
    end = lines.index("[[servico]]", start + 1)
    block = [line for line in lines[start + 1:end] if line.split(" = ")[0] not in changes]
    block += [f"{key} = {value}" for key, value in changes.items() if value is not None]
    return "\n".join(lines[:start + 1] + block + lines[end:])


@pytest.mark.parametrize(("changes", "message"), [
    ({"link": None}, "falta o campo 'link'"),
    ({"nome": '""'}, "o campo 'nome' deve ser um texto"),
    ({"requer_entrada": '"sim"'}, "o campo 'requer_entrada' deve ser true ou false"),
    ({"palavras_chave": '"carnê"'}, "o campo 'palavras_chave' deve ser uma lista de textos"),
    ({"palavras_chave": "[1, 2]"}, "'palavras_chave' deve ser uma lista de textos"),
    ({"categoria": '"Cultura"'}, "a categoria 'Cultura' não está em 'categorias'"),
    ({"link": '"http://inseguro.example.com"'}, "endereço https://"),
    ({"link": '"javascript:alert(1)"'}, "endereço https://"),
    ({"site": '"x"'}, "campo desconhecido 'site'"),
])
def test_a_bad_entry_is_named(changes, message):
    with pytest.raises(CatalogError) as raised:
        parse(_broken(**changes))
    assert "serviço nº 1" in str(raised.value) and message in str(raised.value)
    if "nome" not in changes:
        assert "'IPTU: 2ª via'" in str(raised.value)


@pytest.mark.parametrize(("text", "message"), [
    ("categorias = [\n", "não é TOML válido"),
    (GOOD.replace('categorias = ["Saúde", "Impostos"]', ""), "'categorias' deve ser uma lista"),
    (GOOD.replace('["Saúde", "Impostos"]', '["Saúde", "Saúde", "Impostos"]'), "categoria repetida"),
    ('categorias = ["Saúde"]', "nenhum serviço"),
    (GOOD + '\n[[servico]]\nnome = "IPTU: 2ª VIA"\ndescricao = "x"\ncategoria = "Impostos"\n'
            'palavras_chave = []\nlink = "https://a.example"\nrequer_entrada = false\n',
     "serviço nº 4 ('IPTU: 2ª VIA'): já há"),
])
def test_a_bad_file_is_explained(text, message):
    with pytest.raises(CatalogError) as raised:
        parse(text)
    assert message in str(raised.value)


def test_an_unreadable_file_is_explained(tmp_path):
    with pytest.raises(CatalogError, match="não foi possível ler"):
        services.load(tmp_path / "nao-existe.toml")


def test_the_page_state_shows_what_the_search_finds():
    import reflex as rx

    import portal.portal  # noqa: F401 - registers every state class
    from portal.state.catalog import CatalogState

    tab = rx.State(_reflex_internal_init=True)
    state = tab.get_substate(CatalogState.get_full_name().split(".")[1:])
    assert not state.searching and state.summary == f"{len(services.catalog().services)} serviços on-line."
    CatalogState.event_handlers["set_query"].fn(state, "saude")
    assert state.searching and "agendamento-em-unidade-de-saude" in state.shown
    assert state.shown_categories == ["saude"] and state.summary == "4 serviços encontrados para “saude”."
    CatalogState.event_handlers["search"].fn(state, {"q": "xyzzy " + "x" * 10_000})
    assert len(state.query) == services.MAX_QUERY and state.nothing_found and state.shown == []
    CatalogState.event_handlers["search"].fn(state, {"q": "  "})
    assert not state.searching and not state.nothing_found
