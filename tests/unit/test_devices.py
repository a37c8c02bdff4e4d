"""A readable name for the browser behind a session."""

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
