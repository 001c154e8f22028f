"""A modal form built from field specs: typed parsing and messages a person understands.

The caller passes ``submit``, which gets the parsed values and returns an error message (the
form stays open and shows it) or None (the form closes). Nothing is lost on a bad value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, Switch

from facilitation.people import known_person

FieldKind = Literal["text", "number", "int", "date", "choice", "bool"]


@dataclass
class FormField:
    """One field of a form."""

    name: str
    label: str
    kind: FieldKind = "text"
    value: Any = None
    options: Sequence[tuple[str, Any]] = field(default_factory=tuple)
    placeholder: str = ""
    required: bool = False
    help: str = ""
    # For a name: the people it may mean; "lena" is saved as the one Lena, shown as you type.
    people: Sequence[str] = field(default_factory=tuple)


class FieldError(ValueError):
    """A value that does not parse, with the field it belongs to."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def parse_number(text: str) -> float | None:
    """``1,200`` / ``12.5%`` / ``3.2M``-free plain numbers; blank is None."""
    cleaned = text.strip().replace(",", "").replace("_", "").removesuffix("%").strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("must be a finite number")
    return value


def _parse(spec: FormField, raw: Any) -> Any:
    if spec.kind == "bool":
        return bool(raw)
    if spec.kind == "choice":
        if raw is Select.NULL:
            if spec.required:
                raise FieldError(spec.name, f"{spec.label}: choose one")
            return None
        return raw
    text = str(raw).strip()
    if not text:
        if spec.required:
            raise FieldError(spec.name, f"{spec.label}: required")
        return "" if spec.kind == "text" else None
    try:
        if spec.kind == "number":
            return parse_number(text)
        if spec.kind == "int":
            number = parse_number(text)
            if number is None or not float(number).is_integer():
                raise ValueError(f"{text!r} is not a whole number")
            return int(number)
        if spec.kind == "date":
            try:
                return date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"{text!r} is not a date like 2027-03-31") from None
    except ValueError as error:
        raise FieldError(spec.name, f"{spec.label}: {error}") from None
    if spec.people:
        return known_person(str(raw), spec.people)
    return str(raw)


def _display(spec: FormField) -> str:
    value = spec.value
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class FormScreen(ModalScreen[dict[str, Any] | None]):
    """A titled form; Enter in the last field or ctrl+s saves, Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        submit: Callable[[dict[str, Any]], str | None],
        *,
        hint: str = "",
        save_label: str = "Save",
        focus: str | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.submit = submit
        self.hint = hint
        self.save_label = save_label
        self.first_focus = focus  # the field the keyboard starts in (default: the first)

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            yield from self.compose_form()

    def compose_form(self) -> ComposeResult:
        """The title, hint, error line, fields and buttons (a subclass may frame them)."""
        yield Static(Text(self.form_title), classes="dialog-title")
        if self.hint:
            yield Static(Text(self.hint), classes="dialog-hint")
        # Above the fields, so a problem is always in view however long the form.
        yield Static("", id="form-error", classes="form-error")
        with VerticalScroll(id="form-fields"):
            for spec in self.fields:
                with Horizontal(classes="form-row"):
                    yield Label(spec.label, classes="form-label")
                    yield self._widget(spec)
        yield Static("", id="form-help", classes="dialog-hint")
        with Horizontal(classes="dialog-buttons"):
            yield Button(self.save_label, variant="primary", id="save")
            yield Button("Cancel", id="cancel")

    def _widget(self, spec: FormField) -> Input | Select[Any] | Switch:
        widget_id = f"field-{spec.name}"
        if spec.kind == "choice":
            return Select(
                list(spec.options),
                value=spec.value if spec.value is not None else Select.NULL,
                allow_blank=not spec.required,
                id=widget_id,
                classes="form-input",
                compact=True,
            )
        if spec.kind == "bool":
            return Switch(value=bool(spec.value), id=widget_id, classes="form-input")
        return Input(
            value=_display(spec),
            placeholder=spec.placeholder or ("YYYY-MM-DD" if spec.kind == "date" else ""),
            id=widget_id,
            classes="form-input",
            tooltip=spec.help or None,
            suggester=SuggestFromList(spec.people, case_sensitive=False) if spec.people else None,
            compact=True,
            # Editing a title should not wipe it at the first key press.
            select_on_focus=False,
        )

    def on_mount(self) -> None:
        # Focus now, not after the first refresh: a fast typist's first keys must land.
        start = f"#field-{self.first_focus}" if self.first_focus else ".form-input"
        self.query(start).first().focus()

    def on_key(self, event: events.Key) -> None:
        """Keys typed before the first field took the focus go into it, not nowhere."""
        if self.focused is None and event.is_printable and event.character:
            first = self.query(Input).first()
            first.focus()
            first.insert_text_at_cursor(event.character)
            event.stop()

    def on_descendant_focus(self, event: Any) -> None:
        """Say which field has the keyboard, and what it wants."""
        # A Select's focus lands on an inner widget: find the field it belongs to.
        ids = {getattr(node, "id", None) for node in (event.widget, *event.widget.ancestors)}
        spec = next((f for f in self.fields if f"field-{f.name}" in ids), None)
        text = "Tab next field · ctrl+s saves · Escape cancels"
        if spec is not None:
            default = (
                "Enter opens the list"
                if spec.kind == "choice"
                else ("required" if spec.required else "optional")
            )
            text = f"{spec.label}: {spec.help or spec.placeholder or default} — {text}"
        self.query_one("#form-help", Static).update(Text(text))

    def values(self) -> dict[str, Any]:
        """The parsed values; raises ``FieldError`` for the first that does not parse."""
        result: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            raw = widget.value  # type: ignore[attr-defined]
            result[spec.name] = _parse(spec, raw)
        return result

    def lenient_values(self) -> dict[str, Any]:
        """The values that parse so far, leaving out those that do not (for live previews)."""
        result: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            try:
                result[spec.name] = _parse(spec, widget.value)  # type: ignore[attr-defined]
            except FieldError:
                continue
        return result

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Text(message))
        error.display = bool(message)

    @on(Input.Submitted)
    def _next_or_save(self, event: Input.Submitted) -> None:
        inputs = list(self.query(".form-input"))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        try:
            values = self.values()
        except FieldError as error:
            self.show_error(str(error))
            self.query_one(f"#field-{error.name}").focus()
            return
        problem = self.submit(values)
        if problem:
            self.show_error(problem)
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
