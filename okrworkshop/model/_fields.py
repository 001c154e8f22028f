"""Shared field types and the base record with validation messages a person understands."""

from __future__ import annotations

import re
import secrets
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_LINE_BREAK = re.compile(r"[\r\n\t]")

Level = Literal["company", "department", "team"]
LEVELS: tuple[Level, ...] = ("company", "department", "team")
Commitment = Literal["committed", "aspirational"]
KeyResultKind = Literal["metric", "milestone", "maintain"]
Direction = Literal["at-least", "at-most"]
SessionKind = Literal["planning", "check-in", "retro"]
SESSION_KINDS: tuple[SessionKind, ...] = ("planning", "check-in", "retro")
CaptureKind = Literal["decision", "parking-lot", "not-doing", "note"]
ActionStatus = Literal["open", "done", "dropped"]
CarryOver = Literal["keep", "modify", "drop", "business-as-usual"]


def _no_control(value: str) -> str:
    match = _CONTROL.search(value)
    if match:
        raise ValueError(
            f"contains an invisible control character (U+{ord(match.group()):04X}); remove it"
        )
    return value


def _single_line(value: str) -> str:
    # Fast path: printable text has no control characters, line breaks or tabs.
    if value.isprintable():
        return value.strip()
    value = _no_control(value)
    if _LINE_BREAK.search(value):
        raise ValueError("must be a single line (no line breaks or tabs)")
    return value.strip()


def _multi_line(value: str) -> str:
    if not value or value.isprintable():
        return value
    return _no_control(value).replace("\r\n", "\n").replace("\r", "\n")


def _required_line(value: str) -> str:
    value = _single_line(value)
    if not value:
        raise ValueError("must not be blank")
    return value


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Letters, digits and . _ : - (at most 64, starting with a letter or digit).",
    ),
]


Title = Annotated[str, Field(max_length=300), AfterValidator(_required_line)]
# A limit given as ``Field(max_length=...)`` beside one of these types is silently ignored
# (the type's own limit wins), so shorter fields get their own type.
CycleName = Annotated[str, Field(max_length=120), AfterValidator(_required_line)]
Name = Annotated[str, Field(max_length=120), AfterValidator(_single_line)]
PersonName = Annotated[str, Field(max_length=120), AfterValidator(_required_line)]
Unit = Annotated[str, Field(max_length=24), AfterValidator(_single_line)]
ShortText = Annotated[str, Field(max_length=2_000), AfterValidator(_single_line)]
Line = Annotated[str, Field(max_length=2_000), AfterValidator(_required_line)]
LongText = Annotated[str, Field(max_length=20_000), AfterValidator(_multi_line)]
Confidence = Annotated[int, Field(ge=0, le=10, description="0 (no chance) to 10 (certain).")]
Fraction01 = Annotated[float, Field(ge=0.0, le=1.0)]


class Record(BaseModel):
    """Base of every stored and exported record: strict about unknown fields and bad numbers."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        validate_default=False,
        str_max_length=20_000,
    )


def new_id(prefix: str) -> str:
    """A fresh random id such as ``obj-3f9a1b2c4d5e``; ids are strings, never TinyDB's doc ids."""
    return f"{prefix}-{secrets.token_hex(6)}"
