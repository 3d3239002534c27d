"""Referrals, consents and status history

Revision ID: 0001
Revises: 
Create Date: 2026-11-22

Personal fields are Text holding Fernet tokens (intake_app.crypto.EncryptedText); datetimes are UTC.
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('submission_key', sa.String(length=64), nullable=False),
    sa.Column('revocation_secret_hash', sa.String(length=64), nullable=False),
    sa.Column('provider_slug', sa.String(length=120), nullable=True),
    sa.Column('provider_name', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expected_contact_date', sa.Date(), nullable=False),
    sa.Column('client_name', sa.Text(), nullable=False),
    sa.Column('date_of_birth', sa.Text(), nullable=True),
    sa.Column('contact_method', sa.String(length=10), nullable=False),
    sa.Column('phone', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('preferred_language', sa.Text(), nullable=True),
    sa.Column('accessibility_needs', sa.Text(), nullable=True),
    sa.Column('best_times', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('hopes', sa.Text(), nullable=True),
    sa.Column('how_soon', sa.String(length=10), nullable=False),
    sa.Column('suggested_by', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reference'),
    sa.UniqueConstraint('submission_key')
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_expected_contact_date'), ['expected_contact_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_provider_slug'), ['provider_slug'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_urgent'), ['urgent'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('text_version', sa.String(length=32), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('shared_information', sa.JSON(), nullable=False),
    sa.Column('discloser', sa.String(length=200), nullable=False),
    sa.Column('recipient', sa.String(length=300), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('acknowledged_revocation', sa.Boolean(), nullable=False),
    sa.Column('acknowledged_not_conditional', sa.Boolean(), nullable=False),
    sa.Column('acknowledged_redisclosure', sa.Boolean(), nullable=False),
    sa.Column('substance_use_records', sa.Boolean(), nullable=False),
    sa.Column('acknowledged_substance_use', sa.Boolean(), nullable=False),
    sa.Column('signed_by', sa.String(length=16), nullable=False),
    sa.Column('signature_name', sa.Text(), nullable=False),
    sa.Column('representative_relationship', sa.Text(), nullable=True),
    sa.Column('representative_authority', sa.Text(), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("signed_by IN ('client', 'representative')", name='consent_signed_by_known'),
    sa.CheckConstraint('NOT substance_use_records OR acknowledged_substance_use', name='consent_substance_use_acknowledged'),
    sa.CheckConstraint('acknowledged_revocation AND acknowledged_not_conditional AND acknowledged_redisclosure', name='consent_statements_acknowledged'),
    sa.CheckConstraint('expires_on > signed_on', name='consent_expires_after_signing'),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('referral_id')
    )
    op.create_table('status_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.create_index('ix_status_events_referral_at', ['referral_id', 'at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.drop_index('ix_status_events_referral_at')

    op.drop_table('status_events')
    op.drop_table('consents')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_urgent'))
        batch_op.drop_index(batch_op.f('ix_referrals_status'))
        batch_op.drop_index(batch_op.f('ix_referrals_provider_slug'))
        batch_op.drop_index(batch_op.f('ix_referrals_expected_contact_date'))
        batch_op.drop_index(batch_op.f('ix_referrals_created_at'))

    op.drop_table('referrals')
