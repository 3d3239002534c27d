"""`referral.email` is optional (profiles without it stay valid) and, when given, must be an email address."""
from __future__ import annotations

from directory.loading import load_paths
from tests.app.fixtures import TEST_PROVIDERS

SOURCE = TEST_PROVIDERS / "fernhollow-physiotherapy-and-rehab.yaml"
GIVEN = "  email: referrals@fernhollow-physiotherapy-and-rehab.example\n"


def _load(tmp_path, text: str):
    (tmp_path / SOURCE.name).write_text(text, encoding="utf-8")
    return load_paths([tmp_path])


def test_referral_email_is_optional_and_checked(tmp_path):
    text = SOURCE.read_text(encoding="utf-8")
    assert GIVEN in text
    given = _load(tmp_path, text)
    assert given.errors == [] and given.profiles[0].referral.email == GIVEN.split(": ")[1].strip()
    assert _load(tmp_path, text.replace(GIVEN, "")).errors == []
    wrong = _load(tmp_path, text.replace(GIVEN, "  email: referrals at fernhollow\n"))
    line = text.splitlines().index(GIVEN.rstrip()) + 1
    assert [(problem.field, problem.line) for problem in wrong.errors] == [("referral.email", line)]
