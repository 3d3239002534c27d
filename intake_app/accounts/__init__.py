"""Staff accounts, the domain: argon2 passwords, the sign-in check with its lock, and server-side sessions.

No Flask request objects here: the web layer (web/auth.py, web/accounts/) and the `users` command
(commands/users.py) call these with a database session and the time.
"""
