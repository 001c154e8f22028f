"""Custom agendas as TOML files the facilitator picks when starting a session.

```toml
name = "Team planning, 90 minutes"   # shown in the picker (default: the file's name)
kind = "planning"                     # optional: planning, check-in or retro
title = "Booking team planning"       # optional: the session's default title

[[stages]]
title = "Opening"                     # required
minutes = 5                           # required, whole minutes from 0 to 1440
activity = "overview"                 # optional, see ACTIVITIES (default: overview)
prompt = "Why this cycle matters."    # optional, shown only to the facilitator
key = "opening"                       # optional, made from the title when left out
```

Every problem is reported at once, each naming the stage it is in; nothing is half-loaded.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from facilitation.agendas import ACTIVITIES, AgendaStage
from okrworkshop.model import SESSION_KINDS, SessionKind, Stage
from okrworkshop.model.errors import describe_errors

MAX_AGENDA_BYTES = 256 * 1024
MAX_STAGES = 100
MAX_MINUTES = 24 * 60
TOP_KEYS = ("name", "kind", "title", "stages")
STAGE_KEYS = ("title", "minutes", "activity", "prompt", "key")


@dataclass(frozen=True)
class Agenda:
    """A custom agenda read from a file."""

    name: str
    stages: tuple[AgendaStage, ...]
    kind: SessionKind | None = None
    title: str = ""
    source: str = ""

    @property
    def minutes(self) -> int:
        return sum(stage.minutes for stage in self.stages)


class AgendaError(ValueError):
    """An agenda file we cannot use; the message is one line naming the file and each problem."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        count = len(problems)
        summary = problems[0] if count == 1 else f"{count} problems: " + "; ".join(problems)
        super().__init__(f"{source}: {summary}")


def _slug(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60].strip("-")
    return slug or "stage"


def _kind_name(value: object) -> str:
    return {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _unknown(keys: object, allowed: tuple[str, ...], where: str) -> list[str]:
    extra = sorted(set(keys) - set(allowed)) if isinstance(keys, dict) else []
    return [f"{where}unknown setting {key!r} (allowed: {', '.join(allowed)})" for key in extra]


def _stage(raw: Any, number: int, used: set[str]) -> tuple[AgendaStage | None, list[str]]:
    where = f"stage {number}"
    if not isinstance(raw, dict):
        return None, [f"{where}: should be a [[stages]] table, found {_kind_name(raw)}"]
    title = raw.get("title")
    if isinstance(title, str) and title.strip():
        where = f"stage {number} ({title.strip()[:40]})"
    problems = _unknown(raw, STAGE_KEYS, f"{where}: ")
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{where}: needs a title")
    minutes = raw.get("minutes")
    if minutes is None:
        problems.append(f"{where}: needs minutes (its timebox, e.g. minutes = 10)")
    elif type(minutes) is not int or not 0 <= minutes <= MAX_MINUTES:
        problems.append(
            f"{where}: minutes must be a whole number from 0 to {MAX_MINUTES}, not {minutes!r}"
        )
    activity = raw.get("activity", "overview")
    if activity not in ACTIVITIES:
        problems.append(
            f"{where}: activity {activity!r} is not one we know (choose from "
            + ", ".join(ACTIVITIES)
            + ")"
        )
    prompt = raw.get("prompt", "")
    if not isinstance(prompt, str):
        problems.append(f"{where}: prompt must be text, not {_kind_name(prompt)}")
    key = raw.get("key")
    if key is not None and not isinstance(key, str):
        problems.append(f"{where}: key must be text, not {_kind_name(key)}")
    if problems:
        return None, problems
    assert isinstance(title, str) and type(minutes) is int  # checked above
    key = key or _slug(title)
    if key in used:
        if "key" in raw:
            return None, [f"{where}: key {key!r} is used by an earlier stage"]
        key = next(f"{key}-{n}" for n in range(2, MAX_STAGES + 2) if f"{key}-{n}" not in used)
    try:  # the stored record's own rules: lengths, no control characters, id pattern
        stage = Stage(
            key=key, title=title, planned_minutes=minutes, prompt=prompt, activity=activity
        )
    except ValidationError as error:
        return None, [f"{where}: {line}" for line in describe_errors(error)]
    used.add(stage.key)
    return AgendaStage(stage.key, stage.title, minutes, activity, stage.prompt), []


def parse_agenda(text: str, source: str) -> Agenda:
    """Read an agenda from TOML text; ``AgendaError`` lists every problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AgendaError(source, [f"is not valid TOML ({error})"]) from None
    problems = _unknown(raw, TOP_KEYS, "")
    name = raw.get("name", Path(source).stem)
    if not isinstance(name, str) or not name.strip():
        problems.append("name must be text")
    kind = raw.get("kind")
    if kind is not None and kind not in SESSION_KINDS:
        problems.append(f"kind {kind!r} is not one of {', '.join(SESSION_KINDS)}")
    title = raw.get("title", "")
    if not isinstance(title, str):
        problems.append("title must be text")
    raw_stages = raw.get("stages")
    if raw_stages is None:
        problems.append("has no stages (add at least one [[stages]] table with title and minutes)")
        raw_stages = []
    elif not isinstance(raw_stages, list) or not raw_stages:
        problems.append("stages must be one or more [[stages]] tables")
        raw_stages = []
    elif len(raw_stages) > MAX_STAGES:
        problems.append(f"has {len(raw_stages)} stages; at most {MAX_STAGES}")
        raw_stages = []
    stages: list[AgendaStage] = []
    used: set[str] = set()
    for number, raw_stage in enumerate(raw_stages, start=1):
        stage, stage_problems = _stage(raw_stage, number, used)
        problems += stage_problems
        if stage is not None:
            stages.append(stage)
    if problems:
        raise AgendaError(source, problems)
    return Agenda(
        name=" ".join(str(name).split()),
        stages=tuple(stages),
        kind=kind,
        title=" ".join(str(title).split()),
        source=source,
    )


def load_agenda(path: Path) -> Agenda:
    """Read and check an agenda file."""
    source = str(path)
    try:
        if path.is_dir():
            raise AgendaError(source, ["is a folder, not an agenda file"])
        payload = path.read_bytes()
    except FileNotFoundError:
        raise AgendaError(source, ["does not exist"]) from None
    except OSError as error:
        raise AgendaError(source, [f"cannot be read ({error.strerror or error})"]) from None
    if len(payload) > MAX_AGENDA_BYTES:
        raise AgendaError(source, [f"is larger than {MAX_AGENDA_BYTES // 1024} KB"])
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        raise AgendaError(source, ["is not UTF-8 text"]) from None
    return parse_agenda(text, source)


def find_agendas(folder: Path) -> list[Path]:
    """The ``*.toml`` files of an agendas folder, by name; none when it does not exist."""
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []
