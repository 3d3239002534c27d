#!/usr/bin/env bash
# `make run`: the public directory and the intake app side by side, on embedded defaults (SQLite, debug-mode
# keys in instance/) with the sample providers. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export FLASK_DEBUG=1 NO_MKDOCS_2_WARNING=1

$BIN/python -m directory validate
$BIN/python -m mkdocs build --strict --quiet
$BIN/flask --app intake_app init-db

$BIN/python -m http.server 8000 --bind 127.0.0.1 --directory site >/dev/null 2>&1 &
site_pid=$!
# Email: in debug mode `outbox send` writes each message as a .eml file into instance/mailbox (no mail server).
# `outbox checkins` (daily in production) enqueues the clients' check-ins that are due; each runs once.
( while sleep 10; do
    $BIN/flask --app intake_app outbox checkins >/dev/null || true
    $BIN/flask --app intake_app outbox send >/dev/null || true
  done ) &
mail_pid=$!
trap 'kill "$site_pid" "$mail_pid" 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  Directory:   http://127.0.0.1:8000/
  Intake app:  http://127.0.0.1:5000/refer      (a provider's "Request a referral" button leads here)
  Staff:       http://127.0.0.1:5000/staff/     (first create an account: make staff-admin NAME=you)
  Email:       instance/mailbox/*.eml           (the outbox is sent there every 10 seconds)

MSG
$BIN/flask --app intake_app run --host 127.0.0.1 --port 5000 --no-reload --no-debugger
