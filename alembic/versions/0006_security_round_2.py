"""security round 2: append-only staff audit log, sign-in tickets bound to a browser

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 09:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = 'staff_audit_entry is append-only'

# The database itself refuses to rewrite the audit log, whatever the portal's code does.
# (A later batch_alter_table of this table on SQLite copies it and would drop these triggers:
# create them again in that migration.)
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER staff_audit_entry_no_{verb.lower()} BEFORE {verb} ON staff_audit_entry
        BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"""
    for verb in ('UPDATE', 'DELETE')
]
POSTGRESQL_TRIGGERS = [
    f"""CREATE FUNCTION staff_audit_entry_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$""",
    """CREATE TRIGGER staff_audit_entry_no_change BEFORE UPDATE OR DELETE ON staff_audit_entry
        FOR EACH ROW EXECUTE FUNCTION staff_audit_entry_refuse()""",
    # TRUNCATE skips row triggers; refuse it too.
    """CREATE TRIGGER staff_audit_entry_no_truncate BEFORE TRUNCATE ON staff_audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION staff_audit_entry_refuse()""",
]


def upgrade() -> None:
    op.create_table('staff_audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('staff_account_id', sa.Integer(), nullable=False),
    sa.Column('staff_cpf', sqlmodel.sql.sqltypes.AutoString(length=11), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('protocol', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff_audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_audit_entry_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_audit_entry_staff_cpf'), ['staff_cpf'], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect not in ('sqlite', 'postgresql'):
        raise NotImplementedError(f'append-only triggers for {dialect}')
    for statement in SQLITE_TRIGGERS if dialect == 'sqlite' else POSTGRESQL_TRIGGERS:
        op.execute(statement)

    with op.batch_alter_table('login_ticket', schema=None) as batch_op:
        batch_op.add_column(sa.Column('browser_hash', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('login_ticket', schema=None) as batch_op:
        batch_op.drop_column('browser_hash')

    with op.batch_alter_table('staff_audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_audit_entry_staff_cpf'))
        batch_op.drop_index(batch_op.f('ix_staff_audit_entry_created_at'))

    op.drop_table('staff_audit_entry')  # its triggers go with it
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP FUNCTION staff_audit_entry_refuse()')
