"""How a validation message names a vocabulary's items, and suggests the nearest valid one."""
from __future__ import annotations

import difflib

NOUNS = {
    "categories": "category", "levels_of_care": "level of care", "populations": "population",
    "referral_requires": "referral requirement", "fees": "fee option", "delivery": "delivery method",
    "needs": "need",
}


def did_you_mean(value: str, candidates) -> str:
    match = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""
