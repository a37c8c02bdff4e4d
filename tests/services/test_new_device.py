"""New-device alerts: no alert for the account's first device, one for each new device after."""

from sqlmodel import select

from portal.accounts import profile, sessions
from portal.models import AuthSession, OutboxMessage

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _alerts(db) -> list[OutboxMessage]:
    return [m for m in db.exec(select(OutboxMessage)) if m.subject.startswith("Nova entrada")]


def _sign_in(db, account_id, device, now):
    return sessions.start(db, account_id, user_agent=FIREFOX, client_ip="200.10.0.7", now=now, device_hash=device)


def test_the_first_device_and_a_known_one_send_nothing(db, confirmed_account, t0):
    _sign_in(db, confirmed_account, "a" * 64, t0)
    _sign_in(db, confirmed_account, "a" * 64, t0)
    assert _alerts(db) == []


def test_a_new_device_is_told_with_when_which_browser_where_and_not_me(db, confirmed_account, t0):
    _sign_in(db, confirmed_account, "a" * 64, t0)
    _sign_in(db, confirmed_account, "b" * 64, t0)
    [alert] = _alerts(db)
    assert alert.to_address == "maria@example.com"
    assert "Firefox" in alert.body_text and "200.10.0.7" in alert.body_text and "/nao-fui-eu?token=" in alert.body_text
    # "Não fui eu" ends every session.
    token = alert.body_text.split("/nao-fui-eu?token=")[1].split()[0]
    assert profile.not_me(db, token, now=t0)
    assert all(row.revoked_at is not None for row in db.exec(select(AuthSession)))


def test_the_alert_never_carries_text_the_client_wrote_in_its_user_agent(db, confirmed_account, t0):
    # Someone signing in with a stolen password chooses the user agent; the official mail must
    # not read "Ligue 0800 ..." to the citizen.
    hostile = "Mozilla/5.0 (Windows NT 10.0) Ligue 0800-123-4567 Central de Seguranca da Prefeitura Crawler/2.0"
    _sign_in(db, confirmed_account, "a" * 64, t0)
    sessions.start(db, confirmed_account, user_agent=hostile, client_ip="200.10.0.7", now=t0, device_hash="b" * 64)
    [alert] = _alerts(db)
    for body in (alert.body_text, alert.body_html):
        assert "0800-123-4567" not in body and "Central de Seguranca" not in body  # the footer says "Ligue 156"
    assert "Navegador em Windows" in alert.body_text
