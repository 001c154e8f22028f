"""Drafting OKRs in a live room: forms with a live coach, the quick-add line, dismissals.

``DraftingView`` is the authoring half of the OKR table view: adding and editing objectives
and key results, typing them one per line, editing a title in place, dismissing a coaching
finding with a reason, and starting from the examples library. The coach panel follows the
selected row, or the line being typed, re-checking only that record on each keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable, Input

from facilitation.coach import CoachReport, Finding, check_draft
from facilitation.examples import example, insert_draft
from facilitation.quick_add import (
    QuickAddError,
    describe_key_result,
    parse_key_result_line,
    parse_objective_line,
)
from okrworkshop.model import KeyResult, Objective, edits
from okrworkshop.tui import target_change
from okrworkshop.tui.forms import (
    KEY_RESULT_FIELDS_SHOWN,
    clean_key_result,
    commit_fields,
    dismiss_fields,
    key_result_fields,
    objective_fields,
    restore_fields,
)
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.screens.okr_form import CoachedFormScreen, LiveCoaching
from okrworkshop.tui.views.base import View, restore_cursor
from okrworkshop.tui.widgets.coach_panel import CoachPanel
from okrworkshop.tui.widgets.quick_add import QuickAddBar

DRAFT_OBJECTIVE_ID = "obj-draft"
DRAFT_KEY_RESULT_ID = "kr-draft"
OBJECTIVE_LINE_HINT = "type an objective · @owner · #theme — Enter adds it, then its key results"
KEY_RESULT_LINE_HINT = (
    "e.g. Activation from 38% to 55% @maya · Uptime stays at or above 99.9% · "
    "m: Board approves the plan · due:2027-02-14 · conf:6"
)


def key_results_label(objective_title: str, next_title: str | None = None) -> str:
    """The quick line's label; it says where Enter on an empty line goes."""
    then = f"on to “{next_title}”" if next_title else "a new objective"
    return (
        f"Key results for “{objective_title}” — Enter adds · Enter on an empty line: {then} "
        "· Escape ends"
    )


@dataclass(frozen=True)
class QuickMode:
    """What Enter on the quick-add line does."""

    kind: str  # "objective", "key_result" or "retitle"
    record_id: str | None = None
    table: str = ""
    # Key results typed for objectives already in the table (``a``): an empty line moves on
    # to the next one, so the drafts promoted from a vote get theirs one after another.
    walk: bool = False


class DraftingView(View):
    """Authoring keys and the live coach, shared by the drafting stages of the OKR table."""

    BINDINGS = [
        Binding("o", "add_objective", "Objective", tooltip="Add an objective"),
        Binding(
            "k",
            "add_key_result",
            "Key result",
            tooltip="Add a key result to the selected objective",
        ),
        Binding(
            "a",
            "quick_key_results",
            "Quick add",
            tooltip="Type key results for the selected objective, one per line (Escape ends)",
        ),
        Binding(
            "A",
            "quick_objectives",
            "Quick objectives",
            show=False,
            tooltip="Type objectives one per line, each followed by its key results",
        ),
        Binding(
            "r",
            "retitle",
            "Retitle",
            show=False,
            tooltip="Edit the selected title in place",
        ),
        Binding(
            "d",
            "dismiss_finding",
            "Dismiss",
            show=False,
            tooltip="Dismiss a coaching finding on the selected row, with the reason",
        ),
        Binding(
            "u",
            "restore_finding",
            "Restore",
            show=False,
            tooltip="Bring back a finding dismissed on the selected row",
        ),
        Binding(
            "l",
            "examples",
            "Examples",
            show=False,
            tooltip="Browse weak → strong example OKRs and start from one",
        ),
    ]
    DRAFTING_ACTIONS = frozenset(
        {
            "add_objective",
            "add_key_result",
            "quick_key_results",
            "quick_objectives",
            "retitle",
            "dismiss_finding",
            "restore_finding",
            "examples",
        }
    )

    _quick: QuickMode | None = None
    _added = ""

    # ------------------------------------------------------------ what is selected

    def selected(self) -> tuple[str, Any] | None:
        """The selected objective or key result as (table, record); views define it."""
        raise NotImplementedError

    def selected_objective(self) -> Objective | None:
        found = self.selected()
        if found is None:
            return None
        table, record = found
        if table == "key_results":
            return self.data.objectives.get(record.objective_id)
        return record if table == "objectives" else None

    def _objective_defaults(self, *, one_line: bool = False) -> dict[str, Any]:
        """A new objective lands beside the selected one (same level and team).

        With nothing to copy, the first objective of a cycle is a company one; so is one typed
        on the quick-add line, which has no field for a team (the form asks for it instead).
        """
        current = self.selected_objective()
        if current is not None:
            return {"level": current.level, "team": current.team, "commitment": current.commitment}
        if self.session is not None and self.session.team:
            return {"level": "team", "team": self.session.team}
        return {"level": "company"} if one_line or not self.data.objectives else {}

    def _key_result_defaults(self, objective: Objective) -> dict[str, Any]:
        siblings = self.data.key_results_of(objective.id)
        owner = (siblings[-1].owner if siblings else "") or objective.owner
        return {"owner": owner, "kind": "metric"}

    def _owners(self) -> list[str]:
        names = {o.owner for o in self.data.objectives.values()}
        names.update(kr.owner for kr in self.data.key_results.values())
        if self.session is not None:
            names.update(self.session.attendees)
            names.add(self.session.facilitator)
        return sorted(name for name in names if name)

    # ------------------------------------------------------------ the coach panel

    def update_coach(self) -> None:
        """Point the panel at the line being typed, else at the selected row."""
        panels = self.query(CoachPanel)
        if not panels:
            return
        if self._quick is not None and self._quick_bar().input.value.strip():
            self._coach_the_line(self._quick_bar().input.value)
            return
        panel = panels.first()
        screen = self.cycle_screen
        found = self.selected()
        total = len(screen.findings)
        if found is None:
            panel.show(
                "",
                "No objective yet",
                [],
                total=total,
                message="A types objectives one per line, each followed by its key results; "
                "o opens the full form; l starts from an example.",
            )
            return
        table, record = found
        subject = "objective" if table == "objectives" else "key result"
        findings = screen.findings_by_target.get(record.id, [])
        dismissed = screen.dismissed_by_target.get(record.id, [])
        hints = []
        if findings:
            hints.append("d dismisses a finding")
        if dismissed:
            hints.append("u brings one back")
        panel.show(subject, record.title, findings, dismissed, total=total, hint=" · ".join(hints))

    def _show_report(self, subject: str, title: str, report: CoachReport, own_id: str) -> None:
        own = [f for f in report.open if f.target_id == own_id]
        others = [f for f in report.open if f.target_id != own_id]
        hint = ""
        if others:
            hint = "On its objective: " + "; ".join(f.message for f in others)
        self.query_one(CoachPanel).show(subject, title, own, report.dismissed, hint=hint)

    # ------------------------------------------------------------ drafts

    def draft_objective(self, values: dict[str, Any], base: Objective | None) -> Objective:
        """An unsaved objective from (partly typed) values, for the live coach."""
        fields: dict[str, Any] = {"id": DRAFT_OBJECTIVE_ID}
        if base is not None:
            fields = base.model_dump()
        fields.update({k: v for k, v in values.items() if v is not None or k == "theme_id"})
        fields.setdefault("title", "")
        return Objective.model_construct(**fields)

    def draft_key_result(
        self, values: dict[str, Any], objective: Objective, base: KeyResult | None
    ) -> KeyResult:
        """An unsaved key result from (partly typed) values, for the live coach."""
        fields: dict[str, Any] = {"id": DRAFT_KEY_RESULT_ID, "objective_id": objective.id}
        if base is not None:
            fields = base.model_dump()
        fields.update(values)
        fields.setdefault("title", "")
        if fields.get("weight") is None:
            fields["weight"] = 1.0
        return KeyResult.model_construct(**fields)

    def _objective_coaching(self, base: Objective | None, defaults: dict[str, Any]) -> Any:
        def coaching(values: dict[str, Any]) -> LiveCoaching:
            draft = self.draft_objective({**defaults, **values}, base)
            if not draft.title:
                return LiveCoaching("objective, as you type", "", [])
            report = check_draft(self.data, objective=draft)
            return LiveCoaching(
                "objective, as you type", draft.title, report.open, report.dismissed
            )

        return coaching

    def _key_result_coaching(self, objective: Objective, base: KeyResult | None) -> Any:
        def coaching(values: dict[str, Any]) -> LiveCoaching:
            draft = self.draft_key_result(values, objective, base)
            if not draft.title:
                return LiveCoaching("key result, as you type", "", [])
            report = check_draft(self.data, key_result=draft)
            own = [f for f in report.open if f.target_id == draft.id]
            others = [f for f in report.open if f.target_id != draft.id]
            hint = "On its objective: " + "; ".join(f.message for f in others) if others else ""
            return LiveCoaching("key result, as you type", draft.title, own, report.dismissed, hint)

        return coaching

    # ------------------------------------------------------------ forms

    def action_add_objective(self) -> None:
        defaults = self._objective_defaults()

        def submit(values: dict[str, Any]) -> str | None:
            objective_id, change = edits.add_objective(self.data, **values)
            problem = self.app.apply(change)
            if problem is None:
                self.cycle_screen.select_later(objective_id)
            return problem

        self.app.push_screen(
            CoachedFormScreen(
                "New objective",
                objective_fields(self.data, None, defaults),
                submit,
                coaching=self._objective_coaching(None, defaults),
                hint="Qualitative and inspiring; keep numbers for the key results.",
            )
        )

    def edit_objective(self, objective: Objective) -> None:
        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update(
                    "objectives", objective.id, f"edit objective {values['title']!r}", **values
                )
            )

        self.app.push_screen(
            CoachedFormScreen(
                "Edit objective",
                objective_fields(self.data, objective, {}),
                submit,
                coaching=self._objective_coaching(objective, {}),
            )
        )

    def action_add_key_result(self) -> None:
        objective = self.selected_objective()
        if objective is None:
            self.app.notify("Select an objective first (or press o to add one).", timeout=4)
            return

        def submit(values: dict[str, Any]) -> str | None:
            kr_id, change = edits.add_key_result(
                self.data, objective.id, **clean_key_result(values)
            )
            problem = self.app.apply(change)
            if problem is None:
                self.cycle_screen.select_later(kr_id)
            return problem

        def then(values: dict[str, Any] | None) -> None:
            # Keep the room moving: offer the next key result until there are three.
            if (
                values is not None
                and objective.id in self.data.objectives
                and len(self.data.key_results_of(objective.id)) < 3
            ):
                self.action_add_key_result()

        count = len(self.data.key_results_of(objective.id))
        self.app.push_screen(
            CoachedFormScreen(
                f"Key result {count + 1} for “{objective.title}”",
                key_result_fields(self.data, None, self._key_result_defaults(objective)),
                submit,
                coaching=self._key_result_coaching(objective, None),
                shown_when=KEY_RESULT_FIELDS_SHOWN,
                hint="Specific, measurable, time-bound: from a baseline to a target. "
                "Escape when the objective has enough.",
            ),
            then,
        )

    def edit_key_result(self, kr: KeyResult) -> None:
        objective = self.data.objectives[kr.objective_id]
        # After planning closed, a changed target is kept in its history with a reason.
        fields = key_result_fields(self.data, kr, {})
        fields += target_change.reason_fields(self.data, kr, self.app.today())
        submit = target_change.edit_submit(self.app, self.data, kr, clean_key_result)
        coaching = self._key_result_coaching(objective, kr)
        self.app.push_screen(
            CoachedFormScreen(
                "Edit key result",
                fields,
                submit,
                coaching=lambda values: coaching(target_change.without_reason(values)),
                shown_when=KEY_RESULT_FIELDS_SHOWN,
            )
        )

    def edit_commitment(self, record: Objective | KeyResult) -> None:
        """The commit stage: owner (and for a key result its due date and confidence)."""
        table = "objectives" if isinstance(record, Objective) else "key_results"

        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update(table, record.id, f"commit {record.title!r}", **values)
            )

        if isinstance(record, Objective):
            coaching = self._objective_coaching(record, {})
        else:
            coaching = self._key_result_coaching(self.data.objectives[record.objective_id], record)
        self.app.push_screen(
            CoachedFormScreen(
                f"Commit: {record.title}",
                commit_fields(record, self.data),
                submit,
                coaching=coaching,
                hint="One owner by name. Confidence about 5 means a real stretch.",
            )
        )

    # ------------------------------------------------------------ the quick-add line

    def _quick_bar(self) -> QuickAddBar:
        return self.query_one(QuickAddBar)

    def _open_line(self, label: str, *, value: str = "", placeholder: str = "") -> None:
        self._quick_bar().open(label, value=value, placeholder=placeholder)
        self.update_coach()

    def action_quick_key_results(self) -> None:
        objective = self.selected_objective()
        if objective is None:
            self.action_quick_objectives()
            return
        self._quick = QuickMode("key_result", objective.id, walk=True)
        following = self._objective_after(objective.id)
        self._open_line(
            key_results_label(objective.title, following.title if following else None),
            placeholder=KEY_RESULT_LINE_HINT,
        )

    def _objective_after(self, objective_id: str) -> Objective | None:
        """The objective below this one in the table, if any."""
        order = [o.id for o in self.data.objectives_in_order()]
        index = order.index(objective_id) + 1 if objective_id in order else len(order)
        return self.data.objectives[order[index]] if index < len(order) else None

    def _walk_on(self, mode: QuickMode) -> None:
        """Empty Enter: the next objective's key results, or a new objective after the last."""
        following = self._objective_after(str(mode.record_id)) if mode.walk else None
        if following is None:
            self.action_quick_objectives()
            return
        self._quick = QuickMode("key_result", following.id, walk=True)
        after = self._objective_after(following.id)
        self._quick_bar().relabel(
            key_results_label(following.title, after.title if after else None),
            KEY_RESULT_LINE_HINT,
        )
        for table in self.query(DataTable):  # show which objective the lines now go to
            restore_cursor(table, following.id)
            break
        count = len(self.data.key_results_of(following.id))
        self._added = f"On to “{following.title}”: {count} key result{'s' if count != 1 else ''}."
        self._quick_bar().show_preview(Text(self._added))
        self.update_coach()

    def action_quick_objectives(self) -> None:
        self._quick = QuickMode("objective")
        self._open_line(
            "New objective — Enter adds it, then type its key results",
            placeholder=OBJECTIVE_LINE_HINT,
        )

    def action_retitle(self) -> None:
        found = self.selected()
        if found is None:
            return
        table, record = found
        self._quick = QuickMode("retitle", record.id, table)
        what = "objective" if table == "objectives" else "key result"
        self._open_line(
            f"Retitle the {what} — Enter saves, Escape keeps it as it was", value=record.title
        )

    @on(QuickAddBar.Closed)
    def _quick_closed(self) -> None:
        self._quick = None
        self._added = ""
        self.focus_main()
        self.update_coach()

    @on(Input.Changed, "#quick-input")
    def _quick_typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._quick is None:
            return
        if not event.value.strip():
            # Right after Enter the line is empty again: say what was added until typing resumes.
            self._quick_bar().show_preview(Text(self._added))
            self.update_coach()
            return
        self._added = ""
        self._coach_the_line(event.value)

    def _parse_line(self, line: str) -> tuple[str, dict[str, Any]]:
        """(what, fields) of the line in the current mode; raises QuickAddError."""
        mode = self._quick
        assert mode is not None
        if mode.kind == "retitle":
            title = " ".join(line.split())
            if not title:
                raise QuickAddError("a title cannot be blank; Escape keeps the old one")
            return "retitle", {"title": title}
        if mode.kind == "objective":
            themes = {t.id: t.title for t in self.data.ordered("themes")}
            entry = parse_objective_line(line, owners=self._owners(), themes=themes)
            return "objective", {**self._objective_defaults(one_line=True), **entry.fields}
        entry = parse_key_result_line(line, owners=self._owners())
        objective = self.data.objectives[str(mode.record_id)]
        return "key_result", {**self._key_result_defaults(objective), **entry.fields}

    def _coach_the_line(self, line: str) -> None:
        mode = self._quick
        if mode is None:
            return
        bar = self._quick_bar()
        try:
            what, fields = self._parse_line(line)
        except QuickAddError as error:
            bar.show_preview(Text(str(error)), problem=True)
            return
        except KeyError:  # the objective was deleted (or undone away) meanwhile
            bar.action_close()
            return
        if what == "objective":
            draft = self.draft_objective(fields, None)
            report = check_draft(self.data, objective=draft)
            theme = self.data.themes.get(fields.get("theme_id") or "")
            preview = f"{fields.get('level', 'team')}" + (
                f" · {fields['team']}" if fields.get("team") else ""
            )
            preview += f" · owner {fields.get('owner') or 'none yet'}"
            preview += f" · theme {theme.title}" if theme else ""
            bar.show_preview(Text(preview))
            self._show_report("new objective, as you type", draft.title, report, draft.id)
            return
        if what == "key_result":
            objective = self.data.objectives[str(mode.record_id)]
            kr_draft = self.draft_key_result(fields, objective, None)
            bar.show_preview(Text(describe_key_result(fields, self.data.cycle.ends)))
            report = check_draft(self.data, key_result=kr_draft)
            self._show_report("new key result, as you type", kr_draft.title, report, kr_draft.id)
            return
        found = self.data.find(str(mode.record_id))
        if found is None:
            bar.action_close()
            return
        table, record = found
        bar.show_preview(Text(""))
        if table == "objectives":
            draft = record.model_copy(update=fields)
            report = check_draft(self.data, objective=draft)
        else:
            draft = record.model_copy(update=fields)
            report = check_draft(self.data, key_result=draft)
        self._show_report("retitle, as you type", fields["title"], report, record.id)

    @on(Input.Submitted, "#quick-input")
    def _quick_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        mode = self._quick
        bar = self._quick_bar()
        if mode is None:
            return
        if not event.value.strip() and mode.kind == "key_result":
            # An empty Enter closes this objective's list: straight on to the next objective.
            self._walk_on(mode)
            return
        if not event.value.strip() and mode.kind == "objective":
            return
        try:
            what, fields = self._parse_line(event.value)
        except QuickAddError as error:
            bar.show_preview(Text(str(error)), problem=True)
            return
        except KeyError:
            bar.action_close()
            return
        if what == "retitle":
            label = f"retitle {fields['title']!r}"
            problem = self.apply(edits.update(mode.table, str(mode.record_id), label, **fields))
            if problem is None:
                bar.action_close()
            return
        if what == "objective":
            new_id, change = edits.add_objective(self.data, **fields)
        else:
            new_id, change = edits.add_key_result(self.data, str(mode.record_id), **fields)
        problem = self.app.apply(change)
        if problem is not None:
            bar.show_preview(Text(problem), problem=True)  # the line keeps what was typed
            return
        self.cycle_screen.select_later(new_id)
        bar.input.value = ""
        if what == "objective":
            # Straight on to the new objective's key results: the fastest path in a room.
            self._quick = QuickMode("key_result", new_id)
            bar.relabel(key_results_label(fields["title"]), KEY_RESULT_LINE_HINT)
        count = len(self.data.key_results_of(str(self._quick.record_id))) if self._quick else 0
        self._added = (
            "Objective added; now type its key results."
            if what == "objective"
            else f"Added. {count} key result{'s' if count != 1 else ''} so far."
        )
        bar.show_preview(Text(self._added))

    # ------------------------------------------------------------ dismissing findings

    def _selected_record(self) -> tuple[str, Any] | None:
        found = self.selected()
        if found is None or found[0] not in ("objectives", "key_results"):
            return None
        return found

    def action_dismiss_finding(self) -> None:
        found = self._selected_record()
        if found is None:
            return
        record = found[1]
        findings: list[Finding] = self.cycle_screen.findings_by_target.get(record.id, [])
        if not findings:
            self.app.notify(f"The coach has nothing open on “{record.title}”.", timeout=4)
            return

        def submit(values: dict[str, Any]) -> str | None:
            session = self.session
            _, change = edits.dismiss_finding(
                self.data,
                values["rule"],
                record.id,
                values["reason"],
                by=session.facilitator if session is not None else "",
                on=self.app.today(),
            )
            problem = self.app.apply(change)
            if problem is None:
                self.app.notify(
                    f"Dismissed {values['rule']} on “{record.title}”. ctrl+z brings it back.",
                    timeout=5,
                )
            return problem

        self.app.push_screen(
            FormScreen(
                f"Dismiss a coaching finding on “{record.title}”",
                dismiss_fields(findings),
                submit,
                hint="The finding leaves the open list; the reason stays with the cycle and "
                "shows in exports.",
                save_label="Dismiss",
            )
        )

    def action_restore_finding(self) -> None:
        found = self._selected_record()
        if found is None:
            return
        record = found[1]
        dismissed = self.data.dismissals_of(record.id)
        if not dismissed:
            self.app.notify(f"Nothing dismissed on “{record.title}”.", timeout=4)
            return

        def restore(dismissal_id: str) -> str | None:
            rule = self.data.dismissals[dismissal_id].rule
            problem = self.apply(edits.restore_finding(self.data, dismissal_id))
            if problem is None:
                self.app.notify(f"{rule} is open again on “{record.title}”.", timeout=4)
            return problem

        if len(dismissed) == 1:
            restore(dismissed[0].id)
            return
        self.app.push_screen(
            FormScreen(
                f"Bring back a finding on “{record.title}”",
                restore_fields(dismissed),
                lambda values: restore(values["dismissal"]),
                save_label="Restore",
            )
        )

    # ------------------------------------------------------------ examples

    def action_examples(self) -> None:
        from okrworkshop.tui.screens.examples import ExamplesScreen

        def chosen(key: str | None) -> None:
            if key is None:
                return
            pair = example(key)
            defaults = self._objective_defaults()
            objective_id, change = insert_draft(self.data, pair.strong, **defaults)
            if self.apply(change) is None:
                self.cycle_screen.select_later(objective_id)
                self.app.notify(
                    f"Added “{pair.strong.objective}” with its key results as a starting point: "
                    "make the numbers yours and name owners. ctrl+z takes it out.",
                    timeout=8,
                )

        self.app.push_screen(ExamplesScreen(), chosen)
