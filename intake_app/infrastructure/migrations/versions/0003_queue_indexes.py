"""Covering indexes for the staff queue

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

The queue sorts every open referral by urgency, overdue and age, filtered by status, urgency and provider.
These indexes hold every column that needs, so the page is found without reading the (large, encrypted)
rows; bench/staff_queue.py measures it at 100,000 referrals.
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

QUEUE = ["status", "urgent", "expected_contact_date", "created_at", "provider_slug", "id"]
BY_PROVIDER = ["provider_slug", "status", "urgent", "expected_contact_date", "created_at", "id"]


def upgrade() -> None:
    op.create_index("ix_referrals_queue", "referrals", QUEUE)
    op.create_index("ix_referrals_provider_queue", "referrals", BY_PROVIDER)


def downgrade() -> None:
    op.drop_index("ix_referrals_provider_queue", table_name="referrals")
    op.drop_index("ix_referrals_queue", table_name="referrals")
