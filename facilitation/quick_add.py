"""The quick-add line: type an objective or key result as people say it, Enter, next one.

Key results read their measure from the words: ``Activation from 38% to 55% @maya`` is a metric
from 38 to 55 (unit %), owned by the one Maya in the cycle; ``Uptime stays at or above 99.9%``
is a maintain key result; ``m: Board approves the plan`` a milestone. ``due:2027-02-14`` and
``conf:6`` set the due date and the planning confidence. Objectives take ``@owner`` and
``#theme`` (the start of a theme's name). Nothing is guessed silently: the preview shows how the
line will be read before Enter stores it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

_NUM = r"[-+]?\d[\d,]*(?:\.\d+)?"
_SUFFIX = r"(?:%|[kKMB](?![A-Za-z]))?"
_UNIT_WORD = r"(?:\s+(?P<word>[^\W\d_][\w/]{0,11}))?"
_FROM_TO = re.compile(
    rf"\bfrom\s+(?P<a>{_NUM})\s*(?P<sa>{_SUFFIX})(?:\s*[^\W\d_][\w/]{{0,11}}){{0,3}}\s+to\s+"
    rf"(?P<b>{_NUM})(?P<sb>{_SUFFIX}){_UNIT_WORD}",
    re.IGNORECASE,
)
_TO = re.compile(rf"\bto\s+(?P<b>{_NUM})(?P<sb>{_SUFFIX}){_UNIT_WORD}", re.IGNORECASE)
_AT_LEAST = re.compile(
    rf"(?:\bat\s+or\s+above|\bat\s+least|\babove|≥|>=)\s*(?P<b>{_NUM})(?P<sb>{_SUFFIX}){_UNIT_WORD}",
    re.IGNORECASE,
)
_AT_MOST = re.compile(
    rf"(?:\bat\s+or\s+below|\bat\s+most|\bbelow|\bunder|≤|<=)\s*(?P<b>{_NUM})(?P<sb>{_SUFFIX})"
    rf"{_UNIT_WORD}",
    re.IGNORECASE,
)
_STAYS = re.compile(r"\b(?:stays?|remains?|keeps?|holds?|never\s+(?:drops|rises))\b", re.I)
_ANY_NUMBER = re.compile(_NUM)
_MILESTONE = re.compile(r"^\s*(?:m|milestone)\s*:\s*", re.IGNORECASE)
_OWNER = re.compile(r"(?:^|\s)@(?P<owner>[^\s@#]+)")
_THEME = re.compile(r"(?:^|\s)#(?P<theme>[^\W\d_][^\s@#]*)")
_DUE = re.compile(r"(?:^|\s)due:(?P<due>\S*)", re.IGNORECASE)
_CONFIDENCE = re.compile(r"(?:^|\s)conf(?:idence)?:(?P<conf>\S*)", re.IGNORECASE)
# Words after a number that are part of the sentence, not its unit ("from 140 to 60 a month").
_NOT_UNITS = frozenset(
    {
        *("a", "an", "the", "per", "by", "in", "on", "for", "of", "within", "each", "every"),
        *("and", "or", "to", "at", "from", "with", "without", "after", "before", "until"),
        "across",
    }
)


class QuickAddError(ValueError):
    """A quick-add line that cannot be taken as it is; the message says what to fix."""


@dataclass(frozen=True)
class QuickEntry:
    """What a quick-add line says: the record's fields, and notes on how it was read."""

    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.fields["title"])


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _take(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str] | None, str]:
    """The first match of ``pattern`` and the text without it."""
    match = pattern.search(text)
    if match is None:
        return None, text
    return match, " ".join((text[: match.start()] + " " + text[match.end() :]).split())


def _fold(text: str) -> str:
    """Lower case without accents, so @tomas finds Tomás."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def resolve_owner(token: str, owners: Iterable[str]) -> str:
    """``@maya`` → "Maya Okafor" when exactly one known name starts with it; else as typed."""
    wanted = token.replace("_", " ").replace(".", " ").strip()
    known = sorted({name for name in owners if name})
    exact = [name for name in known if _fold(name) == _fold(wanted)]
    if exact:
        return exact[0]
    words = _fold(wanted).split()
    matches = [
        name
        for name in known
        if len(words) <= len(name.split())
        and all(part.startswith(w) for part, w in zip(_fold(name).split(), words, strict=False))
    ]
    if len(matches) > 1:
        raise QuickAddError(f"@{token} could be {' or '.join(matches)}; type more of the name")
    if matches:
        return matches[0]
    # Someone new, typed fast in lower case: "@ana_lopez" is Ana Lopez.
    return wanted.title() if wanted == wanted.lower() else wanted


def resolve_theme(token: str, themes: Mapping[str, str]) -> str:
    """The id of the one theme whose name starts with ``token`` (``#patient``)."""
    wanted = token.replace("-", " ").replace("_", " ").casefold().strip()
    exact = [tid for tid, title in themes.items() if title.casefold() == wanted]
    if exact:
        return exact[0]
    matches = [
        tid
        for tid, title in themes.items()
        if title.casefold().startswith(wanted)
        or any(word.startswith(wanted) for word in title.casefold().split())
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = " or ".join(themes[tid] for tid in matches)
        raise QuickAddError(f"#{token} could be {names}; type more of the theme")
    known = ", ".join(themes.values()) or "none yet (add themes on the overview page)"
    raise QuickAddError(f"no theme matches #{token}; themes: {known}")


def _common(line: str, owners: Iterable[str]) -> tuple[str, dict[str, Any]]:
    text = " ".join(line.split())
    values: dict[str, Any] = {}
    match, text = _take(_OWNER, text)
    if match:
        values["owner"] = resolve_owner(match.group("owner"), owners)
    return text, values


def parse_objective_line(
    line: str, *, owners: Iterable[str] = (), themes: Mapping[str, str] | None = None
) -> QuickEntry:
    """An objective from one line: its title, ``@owner`` and ``#theme``."""
    text, values = _common(line, owners)
    for pattern, token in ((_DUE, "due:"), (_CONFIDENCE, "conf:")):
        if pattern.search(text):
            # Typed as if for a key result: say so rather than keep "conf:5" in the title.
            raise QuickAddError(
                f"{token} belongs on a key result; this line adds an objective "
                "(its key results come next)"
            )
    match, text = _take(_THEME, text)
    if match:
        values["theme_id"] = resolve_theme(match.group("theme"), themes or {})
    if not text:
        raise QuickAddError("type the objective, e.g. Patients book without calling us @maya")
    return QuickEntry({"title": text, **values})


def parse_key_result_line(line: str, *, owners: Iterable[str] = ()) -> QuickEntry:
    """A key result from one line: title, kind and measure, ``@owner``, ``due:``, ``conf:``."""
    text, values = _common(line, owners)
    match, text = _take(_DUE, text)
    if match:
        try:
            values["due"] = date.fromisoformat(match.group("due"))
        except ValueError:
            raise QuickAddError(
                f"due:{match.group('due')} is not a date like due:2027-02-14"
            ) from None
    match, text = _take(_CONFIDENCE, text)
    if match:
        raw = match.group("conf")
        if not raw.isdigit() or not 0 <= int(raw) <= 10:
            raise QuickAddError(f"conf:{raw} is not a confidence from 0 to 10, e.g. conf:6")
        values["confidence"] = int(raw)
    milestone = _MILESTONE.match(text)
    if milestone:
        text = text[milestone.end() :].strip()
    if not text:
        raise QuickAddError("type the key result, e.g. Activation from 38% to 55% @maya")
    values["title"] = text
    if milestone:
        values["kind"] = "milestone"
    else:
        values.update(_measure(text))
    return QuickEntry(values)


def _unit(match: re.Match[str]) -> str:
    suffix = match.group("sb") or ""
    word = match.group("word") or ""
    if word.casefold() in _NOT_UNITS:
        word = ""
    return " ".join(part for part in (suffix, word) if part)


def _measure(title: str) -> dict[str, Any]:
    """Kind, baseline, target, unit and direction read from a key result's title."""
    found = _FROM_TO.search(title)
    if found:
        return {
            "kind": "metric",
            "baseline": _number(found.group("a")),
            "target": _number(found.group("b")),
            "unit": _unit(found),
        }
    for pattern, direction in ((_AT_LEAST, "at-least"), (_AT_MOST, "at-most")):
        found = pattern.search(title)
        if found and _STAYS.search(title):
            return {
                "kind": "maintain",
                "target": _number(found.group("b")),
                "direction": direction,
                "unit": _unit(found),
            }
    numbers = list(_ANY_NUMBER.finditer(title))
    found = _TO.search(title)
    if found and numbers and numbers[-1].start() == found.start("b"):
        return {"kind": "metric", "target": _number(found.group("b")), "unit": _unit(found)}
    return {"kind": "metric"}


def describe_key_result(fields: Mapping[str, Any], default_due: date | None) -> str:
    """How a parsed key result will be stored, for the preview under the line."""
    kind = fields.get("kind", "metric")
    unit = fields.get("unit", "")
    if kind == "milestone":
        measure = "milestone (done or not)"
    elif kind == "maintain":
        sign = "≥" if fields.get("direction") == "at-least" else "≤"
        measure = f"maintain {sign} {_show(fields.get('target'))}{_unit_text(unit)}"
    elif fields.get("target") is None:
        measure = "metric, no target yet"
    else:
        measure = (
            f"metric {_show(fields.get('baseline'))} → {_show(fields.get('target'))}"
            f"{_unit_text(unit)}"
        )
    parts = [measure, f"owner {fields.get('owner') or 'none yet'}"]
    due = fields.get("due")
    if due is not None:
        parts.append(f"due {due.isoformat()}")
    elif default_due is not None:
        parts.append(f"due {default_due.isoformat()} (cycle end)")
    if fields.get("confidence") is not None:
        parts.append(f"confidence {fields['confidence']}/10")
    return " · ".join(parts)


def _show(value: Any) -> str:
    if value is None:
        return "?"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _unit_text(unit: str) -> str:
    if not unit:
        return ""
    return unit if unit.startswith("%") else f" {unit}"
