"""What an expression sees during an interview (the engine's ``EvalContext``).

Values reach expressions typed as JavaRosa types them (dates as dates, numbers as numbers);
a non-relevant question reads as '' (JavaRosa's getRefValue), though its value is kept; a
sealed one reads as ''. Location paths are resolved through ``fieldapp.forms.paths``, and
``instance('name')/root/item[...]`` reads an attached file or a choice list.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.engine.interview import Interview


class _Context:
    """Expression context over the interview's current values (ODK: unanswered is '').

    Values reach expressions typed as JavaRosa types them (dates as dates, numbers as
    numbers); a non-relevant question reads as '' (JavaRosa's getRefValue), though its value
    is kept. ``node`` is the question whose expression is evaluated: ``.``/``current()``,
    relative paths and ``once()`` start there.
    """

    def __init__(self, values: dict[str, Any], current: Any = "", node: str | None = None,
                 interview: Interview | None = None) -> None:
        self._values = values
        self._current = current
        self._node = node
        self._iv = interview

    def at(self, node: str | None, current: Any = "") -> _Context:
        return _Context(self._values, current, node, self._iv)

    def value(self, name: str) -> Any:
        iv = self._iv
        v = self._values.get(name)
        if v is not None and iv is not None and (
                not iv.relevance.get(name, True) or name in iv.structure.sealed):
            v = None  # non-relevant (kept, read as '') or sealed (unreadable here)
        if v is None:
            return self._metadata(name)
        return _typed(iv, name, v)

    def _metadata(self, name: str) -> Any:
        iv = self._iv
        q = iv.structure.questions.get(name) if iv is not None else None
        if q is None:
            return ""
        if q.type == "today":
            return self.today()
        if q.type == "start":
            return iv.started
        if q.type == "end":
            return _dt.datetime.now().replace(microsecond=0)
        return ""

    def current(self) -> Any:
        return "" if self._current is None else self._current

    def own_value(self) -> Any:
        if self._iv is None or self._node is None:
            return ""
        v = self._iv.values.get(self._node)
        return "" if v is None else v

    def today(self) -> _dt.date:
        return _dt.date.today()

    def repeat_values(self, name: str) -> list:
        v = self.value(name)
        return [] if v in (None, "") else [v]

    def path_values(self, path) -> list:
        iv = self._iv
        if iv is None:
            return []
        if path.instance_name is not None:
            return _instance_values(iv, path, self)
        from fieldapp.forms.paths import FormIndex

        key = FormIndex.of(iv.form).resolve(path, self._node)
        if key is None:
            return []
        if key not in iv.structure.questions:
            return [""]  # a group: one node (its text is its answers', rarely used)
        return [self.value(key)]

    def instance_rows(self, name: str) -> list:
        return list(self._iv.form.attachments.get(name, ())) if self._iv is not None else []

    def choice_label(self, value: str, ref: str) -> str:
        iv = self._iv
        if iv is None:
            return ""
        name = ref.strip()
        if name.startswith("${") and name.endswith("}"):
            name = name[2:-1].strip()
        q = iv.structure.questions.get(name.rsplit("/", 1)[-1]) or iv.structure.questions.get(name)
        if q is None or not q.list_name or q.list_name not in iv.form.choice_lists:
            return ""
        choice = iv.form.choice_lists[q.list_name].get(value)
        return choice.label(iv.language) if choice is not None else ""

    def random_source(self):
        return self._iv.random_source(self._node) if self._iv is not None else None

    def form_version(self) -> str:
        return self._iv.form.version if self._iv is not None else ""


def _typed(iv: Interview | None, name: str, value: Any) -> Any:
    """A stored answer as JavaRosa hands it to XPath: dates as dates, the rest as stored."""
    if iv is None or not isinstance(value, str):
        return value
    q = iv.structure.questions.get(name)
    if q is None:
        return value
    if q.type == "date":
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    if q.type == "dateTime":
        try:
            return _dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _instance_values(iv: Interview, path, ctx: _Context) -> list:
    """``instance('name')/root/item[...]/column``: rows of an attached file or a choice list."""
    from fieldapp.forms.expressions import ChoiceContext, to_bool

    name = path.instance_name
    if name in iv.form.attachments:
        rows = [dict(r) for r in iv.form.attachments[name]]
    elif name in iv.form.choice_lists:
        rows = [{"name": c.name, "label": c.label(iv.language), **dict(c.extra)}
                for c in iv.form.choice_lists[name].choices]
    else:
        return []
    steps = list(path.steps)
    if steps and steps[0].name == "root":
        steps = steps[1:]
    if not steps or steps[0].name != "item":
        return []
    for predicate in steps[0].predicates:
        kept = []
        for position, row in enumerate(rows, start=1):
            value = predicate.evaluate(ChoiceContext(ctx, _Row(row)))
            if isinstance(value, int | float) and not isinstance(value, bool):
                ok = value == position
            else:
                ok = to_bool(value)
            if ok:
                kept.append(row)
        rows = kept
    if len(steps) == 1:
        return [r.get("name", "") for r in rows]
    column = steps[1].name
    return [r.get(column, "") for r in rows]


class _Row:
    """A secondary-instance item as a choice for ``ChoiceContext`` (bare names: its columns)."""

    def __init__(self, row: dict[str, str]) -> None:
        self.name = row.get("name", "")
        self.extra = row
