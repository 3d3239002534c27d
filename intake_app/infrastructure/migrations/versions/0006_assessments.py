"""Needs assessments and the clinician's identity

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24

A referral a clinician starts from the staff workspace carries a needs assessment (the client's needs in
their own words, what comes first and how soon, the safety answer, preferences, findings and treatment so
far, the question for the provider) and the choice made from the matching screen with the alternatives
considered. Both are one encrypted JSON value each, in their own table beside the referral. Staff accounts
gain the clinician's display name, credentials and contact, which sign the letter.
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

CLINICIAN = ("display_name", 120), ("credentials", 80), ("contact_phone", 40), ("contact_email", 200)


def upgrade() -> None:
    op.create_table('assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.Column('choice', sa.Text(), nullable=True),
    sa.Column('assessed_by', sa.Integer(), nullable=True),
    sa.Column('assessed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('chosen_by', sa.Integer(), nullable=True),
    sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('referral_id')
    )
    with op.batch_alter_table('users') as batch:
        for name, length in CLINICIAN:
            batch.add_column(sa.Column(name, sa.String(length=length), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch:
        for name, _length in reversed(CLINICIAN):
            batch.drop_column(name)
    op.drop_table('assessments')
