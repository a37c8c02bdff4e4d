"""New-device alerts: a sign-in from a browser the account has not used before sends the
citizen a notice (when, which browser, from which address) with "Não fui eu", which ends
every session and leads to recovery. The first sign-in of an account knows no device yet,
so it only records one: no alert right after sign-up. "Não fui eu" forgets every device
(``forget_all``): the next sign-in from any of them alerts again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.accounts import confirmation, devices
from portal.accounts.activity import Client, Event, record
from portal.mail import messages, outbox
from portal.models import Account, KnownDevice


def note(session: Session, account_id: int, device_hash: str, client: Client, now: datetime) -> bool:
    """Record this sign-in's device, in the caller's transaction; True when the citizen is
    alerted (the device is new, and not the account's first)."""
    if not device_hash:
        return False
    known = session.exec(select(KnownDevice).where(KnownDevice.account_id == account_id)).all()
    same = next((device for device in known if device.device_hash == device_hash), None)
    if same is None:
        session.add(KnownDevice(account_id=account_id, device_hash=device_hash, first_seen_at=now,
                                last_seen_at=now))
    elif same.forgotten_at is None:
        same.last_seen_at = now
        session.add(same)
        return False
    else:  # forgotten by "Não fui eu": known again from now on, but this time the citizen is told
        same.forgotten_at, same.last_seen_at = None, now
        session.add(same)
    if not known:
        return False
    account = session.get(Account, account_id)
    assert account is not None
    outbox.enqueue(session, to=account.email, now=now, email=messages.new_device(
        full_name=account.full_name, when=now, device=devices.describe(client.user_agent), place=client.ip,
        not_me_link=confirmation.not_me_link_for(session, account, now)))
    record(session, account_id, Event.NEW_DEVICE, client, now)
    return True


def forget_all(session: Session, account_id: int, now: datetime) -> None:
    """Every device of the account counts as new again (the caller commits)."""
    session.exec(update(KnownDevice).where(col(KnownDevice.account_id) == account_id)
                 .where(col(KnownDevice.forgotten_at).is_(None)).values(forgotten_at=now))
