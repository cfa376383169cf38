"""What an expression sees during an interview (the engine's ``EvalContext``).

Values reach expressions typed as JavaRosa types them (dates as dates, numbers as numbers);
a non-relevant question reads as '' (JavaRosa's getRefValue), though its value is kept; a
sealed one reads as ''. Location paths are resolved through ``fieldapp.forms.paths``, and
``instance('name')/root/item[...]`` reads an attached file or a choice list.

Repeats (issue #13) follow JavaRosa's ``TreeReference.contextualize``: a reference is first
resolved to a node of the form, then bound to repeat instances from the context node. An
absolute reference (``${x}``, ``/data/r/x``) takes the context's instance at every repeat it
shares with the context, so ``${x}`` inside ``members[2]`` means ``members[2]/x``; a
relative one (``../x``) only above the level its ``..`` steps climb to. A repeat step left
unbound (or with a predicate, ``r[2]``, ``r[age > 3]``) selects the instances it names, so
``count(${x})`` from outside the repeat counts every instance. A path that selects more than
one node where one value is needed is an error, as in JavaRosa ("This field is repeated").
"""

from __future__ import annotations

import datetime as _dt
import functools
from typing import TYPE_CHECKING, Any

from fieldapp.forms.instances import child_instance, field_key, split_key, steps

if TYPE_CHECKING:
    from fieldapp.engine.interview import Interview


class RepeatedValue(ValueError):
    """A reference that selects several repeat instances was used as one value."""


class _Context:
    """Expression context over the interview's current values (ODK: unanswered is '').

    ``node`` is the key of the question or group whose expression is evaluated and
    ``instance`` the repeat instance it is in (for a repeat instance itself: its own path):
    ``.``/``current()``, relative paths and ``once()`` start there.
    """

    def __init__(self, values: dict[str, Any], current: Any = "", node: str | None = None,
                 interview: Interview | None = None, instance: str = "",
                 position: int | None = None, origin: tuple[str | None, str] | None = None) -> None:
        self._values = values
        self._current = current
        self._node = node
        self._iv = interview
        self._instance = instance
        self._position = position  # inside a path predicate: the candidate's position
        #: the node whose expression this is (``current()``), when this context is a predicate's
        self._origin = origin if origin is not None else (node, instance)

    def at(self, key: str | None, current: Any = "") -> _Context:
        """The context of the question with field key ``key`` (``members[2]/age``)."""
        if key is None or "]/" not in key:
            return _Context(self._values, current, key, self._iv)
        instance, name = split_key(key)
        return _Context(self._values, current, name, self._iv, instance)

    def at_node(self, node: str, instance: str, current: Any = "", position: int | None = None) -> _Context:
        """The context of form node ``node`` in ``instance`` (a group or repeat instance too)."""
        return _Context(self._values, current, node, self._iv, instance, position)

    def _in_predicate(self, node: str, instance: str, position: int) -> _Context:
        """The context of one candidate of a path predicate: ``current()`` stays this one's."""
        return _Context(self._values, self._current, node, self._iv, instance, position, self._origin)

    @property
    def field(self) -> str | None:
        """The field key of the context node (None at the root; a repeat instance's path)."""
        if self._node is None:
            return None
        if self._is_instance_node():
            return self._instance
        return field_key(self._instance, self._node)

    # -- reading values -----------------------------------------------------------------
    def read(self, key: str) -> Any:
        """The value of the field ``key`` as expressions see it."""
        iv = self._iv
        v = self._values.get(key)
        if iv is None:
            return self._metadata(key) if v is None else v
        structure = iv.structure
        if v is not None and (not iv.relevance.get(key, True) or (structure.sealed and iv.is_sealed_field(key))):
            v = None  # non-relevant (kept, read as '') or sealed (unreadable here)
        if v is None:
            return self._metadata(key)
        if isinstance(v, str) and structure.dated:
            return _typed(iv, key, v)
        return v

    def value(self, name: str) -> Any:
        iv = self._iv
        if iv is None:
            return self.read(name)
        structure = iv.structure
        if not structure.repeats:
            return self.read(name)
        reps = structure.repeat_path.get(name)
        if reps is None or (not reps and name not in structure.repeats):
            return self.read(name)  # outside every repeat: one node
        if self._node is not None and self._instance and name not in structure.repeats:
            keys = _binding(structure, self._node, name, True, 0, True)
            if len(keys) == len(reps) and self._instance.count("/") + 1 >= len(reps):
                # bound at every repeat around it: the one node in the context's instance
                return self.read(field_key(_truncate(self._instance, len(reps)), name))
        keys = self._bound_keys(name, absolute=True, ref_level=0, predicates={}, ref=True)
        return self._one([self._node_value(k, n) for k, n in keys], name)

    def repeat_values(self, name: str) -> list:
        """Every value ``${name}`` selects from here (one per repeat instance it is in)."""
        iv = self._iv
        if iv is None or not iv.structure.repeats:
            v = self.read(name)
            return [] if v in (None, "") else [v]
        keys = self._bound_keys(name, absolute=True, ref_level=0, predicates={}, ref=True, nodeset=True)
        return [self._node_value(k, n) for k, n in keys]

    def _node_value(self, key: str, node: str) -> Any:
        iv = self._iv
        if iv is not None and node not in iv.structure.questions:
            return ""  # a group or repeat instance: its text is rarely used
        return self.read(key)

    @staticmethod
    def _one(values: list, what: str) -> Any:
        if not values:
            return ""
        if len(values) > 1:
            raise RepeatedValue(what)
        return values[0]

    def _metadata(self, key: str) -> Any:
        iv = self._iv
        q = iv.structure.question_of(key) if iv is not None else None
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
        v = self._iv.values.get(field_key(self._instance, self._node))
        return "" if v is None else v

    def today(self) -> _dt.date:
        return _dt.date.today()

    # -- location paths -----------------------------------------------------------------
    def path_values(self, path) -> list:
        iv = self._iv
        if iv is None:
            return []
        if path.instance_name is not None:
            return _instance_values(iv, path, self)
        return [self._node_value(k, n) for k, n in self._path_keys(path, nodeset=True)]

    def path_value(self, path) -> Any:
        """The one value a path gives where a value is needed (XPath string(), JavaRosa's
        unpack: an error when it selects several repeat instances)."""
        if path.instance_name is not None:
            values = self.path_values(path)
            return values[0] if values else ""
        return self._one([self._node_value(k, n) for k, n in self._path_keys(path)], "path")

    def _path_keys(self, path, nodeset: bool = False) -> list[tuple[str, str]]:
        iv = self._iv
        if iv is None:
            return []
        ctx = self._from_current() if _starts_at_current(path) else self
        resolved = _resolve(iv, path, ctx._node, ctx._instance, ctx._is_instance_node())
        if resolved is None:
            return []
        target, absolute, ref_level, predicates = resolved
        return ctx._bound_keys(target, absolute, ref_level, predicates, nodeset=nodeset)

    def _from_current(self) -> _Context:
        """The context ``current()`` names: the node whose expression is evaluated, also
        inside a predicate (XPath's current())."""
        node, instance = self._origin
        if (node, instance) == (self._node, self._instance):
            return self
        return _Context(self._values, self._current, node, self._iv, instance)

    def _is_instance_node(self) -> bool:
        """True when the context node is a repeat instance (its own last step)."""
        node, instance = self._node, self._instance
        return bool(node and instance and (instance.endswith("]") and
                    instance.rsplit("/", 1)[-1].split("[", 1)[0] == node))

    def _bound_keys(self, target: str, absolute: bool, ref_level: int, predicates: dict[str, list],
                    ref: bool = False, nodeset: bool = False) -> list[tuple[str, str]]:
        """The (field key, node key) pairs of the relevant nodes the reference to ``target``
        selects from here (JavaRosa drops non-relevant nodes from every node-set).

        ``ref``: a ``${name}`` reference, which binds as pyxform writes it (``_binding``).
        ``nodeset``: read as a node-set (``count()``, ``sum()`` ...): a repeat the context is
        in is then not bound to the context's own instance, so ``count(${r})`` inside ``r``
        counts every instance (what JavaRosa's own tests expect of it)."""
        iv = self._iv
        if iv is None:
            return []
        structure = iv.structure
        reps = structure.repeat_path.get(target)
        if reps is None:
            return [(target, target)]  # not a node of the form: reads as ''
        is_repeat = target in structure.repeats
        repeat_steps = reps + ((target,) if is_repeat else ())
        if not repeat_steps:
            return [(target, target)]
        bound = self._bind(target, absolute, ref_level, ref)
        if nodeset and is_repeat:
            bound.pop(target, None)
        relevance = iv.relevance
        return [(k, n) for k, n in self._instances_of(target, repeat_steps, bound, predicates, is_repeat)
                if relevance.get(k if not is_repeat else "group:" + k, True)]

    def _bind(self, target: str, absolute: bool, ref_level: int, ref: bool = False) -> dict[str, int]:
        """JavaRosa's contextualize: the indices the context gives the target's repeats."""
        if self._node is None or not self._instance:
            return {}
        keys = _binding(self._iv.structure, self._node, target, absolute, ref_level, ref)
        if not keys:
            return {}
        index = _indices(self._instance)
        return {k: index[k] for k in keys if k in index}

    def _instances_of(self, target: str, repeat_steps: tuple[str, ...], bound: dict[str, int],
                      predicates: dict[str, list], is_repeat: bool) -> list[tuple[str, str]]:
        iv = self._iv
        prefixes = [""]
        for rep in repeat_steps:
            preds = predicates.get(rep)
            out = []
            for parent in prefixes:
                n = iv.instance_count(field_key(parent, rep))
                if preds:
                    chosen = self._filter(rep, parent, n, preds)
                elif rep in bound:
                    chosen = [bound[rep]] if bound[rep] <= n else []
                else:
                    chosen = list(range(1, n + 1))
                out.extend(child_instance(parent, rep, i) for i in chosen)
            prefixes = out
        if is_repeat:
            return [(p, target) for p in prefixes]
        return [(field_key(p, target), target) for p in prefixes]

    def _filter(self, rep: str, parent: str, n: int, predicates: list) -> list[int]:
        from fieldapp.forms.expressions import to_bool

        chosen = list(range(1, n + 1))
        for predicate in predicates:
            kept = []
            for position, i in enumerate(chosen, start=1):
                ctx = self._in_predicate(rep, child_instance(parent, rep, i), position)
                value = predicate.evaluate(ctx)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    ok = value == position
                else:
                    ok = to_bool(value)
                if ok:
                    kept.append(i)
            chosen = kept
        return chosen

    def column(self, name: str) -> Any:
        """A bare name: the child ``name`` of the context node (``kids[age > 3]``)."""
        iv = self._iv
        if iv is None or self._node is None:
            return ""
        from fieldapp.forms.paths import FormIndex

        child = FormIndex.of(iv.form).children.get(self._node, {}).get(name)
        if child is None or child not in iv.structure.questions:
            return ""
        instance = self._instance if (self._is_instance_node() or self._node not in iv.structure.repeats) \
            else ""
        return self.read(field_key(instance, child))

    # -- repeat functions ---------------------------------------------------------------
    def position(self, arg) -> int:
        """``position(..)``: the position of the repeat instance ``arg`` selects (1 for any
        other node); ``position()`` in a predicate: the candidate's position."""
        if arg is None:
            if self._position is not None:
                return self._position
            return self._index_of(self._node, self._instance)
        keys = self._ref_keys(arg)
        if not keys:
            return 1
        key, node = keys[0]
        return self._index_of(node, key)

    def _index_of(self, node: str | None, key: str) -> int:
        if node and key and key.endswith("]") and key.rsplit("/", 1)[-1].split("[", 1)[0] == node:
            return steps(key)[-1][1]
        return 1

    def _ref_keys(self, arg) -> list[tuple[str, str]]:
        from fieldapp.forms.expressions import Path, Ref

        if isinstance(arg, Path):
            return self._path_keys(arg)
        if isinstance(arg, Ref) and self._iv is not None:
            return self._bound_keys(arg.name, True, 0, {}, ref=True)
        return []

    def indexed_repeat(self, args) -> Any:
        """``indexed-repeat(target, repeat1, index1, ...)`` as JavaRosa: the target
        contextualized from here, with each named repeat's index set."""
        from fieldapp.forms.expressions import Path, Ref, to_number

        iv = self._iv
        if iv is None or not iv.structure.repeats:
            return None
        target_arg = args[0]
        if isinstance(target_arg, Ref):
            target, absolute, ref_level, predicates = target_arg.name, True, 0, {}
        elif isinstance(target_arg, Path) and target_arg.instance_name is None:
            resolved = _resolve(iv, target_arg, self._node, self._instance, self._is_instance_node())
            if resolved is None:
                return ""
            target, absolute, ref_level, predicates = resolved
        else:
            raise ValueError("indexed-repeat(): the first argument must be a reference")
        structure = iv.structure
        reps = structure.repeat_path.get(target, ())
        bound = self._bind(target, absolute, ref_level)
        for i in range(1, len(args) - 1, 2):
            rep = self._repeat_named(args[i])
            if rep is None or rep not in reps:
                raise ValueError("indexed-repeat(): a repeat argument is not around the target")
            index = to_number(args[i + 1].evaluate(self))
            bound[rep] = max(1, int(index)) if index == index else 1
        keys = self._instances_of(target, reps, bound, predicates, False) if reps else [(target, target)]
        return self._one([self._node_value(k, n) for k, n in keys], "indexed-repeat")

    def _repeat_named(self, arg) -> str | None:
        from fieldapp.forms.expressions import Path, Ref

        if isinstance(arg, Ref):
            return arg.name
        if isinstance(arg, Path) and self._iv is not None:
            resolved = _resolve(self._iv, arg, self._node, self._instance, self._is_instance_node())
            return resolved[0] if resolved else None
        return None

    # -- other sources ------------------------------------------------------------------
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
        return self._iv.random_source(self.field) if self._iv is not None else None

    def form_version(self) -> str:
        return self._iv.form.version if self._iv is not None else ""


@functools.lru_cache(maxsize=8192)
def _truncate(instance: str, depth: int) -> str:
    """The first ``depth`` steps of an instance path."""
    return "/".join(instance.split("/")[:depth])


def _starts_at_current(path) -> bool:
    base = path.base
    return base is not None and getattr(base, "name", None) == "current"


@functools.lru_cache(maxsize=4096)
def _indices(instance: str) -> dict[str, int]:
    """``'r[2]/s[1]'`` -> ``{'r': 2, 's': 1}`` (cached: the same few paths recur; read-only)."""
    return dict(steps(instance))


def _binding(structure, node: str, target: str, absolute: bool, ref_level: int, ref: bool) -> tuple[str, ...]:
    """Which of the context's repeats a reference to ``target`` from ``node`` is bound to.

    JavaRosa (TreeReference.contextualize) binds the steps the context shares with the
    target: every shared step for an absolute path, those above the level its leading
    ``..`` climb to for a relative one. ``${name}`` is bound as pyxform writes it: relative
    to the lowest common ancestor when the two share a repeat around the target (so the
    target itself is never bound), else absolute (so ``count(${r})`` inside ``r`` is 1, as in
    JavaRosa). Cached per form.
    """
    cache = structure.__dict__.setdefault("_bindings", {})
    key = (node, target, absolute, ref_level, ref)
    found = cache.get(key)
    if found is not None:
        return found
    ctx_chain = structure.chain.get(node, ())
    chain = structure.chain.get(target, ())
    limit = len(ctx_chain) if absolute else len(ctx_chain) - ref_level
    shared = []
    for i, k in enumerate(ctx_chain):
        if i >= len(chain) or chain[i] != k or i >= limit:
            break
        shared.append(k)
    if ref:
        around_target = set(structure.repeat_path.get(target, ()))
        around_node = set(structure.repeat_path.get(node, ())) | ({node} if node in structure.repeats else set())
        if around_target & around_node:
            shared = [k for k in shared if k != target]  # pyxform: relative, up to the LCA
    found = tuple(k for k in shared if k in structure.repeats)
    cache[key] = found
    return found


def _resolve(iv: Interview, path, node: str | None, instance: str, is_instance: bool):
    """(target key, absolute, number of leading ``..``, predicates by step key) of a main-
    instance path from the context node, or None when it selects no node of the form."""
    from fieldapp.forms.paths import FormIndex

    index = FormIndex.of(iv.form)
    key = index.resolve(path, node)
    if key is None:
        return None
    ref_level = 0
    if not path.absolute:
        for step in path.steps:
            if step.name == "..":
                ref_level += 1
            elif step.name != ".":
                break
    predicates: dict[str, list] = {}
    if any(s.predicates for s in path.steps):
        predicates = _step_predicates(index, path, node)
    return key, path.absolute, ref_level, predicates


def _step_predicates(index, path, node: str | None) -> dict[str, list]:
    """The predicates of each named step, by the key of the node the step reaches."""
    out: dict[str, list] = {}
    steps_ = list(path.steps)
    if path.absolute:
        steps_ = steps_[1:]
        current: str | None = None
    else:
        current = node
    for step in steps_:
        if step.name == ".":
            continue
        if step.name == "..":
            current = index.parent.get(current) if current is not None else None
            continue
        current = index.children.get(current, {}).get(step.name)
        if current is None:
            return out
        if step.predicates:
            out[current] = list(step.predicates)
    return out


def _typed(iv: Interview | None, name: str, value: Any) -> Any:
    """A stored answer as JavaRosa hands it to XPath: dates as dates, the rest as stored."""
    if iv is None or not isinstance(value, str):
        return value
    q = iv.structure.question_of(name)
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
    steps_ = list(path.steps)
    if steps_ and steps_[0].name == "root":
        steps_ = steps_[1:]
    if not steps_ or steps_[0].name != "item":
        return []
    for predicate in steps_[0].predicates:
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
    if len(steps_) == 1:
        return [r.get("name", "") for r in rows]
    column = steps_[1].name
    return [r.get(column, "") for r in rows]


class _Row:
    """A secondary-instance item as a choice for ``ChoiceContext`` (bare names: its columns)."""

    def __init__(self, row: dict[str, str]) -> None:
        self.name = row.get("name", "")
        self.extra = row
