"""no login tickets: every form that ends in a session posts to an HTTP route, whose response
sets the cookie (issue 23); the table that handed a websocket sign-in to that route goes

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10 03:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A ticket lived 60 s and only the route removed with it could redeem one: nothing to keep.
    with op.batch_alter_table('login_ticket', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_ticket_account_id'))
    op.drop_table('login_ticket')


def downgrade() -> None:
    # The table as 0011 left it, empty: the code of that revision issues tickets again.
    op.create_table('login_ticket',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('ticket_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('used_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column('browser_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default=''),
    sa.Column('govbr_level', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False, server_default=''),
    sa.Column('factors', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False, server_default=''),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ticket_hash')
    )
    with op.batch_alter_table('login_ticket', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_ticket_account_id'), ['account_id'], unique=False)
