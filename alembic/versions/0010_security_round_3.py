"""security round 3: what each sign-in proved (factors), wrong codes counted apart from
passwords, password sign-in suspended by "Não fui eu", bronze links that stand on the
password, forgotten devices

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 03:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FACTORS = ('auth_session', 'login_ticket', 'second_step')


def upgrade() -> None:
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_codes', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('code_blocked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('password_suspended_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    # Sessions opened before this migration recorded no factors: an account with two-step on
    # asks its code again (accounts.access), which also ends the gov.br sessions that skipped it.
    for table in _FACTORS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('factors', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False,
                                          server_default=''))
    with op.batch_alter_table('second_step', schema=None) as batch_op:
        batch_op.add_column(sa.Column('govbr_level', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('govbr_link', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_password', sa.Boolean(), nullable=False, server_default=sa.false()))
    # Links of portal-made accounts whose last sign-in was at bronze may have been made with
    # the password: treat them so (the safe side; a prata or ouro sign-in clears it). Accounts
    # gov.br made (source 'govbr') stand on gov.br from the start.
    op.execute("UPDATE govbr_link SET by_password = true WHERE level = 'bronze' "
               "AND account_id IN (SELECT id FROM account WHERE source <> 'govbr')")
    with op.batch_alter_table('known_device', schema=None) as batch_op:
        batch_op.add_column(sa.Column('forgotten_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('known_device', schema=None) as batch_op:
        batch_op.drop_column('forgotten_at')
    with op.batch_alter_table('govbr_link', schema=None) as batch_op:
        batch_op.drop_column('by_password')
    with op.batch_alter_table('second_step', schema=None) as batch_op:
        batch_op.drop_column('govbr_level')
    for table in reversed(_FACTORS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('factors')
    with op.batch_alter_table('account', schema=None) as batch_op:
        for column in ('password_suspended_at', 'code_blocked_until', 'failed_codes'):
            batch_op.drop_column(column)
