"""The network learns: the provider relationship log, the client's comment on an outcome, and what a purge
keeps for the report's new figures

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

contact_person, notes and comment are encrypted (Text here); the log names the provider by its blind index.
Purged rows from before this revision get false / NULL for the new figures: their history is gone.
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('provider_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_index', sa.String(length=64), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('contact_person', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.String(length=80), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('provider_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provider_log_provider_index'), ['provider_index'], unique=False)
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comment', sa.Text(), nullable=True))
    with op.batch_alter_table('purged_referrals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accepted', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('decline_reason', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('could_not_contact', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('report_returned', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('days_to_first_answer', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('purged_referrals', schema=None) as batch_op:
        for column in ('days_to_first_answer', 'report_returned', 'could_not_contact', 'decline_reason',
                       'accepted'):
            batch_op.drop_column(column)
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.drop_column('comment')
    with op.batch_alter_table('provider_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provider_log_provider_index'))
    op.drop_table('provider_log')
