"""A phone in the hand (issue 13): at 390 px every control a thumb meets is at least 44 × 44 px,
the main menu folds behind a "Menu" button that works with the keyboard and shows only the
links that fit who is signed in, and the focus ring stands out (≥ 3:1) from what surrounds it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.citizen import PASSWORD, confirmed_citizen, new_cpf, new_email, sign_in, visit
from tests.browser.conftest import RunningApp
from tests.browser.smtp import MailServer
from tests.browser.test_keyboard import tab_to

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44

# WCAG 2.5.8's inline exception: a link inside a sentence keeps the sentence's line height.
# Only these may be smaller, and only while they sit in running text (checked below).
INLINE_LINKS = {
    "/": {"Cadastre-se"},  # "Ainda não tem cadastro? Cadastre-se"
    "/cadastro": {"Entrar"},  # "Já tem conta? Entrar"
    "/minha-conta": {"Acompanhar uma solicitação"},  # "Pediu auxílio com outro e-mail? Acompanhar…"
}

# Every visible control, with the box a thumb can hit: a text field's frame, a checkbox's label.
_TARGETS = """() => {
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"]');
  const found = [];
  for (const el of controls) {
    const style = getComputedStyle(el);
    if (!el.getClientRects().length || style.visibility === 'hidden') continue;
    let box = el;
    const frame = el.closest('.rt-TextFieldRoot, .rt-TextAreaRoot');
    const label = el.matches('input[type="checkbox"], input[type="radio"]') && el.closest('label');
    if (label) box = label;
    else if (frame) box = frame;
    const rect = box.getBoundingClientRect();
    const parent = el.parentElement;
    const own = (el.textContent || '').trim();
    found.push({
      name: el.getAttribute('aria-label') || own || el.getAttribute('name') || el.id
        || el.outerHTML.slice(0, 80),
      tag: el.tagName.toLowerCase(),
      width: Math.round(rect.width * 10) / 10,
      height: Math.round(rect.height * 10) / 10,
      inSentence: style.display === 'inline' && !!parent && parent.tagName === 'P'
        && (parent.textContent || '').trim().length > own.length + 3,
    });
  }
  return found;
}"""


def _phone(browser: Browser, app_url: str, **options) -> Page:
    context = browser.new_context(base_url=app_url, locale="pt-BR", viewport=PHONE, **options)
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.fixture
def phone(browser: Browser, app_url: str) -> Iterator[Page]:
    page = _phone(browser, app_url)
    yield page
    page.context.close()


def menu_button(page: Page):
    return page.get_by_role("button", name="Menu", exact=True)


def open_menu(page: Page) -> None:
    menu_button(page).click()
    expect(menu_button(page)).to_have_attribute("aria-expanded", "true")


def menu_links(page: Page) -> list[str]:
    return [text.strip() for text in page.locator("#menu-lista a").all_inner_texts()]


def small_targets(page: Page, path: str) -> list[dict]:
    """The controls under 44 × 44 px, other than the inline links this page may have."""
    allowed = INLINE_LINKS.get(path, set())
    return [target for target in page.evaluate(_TARGETS)
            if (target["width"] < MIN_TARGET or target["height"] < MIN_TARGET)
            and not (target["inSentence"] and target["name"] in allowed)]


def test_every_control_is_a_thumb_wide_on_a_phone(phone: Page, mail_server: MailServer):
    visit(phone, "/")
    open_menu(phone)  # its links are measured too
    assert small_targets(phone, "/") == []

    visit(phone, "/cadastro")
    phone.get_by_label("E-mail", exact=True).fill("maria@hotmial.com")
    phone.get_by_label("Confirme o e-mail", exact=True).focus()
    expect(phone.get_by_role("button", name="Usar sugestão")).to_be_visible()
    assert small_targets(phone, "/cadastro") == []

    for path in ("/recuperar-senha", "/ajuda/solicitar"):
        visit(phone, path)
        assert small_targets(phone, path) == [], path

    cpf, _ = confirmed_citizen(phone, mail_server)
    sign_in(phone, cpf)
    phone.wait_for_url(re.compile(r"/(minha-conta|servicos)"))
    visit(phone, "/minha-conta")
    expect(phone.get_by_role("button", name="Sair", exact=True)).to_be_visible()
    assert small_targets(phone, "/minha-conta") == []


def test_the_phone_menu_works_with_the_keyboard(phone: Page):
    visit(phone, "/")
    expect(phone.locator("#menu-lista")).to_be_hidden()
    button = menu_button(phone)
    tab_to(phone, button)
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "menu-lista")
    phone.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("link", name="Início", exact=True)).to_be_focused()
    privacy = phone.locator("#menu-lista").get_by_role("link", name="Privacidade", exact=True)
    tab_to(phone, privacy)
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1, name=re.compile("Privacidade"))).to_be_visible()
    phone.locator("[data-ready='1']").wait_for()
    expect(menu_button(phone)).to_have_attribute("aria-expanded", "false")  # a new page starts closed
    expect(phone.locator("#menu-lista")).to_be_hidden()

    # Space toggles it too, and a second press closes it.
    tab_to(phone, menu_button(phone))
    phone.keyboard.press("Space")
    expect(menu_button(phone)).to_have_attribute("aria-expanded", "true")
    phone.keyboard.press("Space")
    expect(menu_button(phone)).to_have_attribute("aria-expanded", "false")


def test_skip_to_menu_on_a_phone_opens_it(phone: Page):
    visit(phone, "/cadastro")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("link", name="Ir para o menu [2]")).to_be_focused()
    phone.keyboard.press("Enter")
    expect(phone.locator("nav#menu")).to_be_focused()
    expect(menu_button(phone)).to_have_attribute("aria-expanded", "true")
    # Then the portal's name, "Menu" and the links.
    tab_to(phone, phone.locator("#menu-lista").get_by_role("link", name="Ajuda", exact=True), limit=8)


def test_on_a_wide_screen_the_links_are_inline_and_the_button_hidden(page: Page):
    visit(page, "/")
    expect(menu_button(page)).to_be_hidden()
    expect(page.locator("#menu-lista").get_by_role("link", name="Privacidade", exact=True)).to_be_visible()


def test_the_menu_shows_the_links_that_fit_who_is_signed_in(phone: Page, mail_server: MailServer,
                                                            open_page, app: RunningApp):
    visit(phone, "/privacidade")
    assert menu_links(phone) == ["Início", "Serviços", "Cadastre-se", "Ajuda", "Solicitar auxílio",
                                 "Privacidade", "Entrar"]

    cpf, _ = confirmed_citizen(phone, mail_server)
    sign_in(phone, cpf)
    phone.wait_for_url(re.compile(r"/(minha-conta|servicos)"))
    visit(phone, "/privacidade")
    open_menu(phone)
    expect(phone.locator("#menu-lista").get_by_role("link", name="Minha conta", exact=True)).to_be_visible()
    assert menu_links(phone) == ["Início", "Serviços", "Ajuda", "Solicitar auxílio", "Minha conta",
                                 "Privacidade"]

    # "Sair": the next person in this tab gets the visitor's menu again.
    visit(phone, "/minha-conta")
    phone.get_by_role("button", name="Sair", exact=True).click()
    expect(phone.get_by_text("Você saiu da sua conta.")).to_be_visible()
    phone.locator("[data-ready='1']").wait_for()
    open_menu(phone)
    expect(phone.locator("#menu-lista").get_by_role("link", name="Cadastre-se", exact=True)).to_be_visible()
    assert "Minha conta" not in menu_links(phone)

    staff = open_page()
    staff_cpf = new_cpf()
    app.command("-m", "portal.support", "criar-atendente", "--cpf", staff_cpf, "--nome", "Rita Atendente",
                "--email", new_email(), "--senha-stdin", stdin=PASSWORD + "\n")
    sign_in(staff, staff_cpf)
    staff.wait_for_url(re.compile(r"/(minha-conta|servicos)"))
    visit(staff, "/privacidade")
    expect(staff.locator("#menu-lista").get_by_role("link", name="Atendimento", exact=True)).to_be_visible()
    assert "Cadastre-se" not in menu_links(staff)


# --- Focus ring contrast -----------------------------------------------------------------------

_RING = """el => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return {rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1}; };
  let ringed = el;
  for (let i = 0; i < 3 && ringed; i++, ringed = ringed.parentElement) {
    const s = getComputedStyle(ringed);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) break;
  }
  if (!ringed) return null;
  const s = getComputedStyle(ringed);
  let bg = null;
  for (let node = ringed.parentElement; node; node = node.parentElement) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c && c.a > 0.5) { bg = c.rgb; break; }
  }
  return {outline: parse(s.outlineColor).rgb, width: parseFloat(s.outlineWidth),
          background: bg || [255, 255, 255]};
}"""


def _luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ring_contrast(page: Page, locator) -> float:
    tab_to(page, locator)
    ring = locator.evaluate(_RING)
    assert ring is not None, f"no focus ring on {locator}"
    assert ring["width"] >= 2, ring
    return contrast(ring["outline"], ring["background"])


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "alto-contraste"])
def test_the_focus_ring_stands_out(phone: Page, high_contrast: bool):
    visit(phone, "/cadastro")
    if high_contrast:
        phone.get_by_role("button", name="Alto contraste").click()
        expect(phone.get_by_role("button", name="Alto contraste")).to_have_attribute("aria-pressed", "true")
        visit(phone, "/cadastro")  # focus starts again from the top of the page
        expect(phone.locator(".portal.alto-contraste")).to_have_count(1)
    # In the order Tab reaches them.
    controls = [
        phone.get_by_role("link", name="Ir para o conteúdo [1]"),
        phone.get_by_role("button", name="Aumentar texto"),
        phone.get_by_role("link", name=re.compile("^Portal de Serviços")),
        menu_button(phone),
        phone.get_by_label("Nome completo", exact=True),
        phone.get_by_role("button", name="Mostrar senha"),
        phone.get_by_role("checkbox"),
        phone.get_by_role("main").get_by_role("link", name="Termos de uso e aviso de privacidade"),
        phone.get_by_role("button", name="Cadastrar"),
    ]
    for control in controls:
        assert ring_contrast(phone, control) >= 3, control


# --- axe with the phone menu open ---------------------------------------------------------------

def test_the_open_menu_at_320_px_has_no_axe_violations(browser: Browser, app_url: str):
    page = _phone(browser, app_url)
    try:
        page.set_viewport_size({"width": 320, "height": 800})
        visit(page, "/")
        open_menu(page)
        page.wait_for_load_state("networkidle")
        page.mouse.move(0, 0)
        for label in ("normal", "alto contraste"):
            results = Axe().run(page)
            assert results.violations_count == 0, f"{label}:\n{results.generate_report()}"
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, label
            if label == "normal":
                page.get_by_role("button", name="Alto contraste").click()
                expect(page.locator(".portal.alto-contraste")).to_have_count(1)
                expect(menu_button(page)).to_have_attribute("aria-expanded", "true")
    finally:
        page.context.close()
