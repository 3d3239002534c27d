"""Referral Directory: provider profiles → validated models → pages and exports."""
