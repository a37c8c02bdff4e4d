"""Support protocol numbers: YEAR-000001, one sequence per year, unique under concurrency."""

from __future__ import annotations

import threading

from sqlmodel import Session

from portal import db as portal_db
from portal.models import ProtocolCounter
from portal.support.protocol import next_protocol

THREADS = 8
PER_THREAD = 10


def take(db, year: int, count: int) -> list[str]:
    numbers = []
    for _ in range(count):
        numbers.append(next_protocol(db, year))
        db.commit()
    return numbers


def test_numbers_of_a_year_start_at_one_and_count_up(db):
    assert take(db, 2026, 3) == ["2026-000001", "2026-000002", "2026-000003"]


def test_the_counter_row_holds_the_last_number_taken(db):
    take(db, 2026, 4)
    db.expire_all()
    assert db.get(ProtocolCounter, 2026).last == 4


def test_a_new_year_restarts_at_one(db):
    take(db, 2026, 2)
    assert take(db, 2027, 1) == ["2027-000001"]


def test_each_year_keeps_its_own_sequence(db):
    take(db, 2026, 2)
    take(db, 2027, 1)
    assert take(db, 2026, 1) == ["2026-000003"]


def test_a_number_taken_in_a_rolled_back_transaction_is_given_again(db):
    next_protocol(db, 2026)
    db.rollback()
    assert take(db, 2026, 1) == ["2026-000001"]


def test_concurrent_requests_never_share_a_number(db):
    url = db.get_bind().url.render_as_string(hide_password=False)
    start = threading.Barrier(THREADS)
    taken: list[list[str]] = [[] for _ in range(THREADS)]
    failures: list[BaseException] = []

    def worker(index: int) -> None:
        engine = portal_db.make_engine(url)
        try:
            with Session(engine, expire_on_commit=False) as session:
                start.wait(timeout=30)
                for _ in range(PER_THREAD):
                    taken[index].append(next_protocol(session, 2026))
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
    assert len(numbers) == THREADS * PER_THREAD
    assert sorted(numbers) == [f"2026-{n:06d}" for n in range(1, THREADS * PER_THREAD + 1)]
    assert all(chunk == sorted(chunk) for chunk in taken)  # each thread sees its own numbers grow
