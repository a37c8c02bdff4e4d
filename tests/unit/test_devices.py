"""A readable name for the browser behind a session."""

import re

import pytest

from portal.accounts import devices

CHROME_LINUX = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                "Chrome/126.0.0.0 Safari/537.36")
FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0"
SAFARI_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")


@pytest.mark.parametrize(
    ("user_agent", "expected"),
    [
        (CHROME_LINUX, "Chrome 126 em Linux"),
        (FIREFOX_WINDOWS, "Firefox 127 em Windows"),
    ],
)
def test_desktop_browsers_show_browser_major_version_and_system(user_agent, expected):
    assert devices.describe(user_agent) == expected


def test_desktop_browser_is_not_called_a_phone():
    assert "celular" not in devices.describe(CHROME_LINUX)


def test_safari_on_iphone_is_a_phone():
    text = devices.describe(SAFARI_IPHONE)
    assert "Safari" in text
    assert "iOS" in text
    assert "celular" in text


def test_empty_user_agent_is_an_unknown_browser():
    assert devices.describe("") == "Navegador desconhecido"


def test_unrecognised_user_agent_still_gives_text():
    assert devices.describe("curl-ish/0")


# The user agent is the client's own text: whoever signs in with a stolen password picks it, and
# the new-device mail and "Minha conta" show its description. Only known names may come through.
CALL_US = "Ligue 0800-123-4567 Central de Seguranca da Prefeitura"
HOSTILE = [
    f"Mozilla/5.0 (compatible; {CALL_US} Bot/1.0)",
    f"Mozilla/5.0 (Windows NT 10.0) {CALL_US} Crawler/2.0",
    f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {CALL_US}Spider/1.0",
    f"Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0\r\n{CALL_US}\r\nSafari/537.36",
    f"{CALL_US}\n{CALL_US}/1.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/08001234567.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/8001234567.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64) " + "Ligue0800 " * 2000 + "Firefox/127.0",
]


@pytest.mark.parametrize("user_agent", HOSTILE)
def test_hostile_user_agent_text_never_reaches_the_description(user_agent):
    text = devices.describe(user_agent)
    assert "0800" not in text and "Ligue" not in text and "Seguranca" not in text
    assert not re.search(r"\d{4}", text), text  # no phone number, not even as a "version"
    assert "\r" not in text and "\n" not in text and len(text) <= 60


@pytest.mark.parametrize("user_agent", HOSTILE)
def test_hostile_user_agent_is_described_only_with_known_names(user_agent):
    text = devices.describe(user_agent)
    words = set(text.replace("(", " ").replace(")", " ").split())
    allowed = {word for name in (*devices.BROWSERS, *devices.SYSTEMS) for word in name.split()}
    allowed |= {"Navegador", "desconhecido", "em", "celular", "tablet"}
    assert all(word in allowed or (word.isdigit() and len(word) <= 3) for word in words), text


def test_a_phone_number_as_version_is_left_out():
    assert devices.describe(HOSTILE[6]) == "Chrome em Linux"


def test_an_unknown_browser_on_a_known_system_is_just_a_browser():
    assert devices.describe(HOSTILE[1]) == "Navegador em Windows"


def test_unknown_names_are_the_generic_words_not_parser_jargon():
    assert devices.describe(CALL_US) == "Navegador desconhecido"


@pytest.mark.parametrize(
    ("user_agent", "expected"),
    [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36 Edg/126.0.0.0", "Edge 126 em Windows"),
        ("Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 "
         "Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet 25 em Android (celular)"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
         "Safari/605.1.15", "Safari 17 em Mac OS X"),
        ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36", "Chrome 126 em Chrome OS"),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 "
         "Safari/537.36", "HeadlessChrome 126 em Linux"),
    ],
)
def test_common_browsers_keep_their_names(user_agent, expected):
    assert devices.describe(user_agent) == expected
