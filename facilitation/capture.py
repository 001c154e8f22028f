"""Quick capture: one typed line whose prefix says what it is (DESIGN §4).

``a Fix onboarding emails @ana due:2027-02-14`` is an action for ana due that day;
``d …`` a decision, ``p …`` a parking-lot item, ``x …`` something we are not doing,
``n …`` (or no prefix) a plain note. ``by:bo`` anywhere says who raised it. Names given
with ``@`` or ``by:`` are matched to the session's people, so ``@ana`` becomes
"Ana Lopez" when she is the only Ana in the room.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
_BY = re.compile(r"(?:^|\s)by:(?P<by>\S+)")


@dataclass(frozen=True)
class ParsedCapture:
    """What a capture line says."""

    kind: str
    text: str
    owner: str = ""
    due: date | None = None
    author: str = ""


class CaptureError(ValueError):
    """A capture line we cannot take as it is."""


def resolve_person(name: str, people: Iterable[str]) -> str:
    """The one person in ``people`` that ``name`` stands for (whole name, first name or the
    start of either, any case); ``name`` itself when none or several match."""
    wanted = name.casefold().replace("_", " ")
    people = [p for p in people if p]
    for person in people:
        if person.casefold() == wanted:
            return person
    matches = [
        person
        for person in people
        if any(part.startswith(wanted) for part in (person.casefold(), *person.casefold().split()))
    ]
    return matches[0] if len(matches) == 1 else name


def parse_capture(line: str, people: Iterable[str] = ()) -> ParsedCapture:
    """Split a capture line into its kind, text, who raised it (``by:``), and for actions the
    owner and due date; names are matched to ``people`` (the session's facilitator and
    attendees)."""
    people = list(people)
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
    owner, due, author = "", None, ""
    by_match = _BY.search(text)
    if by_match:
        author = resolve_person(by_match.group("by"), people)
        text = (text[: by_match.start()] + text[by_match.end() :]).strip()
    if kind == "action":
        owner_match = _OWNER.search(text)
        if owner_match:
            owner = resolve_person(owner_match.group("owner"), people)
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
    text = " ".join(text.split())
    if not text:
        raise CaptureError(f"the {kind.replace('-', ' ')} has no text")
    return ParsedCapture(kind, text, owner, due, author)
