"""Entrar com gov.br: linked identities, authorizations in progress, the level of a session

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 13:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _level() -> sa.Column:
    return sa.Column('govbr_level', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False,
                     server_default='')


def upgrade() -> None:
    op.create_table('govbr_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=11), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('linked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_sign_in_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('account_id'),
    sa.UniqueConstraint('subject')
    )
    op.create_table('govbr_authorization',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('state_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('browser_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('nonce', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('code_verifier', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('used_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('pending_account_id', sa.Integer(), nullable=True),
    sa.Column('pending_level', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.ForeignKeyConstraint(['pending_account_id'], ['account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('state_hash')
    )
    with op.batch_alter_table('govbr_authorization', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_govbr_authorization_browser_hash'), ['browser_hash'], unique=False)
    with op.batch_alter_table('auth_session', schema=None) as batch_op:
        batch_op.add_column(_level())
    with op.batch_alter_table('login_ticket', schema=None) as batch_op:
        batch_op.add_column(_level())


def downgrade() -> None:
    with op.batch_alter_table('login_ticket', schema=None) as batch_op:
        batch_op.drop_column('govbr_level')
    with op.batch_alter_table('auth_session', schema=None) as batch_op:
        batch_op.drop_column('govbr_level')
    with op.batch_alter_table('govbr_authorization', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_govbr_authorization_browser_hash'))
    op.drop_table('govbr_authorization')
    op.drop_table('govbr_link')
