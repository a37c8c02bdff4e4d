"""New-device alerts: a sign-in from a browser the account has not used before sends the
citizen a notice (when, which browser, from which address) with "Não fui eu", which ends
every session and leads to recovery. The first sign-in of an account knows no device yet,
so it only records one: no alert right after sign-up."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from portal.accounts import confirmation, devices
from portal.accounts.activity import Client, Event, record
from portal.accounts.confirmation import NOT_ME, NOT_ME_TTL
from portal.mail import messages, outbox
from portal.models import Account, KnownDevice


def note(session: Session, account_id: int, device_hash: str, client: Client, now: datetime) -> bool:
    """Record this sign-in's device, in the caller's transaction; True when the citizen is
    alerted (the device is new, and not the account's first)."""
    if not device_hash:
        return False
    known = session.exec(select(KnownDevice).where(KnownDevice.account_id == account_id)).all()
    for device in known:
        if device.device_hash == device_hash:
            device.last_seen_at = now
            session.add(device)
            return False
    session.add(KnownDevice(account_id=account_id, device_hash=device_hash, first_seen_at=now, last_seen_at=now))
    if not known:
        return False
    account = session.get(Account, account_id)
    assert account is not None
    token, _ = confirmation.new_link_token(session, account_id=account_id, purpose=NOT_ME, email=account.email,
                                           ttl=NOT_ME_TTL, now=now)
    outbox.enqueue(session, to=account.email, now=now, email=messages.new_device(
        full_name=account.full_name, when=now, device=devices.describe(client.user_agent), place=client.ip,
        not_me_link=confirmation.not_me_link(token)))
    record(session, account_id, Event.NEW_DEVICE, client, now)
    return True
