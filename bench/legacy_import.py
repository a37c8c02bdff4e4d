"""Benchmark: legacy account import rate for 100 000 rows, printed as rows/s.

    .venv/bin/python -m bench.legacy_import [--rows 100000] [--database-url URL]

(also part of `.venv/bin/python -m bench`). Makes a CSV with a mix of schemes (a small pool
of real hashes, reused: hashing 100 000 bcrypt passwords would measure bcrypt, not the
importer), migrates a fresh database (SQLite in a temporary folder unless --database-url
names an empty one) and times the import.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import random
import shutil
import tempfile
import time
from pathlib import Path

from alembic.config import Config
from sqlalchemy.engine import Engine
from sqlmodel import Session

from alembic import command
from portal.core.config import DEFAULT_LEGACY_SCHEMES
from portal.core.db import make_engine
from portal.legacy.importer import import_lines

ROOT = Path(__file__).resolve().parent.parent


def make_csv(path: Path, rows: int) -> None:
    from portal.accounts import cpf as cpf_rules
    from portal.accounts.passwords import CONTEXT

    schemes = ["hex_md5", "hex_sha1", "hex_sha256", "ldap_salted_sha1", "pbkdf2_sha256", "des_crypt", "bcrypt"]
    pool = {s: [CONTEXT.handler(s).hash(f"senha antiga {i}") for i in range(3)] for s in schemes}
    rng = random.Random(7)
    bases = rng.sample(range(10**8, 10**9), rows)
    with path.open("w", encoding="utf-8") as out:
        out.write("cpf,nome,email,hash,esquema\n")
        for i, base in enumerate(bases):
            scheme = schemes[i % len(schemes)]
            # Letters for the number: a name with digits is rejected like a one-word one (fields.clean_name).
            surname = "".join("abcdefghij"[int(d)] for d in str(i)).capitalize()
            out.write(f"{cpf_rules.generate(str(base))},Cidadã {surname},pessoa{i}@example.com,"
                      f"{rng.choice(pool[scheme])},{scheme}\n")


@dataclasses.dataclass(frozen=True)
class Imported:
    database: str
    read: int
    created: int
    rejected: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.read / self.seconds


def measure(rows: int, database_url: str = "") -> Imported:
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    engine = make_engine(database_url or f"sqlite:///{work / 'bench.db'}")
    try:
        _migrate(engine)
        csv_path = work / "contas.csv"
        make_csv(csv_path, rows)
        rejects = io.StringIO()
        with csv_path.open("rb") as lines, Session(engine, expire_on_commit=False) as db:
            started = time.perf_counter()
            summary = import_lines(db, lines, schemes=DEFAULT_LEGACY_SCHEMES,
                                   reject=lambda r: rejects.write(r.reason))
            elapsed = time.perf_counter() - started
        return Imported(engine.url.get_backend_name(), summary.read, summary.created, summary.rejected, elapsed)
    finally:
        engine.dispose()
        shutil.rmtree(work, ignore_errors=True)


def _migrate(engine: Engine) -> None:
    """Alembic on this engine (alembic/env.py uses a connection it is handed)."""
    config = Config(str(ROOT / "alembic.ini"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    result = measure(args.rows, args.database_url)
    print(f"database: {result.database}")
    print(f"rows: {result.read}  created: {result.created}  rejected: {result.rejected}")
    print(f"time: {result.seconds:.2f} s  rate: {result.rate:,.0f} rows/s")


if __name__ == "__main__":
    main()
