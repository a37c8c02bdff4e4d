"""mail delivery status: refused and bounced messages, their reason, the return-path tag, and
what each message is about (so a page can show its status)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 18:50:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False,
                                      server_default='queued'))
        batch_op.add_column(sa.Column('failure_kind', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('failure_reason', sqlmodel.sql.sqltypes.AutoString(length=500),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('failed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('bounce_tag', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('account_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('support_request_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_bounce_tag'), ['bounce_tag'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_message_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_message_support_request_id'), ['support_request_id'],
                              unique=False)
    # Mail sent before this migration was accepted by the relay.
    op.execute("UPDATE outbox_message SET status = 'sent' WHERE sent_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_support_request_id'))
        batch_op.drop_index(batch_op.f('ix_outbox_message_account_id'))
        batch_op.drop_index(batch_op.f('ix_outbox_message_bounce_tag'))
        for column in ('support_request_id', 'account_id', 'purpose', 'bounce_tag', 'failed_at', 'failure_reason',
                       'failure_kind', 'status'):
            batch_op.drop_column(column)
