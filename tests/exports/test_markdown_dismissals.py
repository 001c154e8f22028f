"""Dismissed coaching findings show in the Markdown summary with the reason the room gave."""

from __future__ import annotations

from datetime import date

from exports.markdown import export_markdown
from okrworkshop.model import CycleData, edits
from tests.exports.markdown_checks import escaped_split, md
from tests.exports.test_markdown import NASTY_LINES

TODAY = date(2026, 11, 24)


def section(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return [line for line in lines[start + 1 : end] if line]


def test_demo_summary_lists_the_dismissed_finding_with_its_reason(demo: CycleData) -> None:
    text = export_markdown(demo, today=TODAY)
    rows = section(text, "## Dismissed coaching findings")
    assert rows[2] == (
        '| `key-result-activity` | Write 20 help-centre articles | "Write …" is a task; a key '
        "result says what the task changes. | A stepping stone: clinics cannot self-serve until "
        "the help centre exists | Sam Whitfield | 2026-09-28 |"
    )
    open_rows = section(text, "## Open coaching findings")
    assert not any("key-result-activity" in row for row in open_rows)


def test_no_section_without_dismissals(demo: CycleData) -> None:
    demo.apply(edits.restore_finding(demo, "dis-t3-2"))
    text = export_markdown(demo, today=TODAY)
    assert "Dismissed coaching findings" not in text
    assert any("key-result-activity" in row for row in section(text, "## Open coaching findings"))


def test_any_reason_keeps_the_table_in_shape(demo: CycleData) -> None:
    demo.apply(edits.restore_finding(demo, "dis-t3-2"))
    for i, reason in enumerate(NASTY_LINES):
        demo.apply(
            edits.dismiss_finding(demo, "key-result-activity", "kr-t3-2", reason, by=reason)[1]
        )
        text = export_markdown(demo, today=TODAY)
        rows = section(text, "## Dismissed coaching findings")
        assert len(rows) == 3, reason
        assert len(escaped_split(rows[2].strip("|"))) == 6, reason
        assert "<script" not in md().render(text), reason
        demo.apply(edits.restore_finding(demo, next(iter(demo.dismissals))))
        assert not demo.dismissals, i
