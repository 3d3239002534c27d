"""Closing the loop: who made each status event (actor) and what was said without a move (signal); the links
on which the receiving provider and the client answer; the practice's follow-up steps

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

Links store only the token's hash and the provider's blind index; a step's note is encrypted (Text here).
Older status events keep actor NULL: task_status.actor_of reads them as staff (an account moved it) or client.
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('signal', sa.String(length=24), nullable=True))
    op.create_table('answer_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('audience', sa.String(length=10), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('recipient_index', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('answer_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_links_referral_id'), ['referral_id'], unique=False)
    op.create_table('practice_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=24), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('referral_id', 'step', name='uq_practice_steps_referral_step')
    )


def downgrade() -> None:
    op.drop_table('practice_steps')
    with op.batch_alter_table('answer_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_links_referral_id'))
    op.drop_table('answer_links')
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.drop_column('signal')
        batch_op.drop_column('actor')
