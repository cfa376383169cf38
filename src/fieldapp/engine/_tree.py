"""The interview's instance tree: repeat instances, defaults, recomputation, saving a change.

Functions over an ``Interview`` (kept apart so interview.py stays readable). JavaRosa is the
reference throughout:

- A new interview has one instance of every repeat whose count the interviewer decides
  (pyxform writes one into the primary instance, so JavaRosa starts with it); an instance
  added later starts with none of the repeats inside it (JavaRosa copies the repeat's
  template, whose nested repeats are templates themselves).
- ``repeat_count`` (``jr:count``) is evaluated in the repeat's parent instance whenever
  anything changes; instances are added at the end or removed from the end to match it
  (at most ``MAX_INSTANCES``), as JavaRosa does when the interviewer reaches the repeat.
- A new instance gets its questions' defaults: static ones, then dynamic ones evaluated in
  the instance (pyxform's ``odk-new-repeat`` setvalue).
- Removing an instance moves the later ones up one (JavaRosa renumbers siblings).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from fieldapp.engine._context import _Context
from fieldapp.engine._structure import INSTANCE, QUESTION, REPEAT, _Structure, expand
from fieldapp.errors import UserFacingError
from fieldapp.forms.expressions import parse, to_bool, to_number, to_string
from fieldapp.forms.instances import (
    child_instance,
    field_key,
    last_step,
    parent_instance,
    sort_key,
    split_key,
    steps,
)
from fieldapp.forms.model import Group, Question

if TYPE_CHECKING:
    from fieldapp.engine.interview import FieldState, Interview

#: The most instances one repeat may have: a computed count of 10**9 (a typo in a number)
#: must not freeze the laptop. No real roster comes near it.
MAX_INSTANCES = 1000


# -- the expanded tree (cached until the instance counts change) --------------------------
def expanded(iv: Interview) -> list[tuple]:
    cached = iv.__dict__.get("_expanded")
    if cached is None or cached[0] != iv._tree_version or cached[1] is not iv.form:
        structure = iv.structure
        # a form without repeats has one tree for all its interviews (a paper import of
        # 20,000 rows used to build it 20,000 times); callers only read it
        shared = structure.static_tree or structure.template("tree", iv.counts, lambda: tree_tables(
            structure, list(expand(structure, iv.form.root, "", iv.instance_count))))
        cached = (iv._tree_version, iv.form, *shared)
        iv.__dict__["_expanded"] = cached
    return cached[2]


def tree_tables(structure: _Structure, items: list[tuple]) -> tuple[list[tuple], dict[str, Question], list]:
    """The expanded node list, its questions by field key, and the stored fields."""
    fields_ = {key: node for kind, node, _i, key, _p in items if kind == QUESTION}
    sealed = structure.sealed
    stored = [(key, node.name in sealed, node.not_recorded) for key, node in fields_.items() if node.stored]
    return items, fields_, stored


def fields(iv: Interview) -> dict[str, Question]:
    """Field key -> the form's question, for every question of every instance."""
    expanded(iv)
    return iv.__dict__["_expanded"][3]


def stored_fields(iv: Interview) -> list[tuple[str, bool, bool]]:
    """(field key, sealed?, not recorded?) of every stored field of every instance."""
    expanded(iv)
    return iv.__dict__["_expanded"][4]


def all_instances(iv: Interview) -> list[str]:
    if not iv.structure.repeats:
        return []
    return [inst for kind, _n, inst, _k, _p in expanded(iv) if kind == INSTANCE]


def instances_in_keys(keys: Iterable[str]) -> list[str]:
    """The instance paths that field keys name (``r[2]/s[1]/x`` -> ``r[2]``, ``r[2]/s[1]``)."""
    out: set[str] = set()
    for key in keys:
        instance = split_key(key)[0]
        while instance:
            out.add(instance)
            instance = parent_instance(instance)
    return sorted(out, key=sort_key)


def counts_of(structure: _Structure, instances: Iterable[str]) -> dict[str, int]:
    """Instance counts from instance paths (the highest index of each repeat wins)."""
    counts: dict[str, int] = {}
    for instance in instances:
        try:
            rep, index = last_step(instance)
        except ValueError:
            continue
        if rep not in structure.repeats:
            continue
        key = field_key(parent_instance(instance), rep)
        counts[key] = max(counts.get(key, 0), index)
    return counts


def initial_instances(iv: Interview) -> None:
    """One instance of each repeat the interviewer controls, at the top level and inside
    each initial instance (what pyxform's primary instance holds)."""
    def fill(group: Group, instance: str) -> None:
        for child in group.children:
            if not isinstance(child, Group):
                continue
            if child.repeat:
                if child.repeat_count is None:
                    iv.counts[field_key(instance, child.name)] = 1
                    fill(child, child_instance(instance, child.name, 1))
            else:
                fill(child, instance)

    fill(iv.form.root, "")
    iv._tree_changed()


# -- defaults ------------------------------------------------------------------------------
def _takes_default(q: Question) -> bool:
    return q.holds_answer or q.type == "calculate"


def apply_defaults(iv: Interview, only: set[str] | None = None) -> None:
    """Static defaults (checked by the reader), then dynamic ones (expressions, evaluated
    once, as pyxform's odk-instance-first-load / odk-new-repeat setvalue). ``only``: the
    instances just added (None: the whole interview at its start). A dynamic default that
    gives no valid answer leaves the question blank: never an exception."""
    dynamic = iv.structure.dynamic_defaults
    targets = [(key, q) for key, q in fields(iv).items()
               if q.default not in (None, "") and _takes_default(q)
               and (only is None or split_key(key)[0] in only)]
    for key, q in targets:
        if q.name in dynamic:
            continue
        try:
            value = iv._coerce(q, q.default)
        except (ValueError, TypeError):  # noqa: S112 - the reader refused invalid defaults
            continue
        if value is not None:
            iv.values[key] = value
    for key, q in targets:
        if q.name not in dynamic:
            continue
        try:
            raw = parse(q.default).evaluate(_Context(iv.values, "", None, iv).at(key))
            value = iv._coerce(q, raw if q.type in ("integer", "decimal", "range")
                               and not isinstance(raw, str) else to_string(raw))
        except Exception:  # noqa: BLE001, S112 - a default never crashes the interview
            continue
        if value is not None:
            iv.values[key] = value


# -- recomputation ---------------------------------------------------------------------------
def _truthy(expression: str, ctx: _Context, memo=None) -> bool:
    """A relevance as a boolean; ``memo``: a bulk validation's (``fieldapp.engine._memo``)."""
    def truthy() -> bool:
        try:
            return bool(to_bool(parse(expression).evaluate(ctx)))
        except Exception:  # noqa: BLE001 - ODK: an expression that fails is false
            return False

    return truthy() if memo is None else memo.get("truthy", expression, ctx, truthy)


#: A calculation that raised (``_calculated``), as a bulk validation's memo keeps it.
_FAILED = object()


def _calculated(iv: Interview, node: Question, ctx: _Context, memo) -> Any:
    """A calculation's stored value (None when it fails or gives nothing)."""
    def raw() -> Any:
        try:
            return parse(node.calculation).evaluate(ctx)
        except Exception:  # noqa: BLE001 - a calculation that fails gives no value
            return _FAILED

    value = raw() if memo is None else memo.get("calculate", node.calculation, ctx, raw)
    if value is _FAILED:
        return None
    try:
        return computed_value(iv, node, value)
    except Exception:  # noqa: BLE001
        return None


def _count(expression: str, ctx: _Context) -> int:
    """A ``repeat_count`` as a number of instances: NaN, negative or failing -> 0."""
    try:
        n = to_number(parse(expression).evaluate(ctx))
    except Exception:  # noqa: BLE001 - a count that fails gives no instances
        return 0
    if n != n or n <= 0:
        return 0
    return int(min(n, MAX_INSTANCES))


def recompute(iv: Interview) -> None:
    """Relevance, calculations and computed repeat counts to a fixed point (calculation
    cycles are form errors).

    A non-relevant answer is kept (restored if the question becomes relevant again) but
    reads as '' and is excluded from the record (``field_states``); a non-relevant sealed
    answer is dropped, since it could never be shown again to be confirmed. A computed
    count that changes adds or removes instances and starts the pass again.
    """
    computed = iv.structure.computed
    memo = iv.__dict__.get("_eval_memo")
    passes = 0
    while True:
        items = expanded(iv)
        passes += 1
        if passes > 2 * len(items) + 20:
            return  # a count that keeps changing itself: stop, keep what was reached
        relevance: dict[str, bool] = dict(iv.__dict__.get("_last_relevance", {}))
        iv.relevance = relevance
        # the context reads live values and relevance: each node sees what the nodes before
        # it decided in this pass (and the pass repeats until nothing changes)
        ctx = _Context(iv.values, "", None, iv)
        changed = restart = False
        for kind, node, instance, key, parent in items:
            parent_ok = parent is None or relevance.get(parent, True)
            if kind == REPEAT:
                node_ctx = ctx.at_node(node.name, instance)
                relevance[key] = parent_ok and (not node.relevant or _truthy(node.relevant, node_ctx, memo))
                if node.repeat_count is not None and parent_ok:
                    collection = key[len("repeat:"):]
                    n = _count(node.repeat_count, node_ctx)
                    if n != iv.counts.get(collection, 0):
                        set_count(iv, collection, node, n)
                        restart = True
                        break
                continue
            ok = parent_ok and (not node.relevant or _truthy(node.relevant, ctx.at_node(node.name, instance), memo))
            if kind != QUESTION:
                relevance[key] = ok
                continue
            step_changed = relevance.get(key, True) != ok
            relevance[key] = ok
            if node.name in computed:
                new = _calculated(iv, node, ctx.at_node(node.name, instance), memo) if ok else None
                if iv.values.get(key) != new:
                    step_changed = True
                    if new is None:
                        iv.values.pop(key, None)
                    else:
                        iv.values[key] = new
            elif not ok and key in iv.sealed:
                del iv.sealed[key]
                step_changed = True
            changed = changed or step_changed
        iv.__dict__["_last_relevance"] = dict(relevance)
        iv.__dict__["_recomputed"] = iv.__dict__.get("_recomputed", 0) + 1
        if not restart and (not changed or iv.structure.one_pass):
            return  # one_pass: nothing reads forward, so this pass already is the fixed point


def computed_value(iv: Interview, q: Question, raw: Any) -> Any:
    """A calculation's result as stored: as the question's type where it has one (a date
    question's calculation stores its ISO date), else normalised text/number."""
    value = _normalise_calc(raw)
    if isinstance(value, _dt.datetime) and q.type != "date":
        value = value.replace(microsecond=0, tzinfo=None).isoformat()  # keeps the time
    if value is None or not q.holds_answer:
        if isinstance(value, _dt.date):
            return value.isoformat()
        return value
    try:
        return iv._coerce(q, value if isinstance(value, int | float) else to_string(value))
    except (ValueError, TypeError):
        return None


def _normalise_calc(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return int(value)
    return value


# -- adding and removing instances -------------------------------------------------------------
def set_count(iv: Interview, collection: str, repeat: Group, n: int) -> None:
    """Make the repeat ``collection`` (its key in the parent instance) have ``n`` instances,
    adding at the end (with their defaults) or removing from the end."""
    current = iv.counts.get(collection, 0)
    parent = split_key(collection)[0]
    if n > current:
        iv.counts[collection] = n
        iv._tree_changed()
        added = {child_instance(parent, repeat.name, i) for i in range(current + 1, n + 1)}
        apply_defaults(iv, only=added)
    elif n < current:
        for i in range(current, n, -1):
            _drop(iv, collection, i)
        iv.counts[collection] = n
        iv._tree_changed()


def _repeat_here(iv: Interview, repeat: str, parent: str) -> Group:
    structure = iv.structure
    group = structure.repeats.get(repeat)
    reps = structure.repeat_path.get(repeat)
    ok = group is not None and reps is not None
    if ok:
        if parent:
            try:
                parent_steps = steps(parent)
            except ValueError:
                parent_steps = []
            ok = (bool(parent_steps) and bool(reps) and parent_steps[-1][0] == reps[-1]
                  and parent in set(all_instances(iv)))
        else:
            ok = not reps
    if not ok:
        raise UserFacingError("repeat.not_a_repeat", form=iv.form.form_id, repeat=field_key(parent, repeat))
    return group  # type: ignore[return-value]


def add_instance(iv: Interview, repeat: str, parent: str = "") -> str:
    if iv.status != "draft":
        raise UserFacingError("interview.finalized")
    group = _repeat_here(iv, repeat, parent)
    if group.fixed_count:
        raise UserFacingError("repeat.fixed", repeat=repeat)
    collection = field_key(parent, repeat)
    n = iv.counts.get(collection, 0)
    if n >= MAX_INSTANCES:
        raise UserFacingError("repeat.too_many", limit=MAX_INSTANCES)
    with iv.changing():
        iv.counts[collection] = n + 1
        iv._tree_changed()
        new = child_instance(parent, repeat, n + 1)
        apply_defaults(iv, only={new})
        iv._recompute()
    return new


def remove_instance(iv: Interview, instance: str) -> None:
    if iv.status != "draft":
        raise UserFacingError("interview.finalized")
    if instance not in set(all_instances(iv)):
        raise UserFacingError("repeat.no_instance", instance=instance)
    repeat, index = last_step(instance)
    parent = parent_instance(instance)
    group = _repeat_here(iv, repeat, parent)
    if group.fixed_count:
        raise UserFacingError("repeat.fixed", repeat=repeat)
    collection = field_key(parent, repeat)
    with iv.changing():
        moved = _position_after_removal(iv, instance, collection, index)
        _drop(iv, collection, index)
        iv.counts[collection] = iv.counts.get(collection, 1) - 1
        iv.__dict__.pop("_last_relevance", None)
        iv._tree_changed()
        iv.position = moved
        iv._recompute()


def _position_after_removal(iv: Interview, instance: str, collection: str, index: int) -> str:
    position = iv.position
    shifted = _shift(position, collection, index)
    if shifted is None:  # the page was inside the removed instance: back to its roster
        return f"r:{collection}"
    return shifted


def _drop(iv: Interview, collection: str, index: int) -> None:
    """Remove instance ``index`` of ``collection`` from every keyed state; later ones move up."""
    iv.values = _rekey(iv.values, collection, index)
    iv.sealed = _rekey(iv.sealed, collection, index)
    iv._refused = _rekey(iv._refused, collection, index)
    iv.relevance = _rekey(iv.relevance, collection, index)
    counts = {k: v for k, v in iv.counts.items() if k != collection}
    counts = _rekey(counts, collection, index)
    if collection in iv.counts:
        counts[collection] = iv.counts[collection]
    iv.counts = counts


def _rekey(mapping: dict, collection: str, index: int) -> dict:
    out = {}
    for key, value in mapping.items():
        new = _shift(key, collection, index)
        if new is not None:
            out[new] = value
    return out


_PREFIXES = ("group:", "repeat:", "q:", "g:", "r:")


def _shift(key: str, collection: str, index: int) -> str | None:
    """``key`` after instance ``index`` of ``collection`` is removed: None when it was inside
    that instance, renumbered when inside a later one, else unchanged."""
    prefix = ""
    body = key
    for p in _PREFIXES:
        if key.startswith(p):
            prefix, body = p, key[len(p):]
            break
    head = collection + "["
    if not body.startswith(head):
        return key
    number, bracket, tail = body[len(head):].partition("]")
    if not bracket or not number.isdigit() or (tail and not tail.startswith("/")):
        return key
    j = int(number)
    if j < index:
        return key
    if j == index:
        return None
    return f"{prefix}{collection}[{j - 1}]{tail}"


# -- saving a change -----------------------------------------------------------------------------
class Change:
    """``with iv.changing():`` compares field states and instances before and after and hands
    the difference to the sink in one call (one transaction)."""

    def __init__(self, iv: Interview) -> None:
        self.iv = iv
        self.forced: set[str] = set()

    def __enter__(self) -> Change:
        self.before = self.iv._states()
        self.before_instances = set(all_instances(self.iv))
        return self

    def force(self, key: str) -> None:
        """Save ``key`` even if its state looks unchanged (a new ciphertext)."""
        self.forced.add(key)

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is not None:
            return False
        from fieldapp.engine.interview import FieldState

        iv = self.iv
        after = iv._states()
        before = self.before
        changes: dict[str, FieldState | None] = {
            k: FieldState(*v) for k, v in after.items() if before.get(k) != v}
        for key in self.forced:
            if key in after:
                changes[key] = FieldState(*after[key])
        for key in before.keys() - after.keys():
            changes[key] = None
        now = set(all_instances(iv))
        instances = None
        if now != self.before_instances:
            instances = (sorted(now - self.before_instances, key=sort_key),
                         sorted(self.before_instances - now, key=sort_key))
        if iv.sink is not None and (changes or instances):
            if instances is None:
                iv.sink.save_changes(iv, changes)
            else:
                iv.sink.save_changes(iv, changes, instances)
        return False


# -- the finalized record ---------------------------------------------------------------------
def record_parts(iv: Interview, pairs: bool = False) -> tuple[list[str], dict[str, Any], dict[str, bytes]]:
    """The instances, field states and sealed answers a finalized record keeps.

    JavaRosa submits no non-relevant node, so a repeat instance that is not relevant (the
    detention-episode repeat of a respondent never detained still holds the instance
    pyxform's primary instance starts with) is not part of the record, nor is anything
    inside it; the instances kept are numbered 1, 2, ... again in each repeat, as the
    submission's positions number them. Without this every such respondent added an empty
    entry to the repeat's tables.

    ``pairs``: the states as (value, status) pairs (``Interview._states``), for a bulk insert
    that would only take the FieldStates apart again.
    """
    instances = iv.instances()
    states: dict[str, Any] = iv._states() if pairs else iv.field_states()
    # a sealed answer is kept only where its question is (as the autosave keeps it)
    sealed = {k: b for k, b in iv.sealed.items() if iv.is_sealed_field(k) and iv.is_relevant(k)}
    relevance = iv.relevance
    kept = [i for i in instances if relevance.get("group:" + i, True)]
    if len(kept) == len(instances):
        return instances, states, sealed
    new_path: dict[str, str] = {"": ""}
    next_index: dict[str, int] = {}
    for inst in sorted(kept, key=sort_key):
        parent = parent_instance(inst)
        if parent not in new_path:  # inside a dropped instance
            continue
        rep = last_step(inst)[0]
        collection = field_key(new_path[parent], rep)
        next_index[collection] = next_index.get(collection, 0) + 1
        new_path[inst] = child_instance(new_path[parent], rep, next_index[collection])

    def moved(key: str) -> str | None:
        instance, name = split_key(key)
        target = new_path.get(instance)
        return None if target is None else field_key(target, name)

    out_states = {m: st for k, st in states.items() if (m := moved(k)) is not None}
    out_sealed = {m: blob for k, blob in sealed.items() if (m := moved(k)) is not None}
    out_instances = sorted((new_path[i] for i in new_path if i), key=sort_key)
    return out_instances, out_states, out_sealed
