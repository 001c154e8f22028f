"""Quick capture: one typed line whose prefix says what it is (DESIGN §4).

``a Fix onboarding emails @ana due:2027-02-14`` is an action for ana due that day;
``d …`` a decision, ``p …`` a parking-lot item, ``x …`` something we are not doing,
``n …`` (or no prefix) a plain note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PREFIXES = {
    "a": "action",
    "action": "action",
    "d": "decision",
    "decision": "decision",
    "p": "parking-lot",
    "park": "parking-lot",
    "x": "not-doing",
    "not": "not-doing",
    "n": "note",
    "note": "note",
}
_PREFIX = re.compile(r"^\s*(?P<prefix>[A-Za-z]+)(?::|\s)\s*(?P<rest>.*)$", re.S)
_OWNER = re.compile(r"(?:^|\s)@(?P<owner>[^\s@]+)")
_DUE = re.compile(r"(?:^|\s)due:(?P<due>\S+)")


@dataclass(frozen=True)
class ParsedCapture:
    """What a capture line says."""

    kind: str
    text: str
    owner: str = ""
    due: date | None = None


class CaptureError(ValueError):
    """A capture line we cannot take as it is."""


def parse_capture(line: str) -> ParsedCapture:
    """Split a capture line into its kind, text, and for actions the owner and due date."""
    line = " ".join(line.split())
    if not line:
        raise CaptureError("type something to capture, e.g. 'd We ship weekly from now on'")
    kind, text = "note", line
    match = _PREFIX.match(line)
    prefix = match.group("prefix") if match else ""
    # One-letter prefixes are lower case only, so "A pilot showed…" stays a note.
    key = prefix if len(prefix) == 1 else prefix.lower()
    if match and key in PREFIXES:
        kind = PREFIXES[key]
        text = match.group("rest").strip()
    owner, due = "", None
    if kind == "action":
        owner_match = _OWNER.search(text)
        if owner_match:
            owner = owner_match.group("owner")
            text = (text[: owner_match.start()] + text[owner_match.end() :]).strip()
        due_match = _DUE.search(text)
        if due_match:
            try:
                due = date.fromisoformat(due_match.group("due"))
            except ValueError:
                raise CaptureError(
                    f"due:{due_match.group('due')} is not a date like due:2027-02-14"
                ) from None
            text = (text[: due_match.start()] + text[due_match.end() :]).strip()
        text = " ".join(text.split())
    if not text:
        raise CaptureError(f"the {kind.replace('-', ' ')} has no text")
    return ParsedCapture(kind, text, owner, due)
