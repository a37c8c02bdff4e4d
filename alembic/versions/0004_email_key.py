"""email_key: casefolded e-mail for comparisons that SQLite's lower() gets wrong

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 13:37:17.461119
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_key', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False,
                                      server_default=''))
        batch_op.create_index(batch_op.f('ix_account_email_key'), ['email_key'], unique=False)
    # Backfill in Python: str.casefold() is the comparison the portal uses.
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, email FROM account")).all()
    for account_id, email in rows:
        connection.execute(sa.text("UPDATE account SET email_key = :key WHERE id = :id"),
                           {"key": (email or "").casefold(), "id": account_id})


def downgrade() -> None:
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_email_key'))
        batch_op.drop_column('email_key')

