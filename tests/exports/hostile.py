"""Put any text into every text field of a cycle: the input of the exports' property tests.

Fields are found from the models, so a text field added later is covered without editing this
file: every ``str`` field that is not an id (ids have a pattern), every list of strings, and the
same inside nested records (a session's stages, a key result's target history).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from okrworkshop.model import Cycle, CycleData
from okrworkshop.model.cycle_data import TABLES

# What people paste: Markdown and HTML syntax, template syntax, odd whitespace and scripts.
FRAGMENTS = [
    "|",
    "\\|",
    "\\",
    "`",
    "```",
    "*",
    "_",
    "**x**",
    "#",
    "# ",
    "1. ",
    "2) ",
    "- ",
    "+ ",
    "> ",
    "---",
    "===",
    "| --- |",
    "<b>",
    "</td>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "&amp;",
    "&lt;",
    "&#60;",
    "&copy;",
    "[x](javascript:alert(1))",
    "![i](http://x/i.png)",
    "<http://x.y>",
    "{{ cycle.name }}",
    "{% for x in y %}",
    "{#",
    "~~",
    "[^1]",
    "$x$",
    ":smile:",
    "@ana",
    "\n",
    "\r\n",
    "\n\n",
    "\t",
    "  ",
    "\u00a0",
    "\u0085",
    "\u200b",
    "\u202e",
    "é",
    "中文",
    "🙂",
    "'",
    '"',
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")

hostile_text = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(st.characters(exclude_categories=["Cs"]), max_size=4),
    max_size=8,
).map(lambda parts: _CONTROL.sub("", "".join(parts)))


def _is_text(info: Any) -> bool:
    return info.annotation is str and not any(getattr(m, "pattern", None) for m in info.metadata)


def text_fields(model: type[BaseModel]) -> Iterator[str]:
    """Names of the fields of ``model`` that hold people's text."""
    for name, info in model.model_fields.items():
        if _is_text(info) or _is_text_list(info.annotation) or _nested(info.annotation):
            yield name


def _is_text_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is not list:
        return False
    (inner,) = typing.get_args(annotation)
    if typing.get_origin(inner) is typing.Annotated:
        inner = typing.get_args(inner)[0]
    return inner is str


def _nested(annotation: Any) -> type[BaseModel] | None:
    args = getattr(annotation, "__args__", ())
    if getattr(annotation, "__origin__", None) is list and args:
        inner = args[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return None


def _candidates(text: str) -> Iterator[str]:
    """The text as given, then forms a stricter field accepts (one line, non-blank, short)."""
    yield text
    single = re.sub(r"[\r\n\t]", " ", text)
    yield single
    yield f"x{single}"
    yield f"x{single}"[:24]


class Texts:
    """Hands out the drawn texts in turn, round and round."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts or ["x"]
        self.turn = 0

    def next(self) -> str:
        text = self.texts[self.turn % len(self.texts)]
        self.turn += 1
        return text


def _fill(record: BaseModel, texts: Texts) -> BaseModel:
    model = type(record)
    values = record.model_dump()
    for name in text_fields(model):
        info = model.model_fields[name]
        nested = _nested(info.annotation)
        if nested is not None:
            values[name] = [
                _fill(nested.model_validate(item), texts).model_dump() for item in values[name]
            ]
            continue
        if _is_text_list(info.annotation):
            values[name] = [
                _fit(model, values, name, texts.next(), item=True) for _ in values[name]
            ]
            continue
        values[name] = _fit(model, values, name, texts.next())
    return model.model_validate(values)


def _fit(
    model: type[BaseModel], values: dict[str, Any], name: str, text: str, *, item: bool = False
) -> str:
    for candidate in _candidates(text):
        trial = {**values, name: [candidate] if item else candidate}
        try:
            model.model_validate(trial)
        except ValidationError:
            continue
        return candidate
    return values[name][0] if item and values[name] else "x"


def with_text_everywhere(data: CycleData, texts: list[str]) -> CycleData:
    """A copy of the cycle with the texts, in turn, in every text field of every record."""
    pool = Texts(texts)
    cycle = _fill(data.cycle, pool)
    assert isinstance(cycle, Cycle)
    records = {
        table: {record_id: _fill(record, pool) for record_id, record in data.tables[table].items()}
        for table in TABLES
    }
    return CycleData(cycle, records)


def folded(text: str) -> str:
    """How one line of Markdown shows a text: line breaks folded, ends trimmed."""
    return re.sub(r"\s*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\s*", " ", text).strip()
