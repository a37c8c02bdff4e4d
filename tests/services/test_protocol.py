"""Support protocol numbers: the year, eight random digits and a check digit (2026-483-129-576),
unique under concurrency; the sequential numbers issued before (2026-000123) are still read."""

from __future__ import annotations

import random
import re
import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from portal.core import db as portal_db
from portal.models import SupportRequest
from portal.core.ratelimit import Limiter
from portal.support import protocol as protocols
from portal.support import requests as support

THREADS = 8
PER_THREAD = 10
SHAPE = re.compile(r"(\d{4})-(\d{3})-(\d{3})-(\d{3})")


def issue(db, t0, count: int) -> list[str]:
    limiter = Limiter("memory://")
    form = support.SupportForm(name="Maria Silva", email="maria@example.com", topic="nao-recebi-email",
                               description="Socorro.")
    return [support.create(db, form, client_ip=f"198.51.100.{n}", limiter=limiter,
                           now=t0 + timedelta(minutes=n)).protocol for n in range(count)]


def draws(*values: int):
    """A stand-in for secrets.randbelow that returns these values in turn."""
    queue = list(values)
    return lambda _bound: queue.pop(0)


def bare_request(t0) -> SupportRequest:
    return SupportRequest(protocol="", created_at=t0, updated_at=t0, topic="outro", name="Maria Silva", cpf="",
                          email="maria@example.com", phone="", description="Socorro.", client_ip="")


# --- the shape --------------------------------------------------------------------------------

def test_protocols_issued_one_after_another_are_not_consecutive_numbers(db, t0):
    numbers = issue(db, t0, 20)
    assert all(SHAPE.fullmatch(number) for number in numbers), numbers
    assert all(number.startswith("2026-") for number in numbers)
    assert all(len(number) <= 20 for number in numbers)  # SupportRequest.protocol's column
    values = [int("".join(SHAPE.fullmatch(n).groups()[1:])) for n in numbers]
    assert len(set(values)) == 20
    assert not any(abs(b - a) <= 1 for a, b in zip(values, values[1:])), numbers


def test_a_one_digit_slip_or_a_swap_in_a_protocol_is_caught_before_any_lookup(db, t0):
    [number] = issue(db, t0, 1)
    assert protocols.normalize(number) == number
    digits = number.replace("-", "")[4:]
    for at in range(len(digits)):
        for digit in "0123456789":
            if digit != digits[at]:
                typo = number[:5] + digits[:at] + digit + digits[at + 1:]
                assert protocols.normalize(typo) is None, typo
        if at + 1 < len(digits) and digits[at] != digits[at + 1]:
            swapped = number[:5] + digits[:at] + digits[at + 1] + digits[at] + digits[at + 2:]
            assert protocols.normalize(swapped) is None, swapped


def test_the_check_digit_is_damm_s():
    assert protocols.check_digit("572") == "4"  # the algorithm's published example
    assert protocols.new_protocol(2026, draws(12_345_678)) == "2026-123-456-78" + protocols.check_digit(
        "202612345678")


def test_a_slip_in_the_year_is_caught_too():
    number = protocols.new_protocol(2026, draws(48_312_957))
    assert protocols.normalize(number.replace("2026", "2025", 1)) is None


# --- uniqueness -------------------------------------------------------------------------------

def test_a_number_already_taken_is_drawn_again(db, t0):
    taken = protocols.insert_request(db, bare_request(t0), 2026, draws(48_312_957)).protocol
    again = protocols.insert_request(db, bare_request(t0), 2026, draws(48_312_957, 48_312_957, 7)).protocol
    db.commit()
    assert taken == protocols.new_protocol(2026, draws(48_312_957))
    assert again == protocols.new_protocol(2026, draws(7)) == "2026-000-000-07" + again[-1]
    stored = db.exec(select(SupportRequest.protocol).order_by(SupportRequest.id)).all()
    assert stored == [taken, again]


def test_it_gives_up_after_ten_collisions_in_a_row(db, t0):
    protocols.insert_request(db, bare_request(t0), 2026, draws(1))
    with pytest.raises(RuntimeError, match="no free protocol"):
        protocols.insert_request(db, bare_request(t0), 2026, draws(*[1] * protocols.MAX_TRIES))
    db.rollback()


def test_the_request_is_stored_in_the_callers_transaction(db, t0):
    protocols.insert_request(db, bare_request(t0), 2026, draws(5))
    db.rollback()
    assert db.exec(select(SupportRequest)).all() == []
    stored = protocols.insert_request(db, bare_request(t0), 2026, draws(5))  # the number is free again
    db.commit()
    assert stored.id is not None
    assert (stored.protocol, stored.status, stored.name) == (protocols.new_protocol(2026, draws(5)), "aberto",
                                                             "Maria Silva")


def test_concurrent_requests_never_share_a_number_even_from_a_small_pool(db, t0):
    """Drawn from 200 numbers, 80 requests collide often: each collision is drawn again."""
    url = db.get_bind().url.render_as_string(hide_password=False)
    start = threading.Barrier(THREADS)
    taken: list[list[str]] = [[] for _ in range(THREADS)]
    failures: list[BaseException] = []

    def worker(index: int) -> None:
        engine = portal_db.make_engine(url)
        pool = random.Random(index)
        try:
            with Session(engine, expire_on_commit=False) as session:
                start.wait(timeout=30)
                for _ in range(PER_THREAD):
                    stored = protocols.insert_request(session, bare_request(t0), 2026,
                                                      lambda _bound: pool.randrange(200))
                    taken[index].append(stored.protocol)
                    session.commit()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    numbers = [number for chunk in taken for number in chunk]
    assert len(numbers) == len(set(numbers)) == THREADS * PER_THREAD


# --- reading what people type -------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["{n}", " {n} ", "{plain}", "{y} {a} {b} {c}", "{y}/{a}{b}{c}", "{y}.{a}.{b}.{c}",
                                   "{y}-{a}{b}{c}"])
def test_a_random_protocol_is_read_as_people_type_it(typed):
    number = protocols.new_protocol(2026, draws(48_312_957))
    y, a, b, c = number.split("-")
    assert protocols.normalize(typed.format(n=number, plain=number.replace("-", ""), y=y, a=a, b=b, c=c)) == number


@pytest.mark.parametrize(("typed", "expected"), [
    ("2026-000123", "2026-000123"),
    ("2026-123", "2026-000123"),
    ("2026000123", "2026-000123"),
    ("2026-0001234", None),  # seven digits: neither shape
    ("2026-483-129-57", None),  # eleven
    ("２０２６-483-129-576", None),
    ("2026-483-129-576x", None),
    ("", None),
])
def test_old_sequential_numbers_are_still_read_and_other_lengths_are_not(typed, expected):
    assert protocols.normalize(typed) == expected
