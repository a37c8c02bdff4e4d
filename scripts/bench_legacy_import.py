"""Benchmark: legacy account import rate for 100 000 rows, printed as rows/s.

    .venv/bin/python scripts/bench_legacy_import.py [--rows 100000] [--database-url URL]

Makes a CSV with a mix of schemes (a small pool of real hashes, reused: hashing 100 000
bcrypt passwords would measure bcrypt, not the importer), migrates a fresh database
(SQLite in a temporary folder unless --database-url is given) and times the import.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


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
            out.write(f"{cpf_rules.generate(str(base))},Cidadã Número {i},pessoa{i}@example.com,"
                      f"{rng.choice(pool[scheme])},{scheme}\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["PORTAL_DATABASE_URL"] = args.database_url or f"sqlite:///{work / 'bench.db'}"
    os.environ["PORTAL_DATA_DIR"] = str(work)

    from alembic import command
    from alembic.config import Config

    from portal.config import settings
    from portal.db import session_scope
    from portal.legacy.importer import import_lines

    root = Path(__file__).resolve().parents[1]
    command.upgrade(Config(str(root / "alembic.ini")), "head")
    csv_path = work / "contas.csv"
    make_csv(csv_path, args.rows)
    rejects = io.StringIO()
    with csv_path.open("rb") as lines, session_scope() as db:
        started = time.perf_counter()
        summary = import_lines(db, lines, schemes=settings().legacy_schemes, reject=lambda r: rejects.write(r.reason))
        elapsed = time.perf_counter() - started
    print(f"database: {os.environ['PORTAL_DATABASE_URL'].split('@')[-1]}")
    print(f"rows: {summary.read}  created: {summary.created}  rejected: {summary.rejected}")
    print(f"time: {elapsed:.2f} s  rate: {summary.read / elapsed:,.0f} rows/s")


if __name__ == "__main__":
    main()
