"""Validation errors turned into lines a person understands, each with its JSON path."""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

_FRIENDLY = {
    "extra_forbidden": "unknown field (not part of the okrworkshop format)",
    "missing": "required field is missing",
    "finite_number": "must be a finite number (not NaN or infinity)",
    "date_from_datetime_parsing": "must be a date like 2027-03-31",
    "date_parsing": "must be a date like 2027-03-31",
    "date_type": "must be a date like 2027-03-31",
    "datetime_parsing": "must be a date and time like 2027-03-31T09:30:00",
    "datetime_type": "must be a date and time like 2027-03-31T09:30:00",
    "string_pattern_mismatch": (
        "must be an id of letters, digits and . _ : - (at most 64, starting with a letter or digit)"
    ),
}


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def json_path(loc: tuple[int | str, ...], prefix: str = "") -> str:
    """``("objectives", 2, "title")`` -> ``objectives[2].title``."""
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(str(part)):
            # A key someone typed (an unknown field): quoted, so a line break stays visible.
            path += f"[{json.dumps(str(part), ensure_ascii=False)}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def describe_errors(error: ValidationError, prefix: str = "") -> list[str]:
    """Every problem of a ``ValidationError`` as a ``path: message`` line."""
    lines = []
    for item in error.errors(include_url=False):
        message = _FRIENDLY.get(item["type"]) or item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing" and not item["loc"]:
            message = "required field is missing"
        path = json_path(item["loc"], prefix)
        lines.append(f"{path}: {message}" if path else message)
    return lines


def one_line(error: ValidationError) -> str:
    """All problems of a validation error joined into one line (for forms and toasts)."""
    return "; ".join(describe_errors(error))
