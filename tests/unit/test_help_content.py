"""Help center content: every situation of the original help page, for how this portal works."""

import dataclasses
import re

import pytest

from portal import texts
from portal.core import routes
from portal.help import content
from portal.help.content import LGPD_DEMANDS, OUVIDORIA_TEXT, SECTIONS, TOPICS, Action, Section, section

EXPECTED_SLUGS = (
    "problemas-no-cadastro",
    "nao-recebi-email",
    "usuario-ou-senha-invalido",
    "email-e-cpf-nao-encontrados",
    "esqueci-qual-email",
    "nao-recebi-nova-senha",
    "nova-senha-nao-funciona",
    "conta-antiga",
)


def full_text(item: Section) -> str:
    parts = [item.title, item.intro, *item.steps, item.after, *(a.label for a in item.actions)]
    return "\n".join(parts)


def test_slugs_are_exactly_the_published_fragments():
    assert tuple(s.slug for s in SECTIONS) == EXPECTED_SLUGS


def test_slugs_are_unique_and_url_safe():
    slugs = [s.slug for s in SECTIONS]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug


@pytest.mark.parametrize("item", SECTIONS, ids=lambda s: s.slug)
def test_section_is_complete(item):
    assert item.title.strip() and item.intro.strip()
    assert len(item.steps) >= 1
    assert all(step.strip() for step in item.steps)
    assert item.actions[-1] == Action("Solicitar auxílio", f"/ajuda/solicitar?assunto={item.slug}")
    assert all(a.label.strip() for a in item.actions)


@pytest.mark.parametrize("item", SECTIONS, ids=lambda s: s.slug)
def test_actions_point_to_known_pages(item):
    known = {routes.HOME, routes.SIGNUP, routes.SIGNUP_SENT, routes.RECOVER}
    for action in item.actions[:-1]:
        assert action.href in known, action


def test_model_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SECTIONS[0].title = "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        SECTIONS[0].actions[0].href = "x"


@pytest.mark.parametrize(
    ("slug", "phrases"),
    [
        ("problemas-no-cadastro", ["navegador", "versão mais recente", "outro navegador"]),
        (
            "nao-recebi-email",
            ["spam", "alguns minutos", "1 hora", "digitado errado", "Corrigir e-mail", "mesmo CPF",
             "substituem", "aba do navegador", "cheia", "desativada pelo provedor", "suporte do seu e-mail",
             "Reenviar e-mail de confirmação"],
        ),
        (
            "usuario-ou-senha-invalido",
            ["Usuário ou Senha Inválido", "Caps Lock", "CPF", "maiúsculas", "Recuperar senha",
             "senha temporária"],
        ),
        (
            "email-e-cpf-nao-encontrados",
            ["Este e-mail e este CPF não foram encontrados", "e-mail foi digitado certo", "11 números",
             "mesmo e-mail que está na sua conta"],
        ),
        (
            "esqueci-qual-email",
            ["mais de um e-mail", "perder o acesso", "CPF e o e-mail", "Solicitar auxílio"],
        ),
        ("nao-recebi-nova-senha", ["spam", "alguns minutos", "1 hora", "peça auxílio"]),
        (
            "nova-senha-nao-funciona",
            ["CPF", "espaços e hífens não fazem diferença", "2 horas", "uma única vez", "substitui"],
        ),
        ("conta-antiga", ["antigo Portal do Cidadão", "mesma senha", "CPF", "recupere a senha"]),
    ],
)
def test_every_seed_situation_is_covered(slug, phrases):
    text = full_text(section(slug))
    for phrase in phrases:
        assert phrase in text, (slug, phrase)


def test_nao_recebi_email_offers_correcting_and_resending():
    hrefs = {a.href for a in section("nao-recebi-email").actions}
    assert {routes.SIGNUP_SENT, routes.HOME, routes.SIGNUP} <= hrefs


@pytest.mark.parametrize(
    "shown",
    [texts.LOGIN_INVALID, texts.RECOVER_NOT_FOUND, texts.CPF_TAKEN, texts.BUTTON_RESEND,
     texts.BUTTON_CORRECT_EMAIL, texts.BUTTON_RESEND_CONFIRMATION, texts.SHOW_PASSWORD, texts.ACCOUNT_TITLE],
)
def test_quoted_interface_texts_match_the_interface(shown):
    assert any(shown in full_text(s) for s in SECTIONS), shown


def test_validity_periods_follow_the_settings():
    sections = {s.slug: s for s in content.build_sections(temp_password_hours=1, confirmation_hours=24)}
    assert "1 hora e uma única vez" in full_text(sections["nova-senha-nao-funciona"])
    assert "vale por 24 horas" in full_text(sections["nao-recebi-email"])
    half = {s.slug: s for s in content.build_sections(temp_password_hours=0.5)}
    assert "30 minutos" in full_text(half["nova-senha-nao-funciona"])
    assert "vale por 48 horas" in full_text(section("nao-recebi-email"))


def test_topics_are_the_sections_then_other():
    assert TOPICS == tuple((s.slug, s.title) for s in SECTIONS) + (("outro", "Outro assunto"),)


@pytest.mark.parametrize("slug", EXPECTED_SLUGS)
def test_section_by_slug(slug):
    assert section(slug).slug == slug


@pytest.mark.parametrize("slug", ["outro", "", "NAO-RECEBI-EMAIL", "nao_recebi_email"])
def test_unknown_section_raises_key_error(slug):
    with pytest.raises(KeyError):
        section(slug)


def test_no_typos_from_the_original_page():
    everything = "\n".join(full_text(s) for s in SECTIONS) + OUVIDORIA_TEXT + "".join(LGPD_DEMANDS)
    for typo in ("cadastrastro", "recebidor", "voce ", "preenche-lo", "SPAM", "CAPS-LOCK"):
        assert typo not in everything


def test_lgpd_block():
    assert content.OUVIDORIA_URL == "https://ouvidoria.campinas.sp.gov.br"
    assert "Ouvidoria Geral do Município de Campinas" in OUVIDORIA_TEXT
    assert "13.709/2018" in OUVIDORIA_TEXT
    assert LGPD_DEMANDS == (
        "Aceitar solicitações de tratamento de dados pessoais por parte dos titulares;",
        "Aceitar reclamações e comunicações dos titulares dos dados pessoais;",
        "Prestar esclarecimentos e adotar providências;",
        "Receber comunicações da autoridade nacional e adotar providências.",
    )


def test_contact_texts():
    phone = "".join((texts.HELP_CONTACT_PHONE_BEFORE, "156", texts.HELP_CONTACT_PHONE_MIDDLE, "(19) 3755-6010",
                     texts.HELP_CONTACT_PHONE_AFTER))
    assert phone == "Telefone: 156 para Campinas e (19) 3755-6010 para as demais localidades."
    assert "segunda a sexta-feira" in content.CONTACT_HOURS and "exceto feriados" in content.CONTACT_HOURS
