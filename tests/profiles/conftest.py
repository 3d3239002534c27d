"""Fixtures for the validator tests: a folder of profiles written from text, and the CLI run in-process."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from directory.cli import main

TODAY = "2026-11-22"

VALID = """\
name: Riverside Physiotherapy
organization: Riverside Health Cooperative
summary: Rehabilitation for sports injuries, chronic back and shoulder pain, and recovery after surgery.
categories: [physiotherapy]
mandate: |
  Community physiotherapy clinic for adults in the Riverside district.
strengths:
  - Same-week assessments for acute injuries
weaknesses:
  - No evening or weekend appointments
services: [Manual therapy, Exercise rehabilitation]
populations: [adults, older-adults]
eligibility:
  description: Adults 18 and over; no catchment restriction.
  min_age: 18
  max_age: 120
referral:
  self_referral: true
  how_to_refer: Clients can call to book.
  documents: [Imaging reports, if any]
wait_time:
  typical_days: 7
accepting_new_clients: true
fees:
  options: [private-pay, private-insurance]
languages: [en, fr]
delivery: [in-person]
locations:
  - name: Main clinic
    address: 100 River Road, Suite 2
    city: Riverside
    region: ON
    postal_code: A1A 1A1
    hours: Mon–Fri 08:00–17:00
contact:
  phone: "+1 613-555-0100"
  email: front-desk@riverside-physio.example
  website: https://riverside-physio.example
last_reviewed: 2026-10-01
"""


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column where `needle` starts: tests name the place by its text, not by a magic number."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


@dataclass
class Run:
    code: int
    out: list[str]
    err: str


@pytest.fixture
def providers(tmp_path: Path) -> Path:
    folder = tmp_path / "providers"
    folder.mkdir()
    return folder


@pytest.fixture
def validate(capsys, monkeypatch, tmp_path):
    """validate(*args) runs `python -m directory validate` from tmp_path, so paths print as providers/x.yaml."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Run:
        code = main(["validate", *args, "--today", TODAY])
        captured = capsys.readouterr()
        return Run(code, captured.out.splitlines(), captured.err)

    return run
