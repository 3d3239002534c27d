"""Where to go after sign-in: only a path on this site, judged as the browser will read it.

A browser parsing a URL (WHATWG) drops ASCII tab and newline anywhere, strips leading and trailing C0 controls
and spaces, and reads a backslash as a slash in http(s) URLs; so "/\\t/evil.example" and "/\\\\evil.example" are
"//evil.example", another site. The value is normalised the same way before it is judged, and the normalised
value is what we redirect to. An open redirect would make a convincing phishing link.
"""
from __future__ import annotations

import re
from urllib.parse import quote

_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_TAB_NEWLINE = re.compile("[\t\n\r]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def local_path(target: str | None) -> str | None:
    """`target` as a local path ("/..." but not "//..."), or None if it is anything else."""
    if not target:
        return None
    path = _TAB_NEWLINE.sub("", target.strip(_EDGES)).replace("\\", "/")
    if not path.startswith("/") or path.startswith("//") or _CONTROL.search(path):
        return None
    return quote(path, safe="/?&=#%+:;,@!$'()*[]")  # non-ASCII percent-encoded, so the header stays ASCII
