"""`review-due` with frozen dates: who is due, in which order, with what contact details, and exit codes."""
from __future__ import annotations

from datetime import date

from directory.cli import main
from directory.review import due_for_review
from directory.loading import load_paths
from tests.editors.conftest import write_profile

TODAY = "2026-11-22"


def _due_slugs(out: str) -> list[str]:
    return [line.split("[")[1].split("]")[0] for line in out.splitlines() if "[" in line]


def test_lists_due_profiles_oldest_first_with_contact_details(providers, capsys):
    assert main(["review-due", str(providers), "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert _due_slugs(out) == ["oldest-clinic", "middle-clinic", "just-due-clinic"]
    assert out.splitlines()[0] == ("3 profiles last reviewed before 2025-11-22 (more than 12 months ago), "
                                   "oldest first")
    block = out.split("[oldest-clinic]")[1].split("\n\n")[0]
    assert "2024-02-29" in out.split("[oldest-clinic]")[0].splitlines()[-1]
    for line in ("phone +1 613-555-0116", "email intake@harbourview-counselling.example",
                 "website https://harbourview-counselling.example"):
        assert line in block
    assert "by Intake coordinator" in block


def test_inactive_providers_are_not_chased(providers, capsys):
    main(["review-due", str(providers), "--today", TODAY])
    assert "closed-clinic" not in capsys.readouterr().out


def test_months_moves_the_cutoff(providers, capsys):
    assert main(["review-due", str(providers), "--today", TODAY, "--months", "6"]) == 0
    assert _due_slugs(capsys.readouterr().out) == ["oldest-clinic", "middle-clinic", "just-due-clinic",
                                                   "edge-clinic"]
    assert main(["review-due", str(providers), "--today", TODAY, "--months", "36"]) == 0
    out = capsys.readouterr().out
    assert _due_slugs(out) == [] and out.startswith("0 profiles last reviewed before 2023-11-22")


def test_month_ends_are_clamped(tmp_path):
    """2024-02-29 is due 12 months later from 2025-03-01 on: a year before that is 2024-03-01, not an error."""
    write_profile(tmp_path, "leap-clinic", "2024-02-29")
    profiles = load_paths([tmp_path], today=date(2025, 3, 1)).profiles
    assert [p.slug for p in due_for_review(profiles, date(2025, 3, 1))] == ["leap-clinic"]
    assert due_for_review(profiles, date(2025, 2, 28)) == []


def test_a_broken_file_is_reported_but_does_not_hide_the_others(providers, capsys):
    (providers / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    assert main(["review-due", str(providers), "--today", TODAY]) == 0
    captured = capsys.readouterr()
    assert len(_due_slugs(captured.out)) == 3
    assert "1 files have errors" in captured.err


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["review-due", str(tmp_path / "missing"), "--today", TODAY]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["review-due", "--months", "-1"]) == 2
    assert main(["review-due", "--today", "yesterday"]) == 2


def test_the_sample_directory_with_a_frozen_date(capsys):
    assert main(["review-due", "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    dates = [line.split()[0] for line in out.splitlines()[1:] if "[" in line]
    assert dates == sorted(dates) and dates, "the sample directory has profiles overdue on 2026-11-22"
    assert all(d < "2025-11-22" for d in dates)
