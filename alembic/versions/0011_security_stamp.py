"""security stamp: links die with the password through one stamp per account, recorded in
each link when it is issued

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-09 03:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 16 random bytes in hex, as models.new_security_stamp makes them. The server default ('') only
# serves rows inserted without the column (bulk loads): a link issued for them records '' too.
_RANDOM_STAMP = {
    'sqlite': "lower(hex(randomblob(16)))",
    'postgresql': "md5(random()::text || clock_timestamp()::text || id::text)",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in _RANDOM_STAMP:
        raise NotImplementedError(f'random security stamps for {dialect}')
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('security_stamp', sqlmodel.sql.sqltypes.AutoString(length=32),
                                      nullable=False, server_default=''))
    with op.batch_alter_table('email_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('security_stamp', sqlmodel.sql.sqltypes.AutoString(length=32),
                                      nullable=False, server_default=''))
    op.execute(f"UPDATE account SET security_stamp = {_RANDOM_STAMP[dialect]}")
    # Links mailed before this migration keep working until the account's next change: they
    # carry the stamp their account has now (those already superseded or used stay so).
    op.execute("UPDATE email_token SET security_stamp = "
               "(SELECT security_stamp FROM account WHERE account.id = email_token.account_id)")


def downgrade() -> None:
    # Links ended by a stamp change only (no superseded_at) would open again: end them first.
    op.execute("UPDATE email_token SET superseded_at = CURRENT_TIMESTAMP WHERE used_at IS NULL "
               "AND superseded_at IS NULL AND security_stamp <> "
               "(SELECT security_stamp FROM account WHERE account.id = email_token.account_id)")
    # Not in batch mode: on SQLite a batch copies the table, and dropping the old account table
    # (foreign keys on) would cascade to every link, session and device of every account.
    op.drop_column('email_token', 'security_stamp')
    op.drop_column('account', 'security_stamp')
