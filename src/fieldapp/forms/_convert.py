"""pyxform's JSON form -> fieldapp's model (``Group``/``Question``/``ChoiceList``).

Names: pyxform requires a name to be unique only within its nearest parent, so a question's
``name`` in our model is its form-wide key: the name itself when the form uses it once, else
``group/.../name`` (``/`` cannot occur in an XLSForm name, so keys never collide). ``${x}``
references are unique by pyxform's own rule, so they always name a question by its key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from fieldapp.forms._pyxform import RowFinder
from fieldapp.forms.model import (
    DEFAULT_LANG,
    Choice,
    ChoiceList,
    Group,
    Question,
)
from fieldapp.forms.types import EXTERNAL_DECLARATIONS, canonical_type

_YES = frozenset({"yes", "true", "true()", "1"})
_NO = frozenset({"no", "false", "false()", "0", ""})
#: Choice keys that are not extra columns (choice_filter reads the extra ones).
_CHOICE_KEYS = frozenset({"name", "label", "media", "list_name"})


def _frozen(d: Mapping[str, str] | None) -> MappingProxyType:
    return MappingProxyType(dict(sorted((d or {}).items())))


@dataclass
class Problem:
    code: str
    params: dict[str, Any]
    row: int | None
    sheet: str = "survey"


@dataclass
class Converted:
    root: Group
    choice_lists: dict[str, ChoiceList]
    files: dict[str, int]  # attached file name -> first survey row that needs it
    problems: list[Problem] = field(default_factory=list)
    #: survey rows of questions whose default is an expression (``default_is_dynamic``)
    dynamic_defaults: set[str] = field(default_factory=set)


def texts(value: Any, plain_lang: str) -> MappingProxyType:
    """A label/hint/message cell as {language: text} (a plain column is ``plain_lang``)."""
    if value in (None, ""):
        return _frozen(None)
    if isinstance(value, dict):
        return _frozen({str(k): str(v) for k, v in value.items() if str(v).strip()})
    return _frozen({plain_lang: str(value)})


def images(d: dict[str, Any], plain_lang: str) -> MappingProxyType:
    """An element's ``image`` columns, as pyxform gives them (``media: {image: ...}``)."""
    media = d.get("media")
    return texts(media.get("image"), plain_lang) if isinstance(media, dict) else _frozen(None)


def _flag(value: Any) -> bool:
    return str(value if value is not None else "").strip().lower() in _YES


def _required(value: Any) -> str | None:
    text = str(value if value is not None else "").strip()
    if text.lower() in _YES:
        return "true()"
    if text.lower() in _NO:
        return None
    return text


def _expr(value: Any) -> str | None:
    text = str(value if value is not None else "").strip()
    return text or None


def _walk(children: list[dict[str, Any]], path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], dict]]:
    for child in children:
        yield path, child
        if child.get("type") in ("group", "repeat", "loop"):
            yield from _walk(child.get("children", []), path + (str(child.get("name", "")),))


def _expand_loop(loop: dict[str, Any]) -> dict[str, Any]:
    """``begin loop over list``: one group per choice, ``%(name)s``/``%(label)s`` filled in
    (pyxform's LoopSection does the same when it writes the XForm)."""
    groups = []
    for column in loop.get("columns", []):
        groups.append({
            "type": "group", "name": column["name"], "label": column.get("label", ""),
            "children": [_substitute(c, column) for c in loop.get("children", [])],
        })
    out = {k: v for k, v in loop.items() if k not in ("columns", "children")}
    out.update(type="group", children=groups)
    return out


def _substitute(node: Any, column: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        return {k: _substitute(v, column) for k, v in node.items()}
    if isinstance(node, list):
        return [_substitute(v, column) for v in node]
    if isinstance(node, str) and "%(" in node:
        label = column.get("label", "")
        label_text = label if isinstance(label, str) else next(iter(label.values()), "")
        return node.replace("%(name)s", str(column["name"])).replace("%(label)s", str(label_text))
    return node


def _prepare(children: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Loops expanded and pyxform's own additions (the ``meta`` instanceID group) dropped."""
    out = []
    for child in children:
        if child.get("type") == "group" and (child.get("control") or {}).get("bodyless"):
            continue  # meta/instanceID: fieldapp assigns interview ids itself
        if child.get("type") == "loop":
            child = _expand_loop(child)
        if child.get("type") in ("group", "repeat"):
            child = {**child, "children": _prepare(child.get("children", []))}
        out.append(child)
    return out


class Converter:
    def __init__(self, pyjson: dict[str, Any], survey_rows: list[dict[str, Any]],
                 choices_rows: list[dict[str, Any]], plain_lang: str) -> None:
        self.pyjson = pyjson
        self.plain_lang = plain_lang
        self.rows = RowFinder(survey_rows)
        self.choices_rows = choices_rows
        self.children = _prepare(pyjson.get("children", []))
        counts = Counter(str(c.get("name")) for _, c in _walk(self.children, ()))
        self.duplicated = {n for n, k in counts.items() if k > 1}
        self.problems: list[Problem] = []
        self.files: dict[str, int] = {}
        self.dynamic_defaults: set[str] = set()
        self.inline_choices: dict[str, list[dict[str, Any]]] = {}

    def key(self, path: tuple[str, ...], name: str) -> str:
        return "/".join(path + (name,)) if name in self.duplicated else name

    def run(self, form_id: str) -> Converted:
        root = Group(name=form_id, row=0, children=self.nodes(self.children, (), ()))
        lists = self.choice_lists()
        return Converted(root, lists, self.files, self.problems, self.dynamic_defaults)

    def nodes(self, children: list[dict[str, Any]], names: tuple[str, ...],
              keys: tuple[str, ...]) -> tuple[Question | Group, ...]:
        out: list[Question | Group] = []
        for child in children:
            node = self.node(child, names, keys)
            if node is not None:
                out.append(node)
        return tuple(out)

    def node(self, d: dict[str, Any], names: tuple[str, ...], keys: tuple[str, ...]):
        kind = str(d.get("type", ""))
        name = str(d.get("name", ""))
        row = self.rows.row_of(name)
        bind = d.get("bind") or {}
        control = d.get("control") or {}
        labels = texts(d.get("label"), self.plain_lang)
        if kind in ("group", "repeat"):
            key = self.key(names, name)
            children = self.nodes(d.get("children", []), names + (name,), keys + (key,))
            return Group(
                name=key, row=row, children=children, labels=labels,
                relevant=_expr(bind.get("relevant")),
                appearance=str(control.get("appearance", "") or ""),
                repeat=kind == "repeat", path=keys,
                repeat_count=_expr(control.get("jr:count")) if kind == "repeat" else None,
                no_add_remove=kind == "repeat" and _flag(control.get("jr:noAddRemove")),
            )
        qtype = canonical_type(kind)
        if name.startswith("reserved_name_for_field_list_labels_"):
            qtype = "note"  # pyxform's header row of a table-list: shows the choice labels
        if qtype is None:
            self.problems.append(Problem("form.unknown_type", {"type": kind}, row))
            return None
        if qtype in EXTERNAL_DECLARATIONS:
            self.files.setdefault(f"{name}.{qtype.split('-')[0]}", row)
            return None
        list_name = None
        if qtype in ("select_one", "select_multiple", "rank"):
            list_name = self.select_list(d, row)
        default = d.get("default")
        default = None if default in (None, "") else str(default)
        calculation = _expr(bind.get("calculate"))
        if qtype == "hidden":
            # pyxform's hidden: a value the form carries, never shown (a calculate of its
            # default, so it is stored and exported like one)
            qtype = "calculate"
            if calculation is None and default is not None:
                calculation = default if _is_dynamic(default, "text") else _quoted(default)
            calculation = calculation or "''"
            default = None
        if default is not None and _is_dynamic(default, qtype):
            self.dynamic_defaults.add(self.key(names, name))
        return Question(
            name=self.key(names, name),
            type=qtype,
            row=row,
            labels=labels,
            hints=texts(d.get("hint"), self.plain_lang),
            list_name=list_name,
            required=_required(bind.get("required")),
            required_message=texts(bind.get("jr:requiredMsg"), self.plain_lang),
            relevant=_expr(bind.get("relevant")),
            constraint=_expr(bind.get("constraint")),
            constraint_message=texts(bind.get("jr:constraintMsg"), self.plain_lang),
            calculation=calculation,
            default=default,
            choice_filter=_expr(d.get("choice_filter")),
            appearance=str(control.get("appearance", "") or ""),
            read_only=_flag(bind.get("readonly")),
            private=_flag(d.get("private")),
            seal=_flag(d.get("seal")),
            path=keys,
            parameters=_parameters(d.get("parameters")),
            images=images(d, self.plain_lang),
        )

    def select_list(self, d: dict[str, Any], row: int) -> str | None:
        itemset = str(d.get("itemset") or d.get("list_name") or "")
        if itemset.startswith("${"):
            # select_one ${repeat_question}: choices are a repeat's answers (issue #13).
            self.problems.append(Problem("form.select_from_answers", {"list": itemset}, row))
            return None
        if "." in itemset and itemset.rsplit(".", 1)[1].lower() in ("csv", "xml", "geojson"):
            self.files.setdefault(itemset, row)
            return itemset
        if d.get("choices"):
            self.inline_choices.setdefault(itemset, d["choices"])
        return itemset or None

    def choice_lists(self) -> dict[str, ChoiceList]:
        rows: dict[tuple[str, str], list[int]] = {}
        for i, r in enumerate(self.choices_rows, start=2):
            ln = _cell_any(r, ("list_name", "list name"))
            nm = _cell_any(r, ("name", "value"))
            if ln:
                rows.setdefault((ln, nm), []).append(i)
        lists: dict[str, ChoiceList] = {}
        source = dict(self.pyjson.get("choices") or {})
        for list_name, choices in self.inline_choices.items():
            merged = list(source.get(list_name) or [])
            names = {str(c.get("name")) for c in merged}
            merged += [c for c in choices if str(c.get("name")) not in names]  # or_other's 'other'
            source[list_name] = merged
        for list_name, choices in source.items():
            seen: Counter[str] = Counter()
            out = []
            for c in choices:
                name = str(c.get("name", ""))
                found = rows.get((list_name, name), [])
                row = found[min(seen[name], len(found) - 1)] if found else 0
                seen[name] += 1
                extra = {str(k): _text_of(v) for k, v in c.items() if k not in _CHOICE_KEYS}
                out.append(Choice(name, texts(c.get("label"), self.plain_lang), row, _frozen(extra),
                                  images(c, self.plain_lang)))
            lists[str(list_name)] = ChoiceList(str(list_name), tuple(out))
        return lists


def _parameters(value: Any) -> MappingProxyType:
    """The ``parameters`` cell: pyxform parses it for selects and ranges (a dict) and leaves
    it as written (``start=1 end=5``) for other types."""
    if isinstance(value, dict):
        return _frozen({str(k): str(v) for k, v in value.items()})
    out = {}
    for part in str(value or "").replace(";", " ").replace(",", " ").split():
        key, sep, val = part.partition("=")
        if sep:
            out[key.strip().lower()] = val.strip()
    return _frozen(out)


def _quoted(text: str) -> str:
    """A literal as an expression: XPath has no escapes, so a text holding both quote kinds
    is joined with concat()."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


def _text_of(value: Any) -> str:
    if isinstance(value, dict):
        return str(next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _cell_any(row: dict[str, Any], columns: tuple[str, ...]) -> str:
    for key, value in row.items():
        if str(key).strip().lower() in columns:
            return str(value).strip()
    return ""


def _is_dynamic(default: str, qtype: str) -> bool:
    from pyxform.utils import default_is_dynamic

    pyxform_type = {"integer": "int"}.get(qtype, qtype)
    try:
        return bool(default_is_dynamic(default, pyxform_type))
    except Exception:  # noqa: BLE001 - pyxform's tokenizer on odd text: treat as literal
        return False


__all__ = ["DEFAULT_LANG", "Converted", "Converter", "Problem", "texts"]
