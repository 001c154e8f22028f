"""How the tests read Markdown: markdown-it with tables on, as a GFM renderer would."""

from __future__ import annotations

import importlib
from typing import Any

from markdown_it import MarkdownIt

# markdown-it's own row splitter, so cell counts are what a GFM renderer would see
escaped_split = importlib.import_module("markdown_it.rules_block.table").escapedSplit


def md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def source_rows_have_header_width(text: str) -> None:
    """Every source line of every table splits into as many cells as its header has, and no
    table row is stranded outside its table (a line break in a cell would end it early)."""
    lines = text.split("\n")
    covered: set[int] = set()
    for token in md().parse(text):
        if token.type != "table_open":
            continue
        assert token.map is not None
        start, end = token.map
        covered.update(range(start, end))
        widths = []
        for line in lines[start:end]:
            cells = escaped_split(line.strip())
            if cells and cells[0] == "":
                cells.pop(0)
            if cells and cells[-1] == "":
                cells.pop()
            widths.append(len(cells))
        assert len(set(widths)) == 1, (widths, lines[start:end])
    stray = [line for n, line in enumerate(lines) if line.startswith("|") and n not in covered]
    assert stray == []


def table_rows(tokens: list[Any]) -> list[list[list[Any]]]:
    """Each table as rows of cells, each cell the inline children markdown-it parsed."""
    found: list[list[list[Any]]] = []
    row: list[list[Any]] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(list(tokens[i + 1].children or []))
        elif token.type == "tr_close":
            found[-1].append(row)
    return found


def text_of(children: list[Any]) -> str:
    """The text a cell or line shows (its text and code spans)."""
    return "".join(c.content for c in children if c.type in ("text", "code_inline"))
