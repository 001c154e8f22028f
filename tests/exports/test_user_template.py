"""People's own templates: the sandbox holds against escape attempts and runaway templates."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from exports.formats import template_context
from exports.user_template import (
    TemplateError,
    TemplateLimits,
    read_template,
    render_user_template,
    wants_html,
)
from okrworkshop.model import CycleData

TODAY = date(2026, 11, 24)


@pytest.fixture
def context(demo: CycleData) -> dict[str, Any]:
    return template_context(demo, today=TODAY)


def render(source: str, context: dict[str, Any], **options: Any) -> str:
    return render_user_template(source, context, name="mine.md.j2", **options)


def refusal(source: str, context: dict[str, Any], **options: Any) -> str:
    with pytest.raises(TemplateError) as caught:
        render(source, context, **options)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_template_sees_the_whole_context(context: dict[str, Any]) -> None:
    source = (
        "{{ cycle.name }}|{{ today }}|{{ objectives|length }}|{{ themes[0].title }}|"
        "{{ objectives[0].key_results[0].progress|percent }}|{{ cascade|length }}|"
        "{{ findings|map(attribute='rule')|first }}|{{ sessions|length }}|{{ actions|length }}|"
        "{{ session }}|{{ average_score|score }}"
    )
    assert render(source, context) == (
        "Kestrel Labs 2026-Q4|2026-11-24|8|Patient experience|57%|2|"
        "key-result-not-measurable|3|4|None|0.67"
    )


def test_dates_and_loops_work_as_in_jinja(context: dict[str, Any]) -> None:
    source = (
        "{{ cycle.ends.strftime('%d %B %Y') }}\n"
        "{% for o in objectives if o.level == 'company' %}{{ loop.index }}. {{ o.title }}\n"
        "{% if loop.index == 1 %}{% break %}{% endif %}{% endfor %}"
    )
    assert render(source, context) == (
        "31 December 2026\n1. Become the booking system clinics recommend to each other\n"
    )


def test_markdown_filters_are_there(context: dict[str, Any]) -> None:
    context["cycle"]["name"] = "Grow | <b>now</b>"
    source = "{{ cycle.name|cell }} {{ 0.996|percent }} {{ 1234.5|number }} {{ 17|measure('%') }}"
    assert render(source, context) == "Grow \\| &lt;b&gt;now&lt;/b&gt; 99% 1,234.5 17%"


def test_html_output_is_autoescaped_only_when_asked(context: dict[str, Any]) -> None:
    context["cycle"]["name"] = "<script>alert(1)</script>"
    assert render("{{ cycle.name }}", context, html=True) == (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert render("{{ cycle.name }}", context) == "<script>alert(1)</script>"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycle.__class__ }}",
        "{{ objectives[0].__class__.__init__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ joiner.__init__.__globals__ }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ '{0.__class__.__base__}'.format(1) }}",
        "{{ 'a'|attr('__class__') }}",
        "{{ today.__reduce_ex__(2) }}",
        "{{ cycle.name.__len__ }}",
        "{{ (cycle|dictsort)[0].__class__ }}",
        "{% set f = objectives.__getitem__ %}{{ f }}",
    ],
)
def test_python_internals_are_out_of_reach(context: dict[str, Any], source: str) -> None:
    message = refusal(source, context)
    assert message.startswith("mine.md.j2, line 1: not allowed in a template: ")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{% include '/etc/passwd' %}", "cannot include, import or extend '/etc/passwd'"),
        ("{% extends 'base.html.j2' %}", "cannot include, import or extend 'base.html.j2'"),
        ("{% import 'macros.html.j2' as ui %}", "cannot include, import or extend"),
        ("{{ config }}", "'config' is undefined"),
        ("{{ request.environ }}", "'request' is undefined"),
        ("{{ open('/etc/passwd').read() }}", "'open' is undefined"),
        ("{{ __import__('os') }}", "'__import__' is undefined"),
        ("{{ range.__self__ }}", "'function object' has no attribute '__self__'"),
    ],
)
def test_nothing_outside_the_template_and_its_context(
    context: dict[str, Any], source: str, expected: str
) -> None:
    assert expected in refusal(source, context)


def test_syntax_error_names_the_line(context: dict[str, Any]) -> None:
    message = refusal("# {{ cycle.name }}\n\n{% for o in objectives %}\n{{ o.title }\n", context)
    assert message.startswith("mine.md.j2, line 4: syntax error: ")


def test_undefined_name_names_the_line(context: dict[str, Any]) -> None:
    message = refusal("{% for o in objectives %}\n{{ o.titel }}\n{% endfor %}", context)
    assert message == (
        "mine.md.j2, line 2: 'dict object' has no attribute 'titel' "
        "(see the template context in the README)"
    )


def test_an_error_inside_the_template_says_what_and_where(context: dict[str, Any]) -> None:
    assert refusal("ok\n{{ 1 / 0 }}", context) == (
        "mine.md.j2, line 2: ZeroDivisionError: division by zero"
    )


def test_a_runaway_loop_is_stopped_at_the_deadline(
    context: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    children: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def spy(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        child = real_popen(*args, **kwargs)
        children.append(child)
        return child

    monkeypatch.setattr(subprocess, "Popen", spy)
    source = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    message = refusal(source, context, limits=TemplateLimits(seconds=2))
    assert message == (
        "mine.md.j2: still rendering after 2 s, so it was stopped (is there a loop that never "
        "ends?)"
    )
    assert len(children) == 1
    assert children[0].poll() is not None, "the sandbox process was left running"


def test_output_past_the_limit_is_stopped(context: dict[str, Any]) -> None:
    source = (
        "{% for a in range(100000) %}{% for b in range(1000) %}0123456789{% endfor %}{% endfor %}"
    )
    message = refusal(source, context, limits=TemplateLimits(max_output_bytes=100_000))
    assert message == "mine.md.j2: the output passed the limit of 100,000 bytes; stopped"


def test_output_just_under_the_limit_is_kept(context: dict[str, Any]) -> None:
    out = render("{{ 'x' * 1000 }}", context, limits=TemplateLimits(max_output_bytes=1000))
    assert out == "x" * 1000


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 'x' * 50_000_000 }}", "repeating something 50,000,000 times"),
        ("{{ [1, 2] * 10**9 }}", "repeating something 1,000,000,000 times"),
        ("{{ 2 ** 100_000_000 }}", "2 ** 100000000 is too large a number to compute"),
    ],
)
def test_huge_values_are_refused_before_they_are_built(
    context: dict[str, Any], source: str, expected: str
) -> None:
    assert expected in refusal(source, context)


def test_memory_is_capped(context: dict[str, Any]) -> None:
    # center() builds its result in one go, before the output limit could see it.
    source = "{{ ('x'|center(400000000))|length }}"
    message = refusal(source, context, limits=TemplateLimits(memory_bytes=256 * 2**20))
    assert "memory" in message


def test_endless_recursion_is_refused(context: dict[str, Any]) -> None:
    source = "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}"
    assert refusal(source, context) == "mine.md.j2: the template nests or recurses too deeply"


def test_the_context_is_a_copy(context: dict[str, Any]) -> None:
    render("{{ objectives.clear() }}{{ cycle.update({'name': 'x'}) }}", context)
    assert len(context["objectives"]) == 8
    assert context["cycle"]["name"] == "Kestrel Labs 2026-Q4"


def test_read_template_refusals(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no such file"):
        read_template(tmp_path / "missing.j2")
    with pytest.raises(TemplateError, match="is a folder, not a template file"):
        read_template(tmp_path)
    big = tmp_path / "big.j2"
    big.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(TemplateError, match="is 2,000 bytes; a template may be at most 1,000"):
        read_template(big, TemplateLimits(max_template_bytes=1000))
    bom = tmp_path / "bom.j2"
    bom.write_bytes("\ufeff# {{ cycle.name }}".encode())
    assert read_template(bom) == "# {{ cycle.name }}"


@pytest.mark.parametrize(
    ("name", "html"),
    [
        ("summary.html.j2", True),
        ("summary.HTML", True),
        ("page.htm.jinja", True),
        ("summary.md.j2", False),
        ("summary.j2", False),
        ("notes.txt", False),
    ],
)
def test_html_is_told_by_the_file_name(name: str, html: bool) -> None:
    assert wants_html(name) is html


def test_the_sandbox_process_loads_only_jinja_and_the_filters() -> None:
    """A small process starts fast and holds nothing of the app a template could reach."""
    code = (
        "import sys, exports._sandbox; "
        "print(sorted(m for m in ('pydantic', 'okrworkshop', 'facilitation', 'textual', "
        "'tinydb') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
