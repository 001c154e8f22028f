"""Objective and key result forms with the coach beside them, re-checking on every keystroke.

Only the record being typed (and its objective) is re-checked, so the panel keeps up with a
fast typist on a cycle of any size.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Select, Switch

from facilitation.coach import Finding
from okrworkshop.model import Dismissal
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.widgets.coach_panel import CoachPanel


@dataclass(frozen=True)
class LiveCoaching:
    """What the coach says about the draft in a form."""

    subject: str
    title: str
    findings: Sequence[Finding]
    dismissed: Sequence[tuple[Finding, Dismissal]] = ()
    hint: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


Coaching = Callable[[dict[str, Any]], LiveCoaching]
Shown = Callable[[dict[str, Any]], bool]


class CoachedFormScreen(FormScreen):
    """A ``FormScreen`` with the coach panel beside the fields, following what is typed."""

    CSS_PATH = "okr_form.tcss"

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        submit: Callable[[dict[str, Any]], str | None],
        *,
        coaching: Coaching,
        shown_when: Mapping[str, Shown] | None = None,
        hint: str = "",
        save_label: str = "Save",
    ) -> None:
        super().__init__(title, fields, submit, hint=hint, save_label=save_label)
        self.coaching = coaching
        self.shown_when = dict(shown_when or {})

    def compose(self) -> ComposeResult:
        with Horizontal(id="form", classes="dialog coached"):
            with Vertical(id="form-main"):
                yield from self.compose_form()
            yield CoachPanel(id="form-coach")

    def on_mount(self) -> None:
        super().on_mount()
        self.recoach()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Switch.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self.recoach()

    def recoach(self) -> None:
        """Show or hide the fields the draft's kind needs, and re-check the draft."""
        values = self.lenient_values()
        for name, shown in self.shown_when.items():
            row = self.query_one(f"#field-{name}").parent
            if row is not None:
                row.display = shown(values)
        live = self.coaching(values)
        self.query_one(CoachPanel).show(
            live.subject, live.title, live.findings, live.dismissed, hint=live.hint
        )
