"""Benchmark: the cost of one sign-in check (argon2id verify with the portal's parameters),
and sign-ins per second per core. Prints numbers; asserts nothing.

    .venv/bin/python scripts/bench_sign_in.py [--rounds 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal.accounts import passwords  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    stored = passwords.hash_password("uma frase longa de teste")
    timings = {"hash": [], "verify (right)": [], "verify (wrong)": [], "unknown CPF (dummy)": []}
    for _ in range(args.rounds):
        for name, run in (
            ("hash", lambda: passwords.hash_password("uma frase longa de teste")),
            ("verify (right)", lambda: passwords.verify_and_update("uma frase longa de teste", stored)),
            ("verify (wrong)", lambda: passwords.verify_and_update("outra frase qualquer", stored)),
            ("unknown CPF (dummy)", lambda: passwords.burn_verify("outra frase qualquer")),
        ):
            started = time.perf_counter()
            run()
            timings[name].append((time.perf_counter() - started) * 1000)
    print(f"argon2id m={passwords.ARGON2_MEMORY_KIB} KiB, t={passwords.ARGON2_TIME_COST}, "
          f"p={passwords.ARGON2_PARALLELISM}; {args.rounds} rounds")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"{name:22s} median {median:6.2f} ms   p95 {sorted(values)[int(len(values) * 0.95) - 1]:6.2f} ms"
              f"   ≈ {1000 / median:5.0f}/s per core")


if __name__ == "__main__":
    main()
