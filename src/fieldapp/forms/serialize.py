"""Canonical JSON of a ``Form``: the definition the store keeps, and its exact inverse.

``form_to_json`` is stable (sorted keys, no whitespace variance, UTF-8 text kept as is), so
the store can compare two definitions byte for byte. Choice lists and children are lists,
because their order is meaning; label mappings are objects (the reader builds them sorted,
so the round trip keeps their order too). ``format`` versions the layout: a change to it
is a new number and a reader for the old one, never a silent reinterpretation.

Format 2 (the pyxform reader, docs/decisions/0004-pyxform-reader.md) adds question ``parameters``, a repeat's
``repeat_count`` and the form's ``attachments``; a format-1 definition (stores made by the
old reader) reads as the same form with those empty, so its interviews resume unchanged.
Question and choice ``images`` and the form's ``media`` (issue #16) are written only when a
form has them, so every other definition keeps its text (and hash); absent, they read empty.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from fieldapp.errors import FormError
from fieldapp.forms.model import Choice, ChoiceList, Form, Group, Question

FORMAT = 2
#: Layouts this version reads.
READABLE_FORMATS = (1, 2)

_QUESTION_MAPPINGS = ("labels", "hints", "required_message", "constraint_message", "parameters")
#: Added in format 2: absent from format-1 definitions, read there as empty.
_NEW_IN_2 = frozenset({"parameters"})
_QUESTION_SCALARS = (
    "name", "type", "row", "list_name", "required", "relevant", "constraint", "calculation",
    "default", "choice_filter", "appearance", "read_only", "private", "seal",
)


def _mapping(m: Mapping[str, str]) -> dict[str, str]:
    return {str(k): str(v) for k, v in m.items()}


def _frozen(d: Any, what: str) -> MappingProxyType:
    if not isinstance(d, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in d.items()):
        raise _bad(f"{what} must map text to text")
    return MappingProxyType(dict(sorted(d.items())))


def _node_to_dict(node: Question | Group) -> dict[str, Any]:
    if isinstance(node, Group):
        return {
            "kind": "group",
            "name": node.name,
            "row": node.row,
            "labels": _mapping(node.labels),
            "relevant": node.relevant,
            "appearance": node.appearance,
            "repeat": node.repeat,
            "repeat_count": node.repeat_count,
            "path": list(node.path),
            "children": [_node_to_dict(c) for c in node.children],
        } | ({"no_add_remove": True} if node.no_add_remove else {})  # only when set: the
        # definitions (and their hashes) of every form without it stay byte-identical
    out: dict[str, Any] = {"kind": "question", "path": list(node.path)}
    for key in _QUESTION_SCALARS:
        out[key] = getattr(node, key)
    for key in _QUESTION_MAPPINGS:
        out[key] = _mapping(getattr(node, key))
    if node.images:  # only when set, like no_add_remove: other definitions stay byte-identical
        out["images"] = _mapping(node.images)
    return out


def _choice_to_dict(c: Choice) -> dict[str, Any]:
    out = {"name": c.name, "labels": _mapping(c.labels), "row": c.row, "extra": _mapping(c.extra)}
    return out | ({"images": _mapping(c.images)} if c.images else {})


def form_to_dict(form: Form) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "form_id": form.form_id,
        "version": form.version,
        "title": form.title,
        "languages": list(form.languages),
        "default_language": form.default_language,
        "source_sha256": form.source_sha256,
        "root": _node_to_dict(form.root),
        "choice_lists": [
            {
                "name": cl.name,
                "choices": [_choice_to_dict(c) for c in cl.choices],
            }
            for cl in form.choice_lists.values()
        ],
        "attachments": [
            {"name": name, "rows": [_mapping(r) for r in rows]}
            for name, rows in form.attachments.items()
        ],
    } | ({"media": _mapping(form.media)} if form.media else {})


def form_to_json(form: Form) -> str:
    """The canonical JSON text of ``form`` (same form, same text, on every machine)."""
    return json.dumps(form_to_dict(form), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _bad(detail: str) -> FormError:
    return FormError("bad-definition", f"the stored form definition is damaged: {detail}")


def _node_from_dict(d: Any) -> Question | Group:
    if not isinstance(d, dict):
        raise _bad("a node is not an object")
    kind = d.get("kind")
    if kind == "group":
        return Group(
            name=d["name"],
            row=d["row"],
            children=tuple(_node_from_dict(c) for c in d["children"]),
            labels=_frozen(d["labels"], "group labels"),
            relevant=d["relevant"],
            appearance=d["appearance"],
            repeat=d["repeat"],
            path=tuple(d["path"]),
            repeat_count=d.get("repeat_count"),
            no_add_remove=d.get("no_add_remove") is True,
        )
    if kind == "question":
        kwargs: dict[str, Any] = {key: d[key] for key in _QUESTION_SCALARS}
        for key in _QUESTION_MAPPINGS:
            kwargs[key] = _frozen(d[key] if key not in _NEW_IN_2 else d.get(key, {}), key)
        kwargs["images"] = _frozen(d.get("images", {}), "question images")
        return Question(path=tuple(d["path"]), **kwargs)
    raise _bad(f"unknown node kind {kind!r}")


def form_from_dict(d: Any) -> Form:
    if not isinstance(d, dict):
        raise _bad("not a JSON object")
    if d.get("format") not in READABLE_FORMATS:
        raise FormError("bad-definition", f"the stored form definition has format {d.get('format')!r}; "
                        f"this version of fieldapp reads format {FORMAT} (is fieldapp older than the store?)")
    try:
        root = _node_from_dict(d["root"])
        if not isinstance(root, Group):
            raise _bad("the root is not a group")
        lists: dict[str, ChoiceList] = {}
        for cl in d["choice_lists"]:
            choices = tuple(
                Choice(c["name"], _frozen(c["labels"], "choice labels"), c["row"],
                       _frozen(c["extra"], "choice columns"), _frozen(c.get("images", {}), "choice images"))
                for c in cl["choices"]
            )
            lists[cl["name"]] = ChoiceList(cl["name"], choices)
        attachments = {
            a["name"]: tuple(_frozen(r, "attachment row") for r in a["rows"])
            for a in d.get("attachments", [])
        }
        return Form(
            form_id=d["form_id"],
            version=d["version"],
            title=d["title"],
            root=root,
            choice_lists=MappingProxyType(lists),
            languages=tuple(d["languages"]),
            default_language=d["default_language"],
            source_sha256=d["source_sha256"],
            attachments=MappingProxyType(attachments),
            media=_frozen(d.get("media", {}), "form media"),
        )
    except (KeyError, TypeError) as exc:
        raise _bad(f"missing or malformed field ({exc})") from None


def form_from_json(text: str) -> Form:
    """The ``Form`` that ``form_to_json`` wrote; ``FormError`` if the text is not one."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise _bad(f"not JSON ({exc})") from None
    return form_from_dict(data)
