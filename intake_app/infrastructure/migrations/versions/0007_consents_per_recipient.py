"""Consents per recipient, and one-time consent links

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25

A referral may now have several consents over time: the public request's, then one naming the provider
chosen with the client (signed in person, or on a one-time link). Each consent names its provider, encrypted,
with the provider's blind index beside it, and says how it was signed and who witnessed it. Existing rows
name the referral's provider: its ciphertext and blind index are copied as they are (same keys, no decryption).
`consent_links` holds only a token's hash, the provider's blind index and dates.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

def _new_columns() -> list[sa.Column]:
    return [sa.Column('recipient_slug', sa.Text(), nullable=True),
            sa.Column('recipient_index', sa.String(length=64), nullable=True),
            sa.Column('signed_via', sa.String(length=16), nullable=True),
            sa.Column('witness_user_id', sa.Integer(), nullable=True)]


def _referral_unique_name(bind) -> str | None:
    for constraint in sa.inspect(bind).get_unique_constraints('consents'):
        if constraint['column_names'] == ['referral_id']:
            return constraint['name']
    return None


def upgrade() -> None:
    bind = op.get_bind()
    name = _referral_unique_name(bind)
    # SQLite reflects the unique constraint of 0001 without a name: the convention gives it one to drop.
    with op.batch_alter_table('consents', naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"}) as batch:
        batch.drop_constraint(name or 'uq_consents_referral_id', type_='unique')
        for column in _new_columns():
            batch.add_column(column)
        batch.create_index('ix_consents_referral_id', ['referral_id'], unique=False)
    op.execute("UPDATE consents SET signed_via = 'online', "
               "recipient_slug = (SELECT provider_slug FROM referrals WHERE referrals.id = consents.referral_id), "
               "recipient_index = (SELECT provider_index FROM referrals WHERE referrals.id = consents.referral_id)")
    with op.batch_alter_table('consents') as batch:
        batch.alter_column('signed_via', existing_type=sa.String(length=16), nullable=False)

    op.create_table('consent_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('recipient_index', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index('ix_consent_links_referral_id', 'consent_links', ['referral_id'], unique=False)


def downgrade() -> None:
    """Back to one consent per referral: the latest of each referral's is kept."""
    op.drop_index('ix_consent_links_referral_id', table_name='consent_links')
    op.drop_table('consent_links')
    op.execute("DELETE FROM consents WHERE id NOT IN (SELECT MAX(id) FROM consents GROUP BY referral_id)")
    with op.batch_alter_table('consents') as batch:
        batch.drop_index('ix_consents_referral_id')
        for column in reversed(_new_columns()):
            batch.drop_column(column.name)
        batch.create_unique_constraint('consents_referral_id_key', ['referral_id'])
