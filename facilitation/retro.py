"""Retro formats of DESIGN §4: each a set of columns people write cards into."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from facilitation.capture import resolve_person


@dataclass(frozen=True)
class RetroFormat:
    """A retro format: its key, its name, its columns (key, heading) and the one to celebrate."""

    key: str
    name: str
    columns: tuple[tuple[str, str], ...]
    positive: str = ""

    def heading(self, column: str) -> str:
        return dict(self.columns).get(column, column)


RETRO_FORMATS: dict[str, RetroFormat] = {
    fmt.key: fmt
    for fmt in (
        RetroFormat(
            "okr",
            "OKR retro",
            (
                ("went-well", "Went well"),
                ("didnt-go-well", "Didn't go well"),
                ("learned", "Learned"),
            ),
            "went-well",
        ),
        RetroFormat(
            "start-stop-continue",
            "Start, stop, continue",
            (("start", "Start"), ("stop", "Stop"), ("continue", "Continue")),
            "continue",
        ),
        RetroFormat(
            "4ls",
            "4Ls",
            (
                ("liked", "Liked"),
                ("learned", "Learned"),
                ("lacked", "Lacked"),
                ("longed-for", "Longed for"),
            ),
            "liked",
        ),
        RetroFormat(
            "sailboat",
            "Sailboat",
            (
                ("wind", "Wind (pushes us)"),
                ("anchors", "Anchors (hold us back)"),
                ("rocks", "Rocks (risks ahead)"),
            ),
            "wind",
        ),
        RetroFormat(
            "glad-sad-mad",
            "Glad, sad, mad",
            (("glad", "Glad"), ("sad", "Sad"), ("mad", "Mad")),
            "glad",
        ),
    )
}


def retro_format(key: str) -> RetroFormat:
    """The format with this key, falling back to the OKR retro."""
    return RETRO_FORMATS.get(key) or RETRO_FORMATS["okr"]


# "2: text" picks a column; a bare number is part of the text ("3 clinics churned").
_COLUMN_NUMBER = re.compile(r"^\s*(?P<number>\d+)(?:[:)]\s*|\.\s+)(?P<rest>.*)$", re.S)
_AUTHOR = re.compile(r"(?:^|\s)@(?P<author>[^\s@#]+)")
_GROUP = re.compile(r"(?:^|\s)#(?P<group>[^\s@#]+)")


class CardError(ValueError):
    """A quick card line we cannot take as it is."""


@dataclass(frozen=True)
class CardLine:
    """What a quick card line says: its column, text, author and group."""

    column: str
    text: str
    author: str = ""
    group: str = ""


def parse_card(
    line: str, fmt: RetroFormat, default_column: str, people: Iterable[str] = ()
) -> CardLine:
    """``2: Setup started too late @aisha #planning``: column 2, by aisha, in group planning.

    Without a number the card goes to ``default_column``; ``_`` in a group reads as a space;
    ``@aisha`` is matched to ``people`` ("Aisha Khan" when she is the only Aisha).
    """
    line = " ".join(line.split())
    column = default_column if default_column in dict(fmt.columns) else fmt.columns[0][0]
    match = _COLUMN_NUMBER.match(line)
    if match:
        number = int(match.group("number"))
        if not 1 <= number <= len(fmt.columns):
            raise CardError(
                f"{fmt.name} has {len(fmt.columns)} columns: start with 1 to {len(fmt.columns)}"
            )
        column = fmt.columns[number - 1][0]
        line = match.group("rest")
    author = group = ""
    found = _AUTHOR.search(line)
    if found:
        author = resolve_person(found.group("author"), people)
        line = line[: found.start()] + line[found.end() :]
    found = _GROUP.search(line)
    if found:
        group = found.group("group").replace("_", " ")
        line = line[: found.start()] + line[found.end() :]
    text = " ".join(line.split())
    if not text:
        raise CardError("the card has no text: one idea per card, e.g. '1: Pairing helped'")
    return CardLine(column, text, author, group)


def column_hint(fmt: RetroFormat) -> str:
    """``1: Went well · 2: Didn't go well · 3: Learned`` for the quick entry's placeholder."""
    return " · ".join(f"{i}: {heading}" for i, (_, heading) in enumerate(fmt.columns, start=1))
