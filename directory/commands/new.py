"""Starts a new profile from a commented template, so editors never begin from a blank page."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from directory.paths import PROVIDERS_DIR
from directory.slugs import slugify

TEMPLATE = """\
# yaml-language-server: $schema=../schema/provider-profile.schema.json
# New provider profile. Replace every TODO, delete optional lines you do not need, then run
#   python -m directory validate {path}
# The field reference is in CONTRIBUTING.md.

name: {name}
# organization: TODO parent organization, if different from the name
summary: TODO one line, at most 200 characters, shown in search results
categories: [TODO]            # e.g. [counselling]; ids are listed in taxonomy.yaml
levels_of_care: [TODO]        # required for mental-health and addiction categories, e.g. [outpatient]
mandate: |
  TODO Who the provider exists to serve and what for.
strengths:
  - TODO what they do well
weaknesses:
  - TODO limitations a referrer must know (waitlist, no evenings, no wheelchair access...)
services: []                  # e.g. [Cognitive behavioural therapy (CBT)]
populations: []               # e.g. [adults, older-adults]
eligibility:
  description: TODO who can use the service
  # min_age: 18
  # max_age: 64
  # area: TODO catchment area
referral:
  self_referral: false        # true if clients can refer themselves
  requires: []                # e.g. [physician-referral]
  how_to_refer: TODO how a clinician or client makes a referral
  documents: []               # e.g. [Recent assessment]
wait_time:
  typical_days: 0             # TODO expected days from referral to first contact
  # note: TODO
accepting_new_clients: true
fees:
  options: [TODO]             # free, sliding-scale, public-insurance, private-insurance, private-pay
  # note: TODO
languages: [en]               # ISO 639-1 codes: en, fr, es...
delivery: [in-person]         # in-person, telehealth, phone, home-visit
accessibility: []             # e.g. [Step-free entrance]
locations:                    # may be removed if delivery is only telehealth or phone
  - name: TODO
    address: TODO street address
    city: TODO
    region: TODO
    postal_code: TODO
    hours: TODO e.g. Mon–Fri 09:00–17:00
contact:                      # at least one of phone, email, website
  phone: "TODO +1 613-555-0100"
  # email: TODO
  # website: https://TODO
last_reviewed: {today}          # the day a person verified this profile with the provider
# reviewed_by: TODO your role
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the provider's name, as clients know it")
    parser.add_argument("--dir", type=Path, default=PROVIDERS_DIR, help="folder to write to")


def run(args: argparse.Namespace) -> int:
    name = " ".join(args.name.split())
    if not 2 <= len(name) <= 120:
        print("error: the name must be 2 to 120 characters", file=sys.stderr)
        return 2
    path = args.dir / f"{slugify(name)}.yaml"
    if path.exists():
        print(f"error: {path} already exists; edit it instead", file=sys.stderr)
        return 1
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    path.write_text(TEMPLATE.format(name=quoted, path=path, today=date.today().isoformat()), encoding="utf-8")
    print(path)
    return 0
