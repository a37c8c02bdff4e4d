"""recovery temporary password, legacy source, forced password change

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 13:10:50.008798
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False, server_default='portal'))
        batch_op.add_column(sa.Column('temp_password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
        batch_op.add_column(sa.Column('temp_password_expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    with op.batch_alter_table('auth_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('login_ticket', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('login_ticket', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')

    with op.batch_alter_table('auth_session', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')

    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('temp_password_expires_at')
        batch_op.drop_column('temp_password_hash')
        batch_op.drop_column('source')

