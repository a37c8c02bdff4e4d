"""Command line: python -m portal.legacy import contas.csv [--rejeitadas arquivo.csv]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from portal.core.config import settings
from portal.core.db import session_scope
from portal.legacy.importer import import_lines, rejects_writer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.legacy",
                                     description="Importa contas do antigo Portal do Cidadão.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("import", help="importa um CSV (cpf,nome,email,hash,esquema)")
    run.add_argument("csv", type=Path)
    run.add_argument("--rejeitadas", type=Path, default=None,
                     help="onde gravar as linhas recusadas (padrão: <arquivo>.rejeitadas.csv)")
    run.add_argument("--sem-progresso", action="store_true", help="não mostrar a barra de progresso")
    args = parser.parse_args(argv)

    source: Path = args.csv
    if not source.is_file():
        print(f"Erro: arquivo não encontrado: {source}", file=sys.stderr)
        return 2
    rejects_path: Path = args.rejeitadas or source.with_suffix(".rejeitadas.csv")
    with source.open("rb") as lines, rejects_path.open("w", encoding="utf-8", newline="") as rejects, \
            tqdm(total=source.stat().st_size, unit="B", unit_scale=True, disable=args.sem_progresso,
                 desc="Importando", file=sys.stderr) as bar, session_scope() as db:
        try:
            summary = import_lines(db, lines, schemes=settings().legacy_schemes, reject=rejects_writer(rejects),
                                   progress=bar.update)
        except ValueError as exc:
            print(f"Erro: {exc}", file=sys.stderr)
            return 2
    print(f"Linhas lidas: {summary.read}")
    print(f"Contas criadas: {summary.created}")
    print(f"Contas atualizadas: {summary.updated}")
    print(f"Sem mudança: {summary.unchanged}")
    print(f"Recusadas: {summary.rejected} (motivos em {rejects_path})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
