"""Run the portal's benchmarks and print their tables. Prints figures; asserts nothing.

    .venv/bin/python -m bench                      # everything in the default set, A then B
    .venv/bin/python -m bench --quick              # smaller counts: try the harness (~5 min)
    .venv/bin/python -m bench --config A --only sign-in,burst
    .venv/bin/python -m bench --only slow-phone    # not in the default set (minutes of Slow 3G)
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench import cpu, figures, legacy_import, machine
from bench.app_process import Setup, configurations, fresh_postgres
from bench.tables import count, markdown

OTHER = {
    "legacy-import": "rows/s of the legacy account importer (100 000 rows; SQLite in A, PostgreSQL in B)",
    "slow-phone": "a cheap phone on Slow 3G in Chromium, beside a blank Reflex page (not in the default set)",
}
DEFAULT = [*figures.FIGURES, "legacy-import"]


def main() -> None:
    args = _arguments()
    selected = args.only.split(",") if args.only else DEFAULT
    unknown = set(selected) - set(figures.FIGURES) - set(OTHER)
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(sorted(unknown))}; see --help")
    _allow_many_sockets()
    setups = configurations(args.postgres_url, args.redis_url)
    chosen = [setups[name] for name in args.config.upper().split(",")]
    plan = figures.QUICK if args.quick else figures.FULL
    print(f"## Machine\n\n{markdown(['', ''], machine.describe() + machine.services(args.postgres_url, args.redis_url))}")
    started = time.monotonic()
    summaries = {setup.name: _configuration(setup, plan, selected, args) for setup in chosen
                 if set(selected) - {"slow-phone"}}
    if "slow-phone" in selected:
        _slow_phone(runs=1 if args.quick else 3)
    for name, rows in summaries.items():
        print(f"\n## Summary, configuration {name}: {setups[name].description}\n\n"
              f"{markdown(figures.SUMMARY_HEADERS, rows)}")
    print(f"\n(all of it took {(time.monotonic() - started) / 60:.1f} min)")


def _configuration(setup: Setup, plan: figures.Plan, selected: list[str],
                   args: argparse.Namespace) -> list[list[str]]:
    """The selected benchmarks that run per configuration; their summary rows."""
    print(f"\n## Configuration {setup.name}: {setup.description}", flush=True)
    if args.wait_quiet:
        other, waited = cpu.wait_until_quiet(args.wait_quiet)
        print(f"\nOther processes on this machine: {other:.2f} cores busy (after waiting {waited:.0f} s "
              "for them to settle)", flush=True)
    rows = []
    if any(name in figures.FIGURES for name in selected):
        rows += figures.run(setup, plan, [n for n in selected if n in figures.FIGURES],
                            Path(tempfile.gettempdir()) / f"portal-bench-{setup.name}.log")
    if "legacy-import" in selected:
        rows.append(_legacy_import(setup, 10_000 if args.quick else 100_000))
    return rows


def _arguments() -> argparse.Namespace:
    listing = "\n".join([*(f"  {name:<14} {title}" for name, title in figures.FIGURES.items()),
                         *(f"  {name:<14} {text}" for name, text in OTHER.items())])
    parser = argparse.ArgumentParser(
        prog="python -m bench", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="The portal's benchmarks: sign-in figures of issue 10 in configuration A "
                    "(SQLite, tab state in memory/disk, 1 worker) and B (PostgreSQL + Redis, 2 workers), each "
                    "beside the argon2id floor measured in the same run. Prints tables; asserts nothing.",
        epilog=f"benchmarks (--only, comma-separated; default: all but slow-phone):\n{listing}")
    parser.add_argument("--quick", action="store_true", help="smaller counts and shorter loads")
    parser.add_argument("--config", default="A,B", help="A, B or A,B (default)")
    parser.add_argument("--only", default="", help="comma-separated benchmark names (see below)")
    parser.add_argument("--wait-quiet", type=float, default=60, metavar="SECONDS",
                        help="before each configuration, wait up to this long for other processes to use under "
                             "a quarter of a core (default: %(default)s; 0: do not wait)")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench",
                        help="database of configuration B; it is DROPPED and created again (default: %(default)s)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12",
                        help="Redis database of configuration B; it is emptied (default: %(default)s)")
    return parser.parse_args()


def _allow_many_sockets() -> None:
    """A thousand tabs are a thousand sockets here and in the app (which inherits the limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))


def _legacy_import(setup: Setup, rows: int) -> list[str]:
    url = fresh_postgres(setup.postgres_url, "portal_bench_import") if setup.postgres_url else ""
    result = legacy_import.measure(rows, url)
    print(f"\n### {setup.name}: legacy import\n\n" + markdown(
        ["database", "rows", "created", "rejected", "time", "rows/s"],
        [[result.database, count(result.read), count(result.created), str(result.rejected), f"{result.seconds:.1f} s",
          count(round(result.rate))]]), flush=True)
    return [f"legacy import, {count(rows)} rows", f"{count(round(result.rate))} rows/s", "—", "—", "", ""]


def _slow_phone(runs: int) -> None:
    from bench import slow_phone  # Playwright: only when asked for

    print(f"\n## Slow phone ({runs} run{'s' if runs > 1 else ''})\n", flush=True)
    slow_phone.report(slow_phone.measure(runs), runs)


if __name__ == "__main__":
    main()
