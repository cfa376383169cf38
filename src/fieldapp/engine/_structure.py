"""What the engine derives once per form, and the form tree expanded over repeat instances.

A form is immutable, so its nodes, lookups and repeat nesting are computed once
(``_Structure.of``). An interview's **instance tree** is that form tree with each repeat
expanded into its instances (``forms.instances``: ``members[2]``, ``members[2]/visits[1]``);
``expand`` lists every node instance in form order, the order JavaRosa evaluates in, and
``pages`` the screens. Both depend only on how many instances each repeat has, so an
interview caches them until that changes.

Relevance keys (``Interview.relevance``): a question's field key (``age``,
``members[2]/age``); ``group:`` + a group's key in its instance (``group:g``,
``group:members[2]/g``); ``group:`` + the instance path for a repeat instance
(``group:members[2]``); ``repeat:`` + the repeat's key in its parent instance for the
repeat as a whole, i.e. its roster (``repeat:members``, ``repeat:members[2]/visits``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fieldapp.forms.instances import child_instance, field_key
from fieldapp.forms.model import METADATA_TYPES, Form, Group, Question

#: Kinds of node instance in ``expand``'s output.
QUESTION, GROUP, INSTANCE, REPEAT = "q", "g", "i", "r"


@dataclass(frozen=True)
class Page:
    """One screen: a single question, every question of a field-list group, or a roster.

    Inside a repeat instance the questions are *bound* to it: copies of the form's
    questions whose ``name`` is the field key (``members[2]/age``), so a screen shows,
    answers and checks them by ``question.name`` as it does outside repeats. A roster page
    (``repeat`` set, key ``r:`` + the repeat's key in its parent instance) lists a repeat's
    instances (``Interview.roster``) and has no questions.
    """

    key: str
    questions: tuple[Question, ...]
    group: Group | None = None
    #: The repeat instance the page belongs to ('' outside repeats; for a roster page, the
    #: instance the repeat is in).
    instance: str = ""
    #: For a roster page: the repeat it lists.
    repeat: Group | None = None
    #: The relevance key that decides the page as a whole (its roster, field-list group or
    #: instance), None when only its questions decide.
    gate: str | None = None

    @property
    def is_roster(self) -> bool:
        return self.repeat is not None

    @property
    def fields(self) -> tuple[str, ...]:
        """The field keys of the page's questions (their ``name``)."""
        return tuple(q.name for q in self.questions)


def shown(q: Question) -> bool:
    # background-audio is on no page: it records the whole interview while the form is open
    # (fieldapp.ops.background), shown by the interview page's recording indicator instead.
    return q.type not in ("calculate", "background-audio") and q.type not in METADATA_TYPES


def computed(q: Question) -> bool:
    return q.calculation is not None and (q.type == "calculate" or q.holds_answer or q.type == "note")


@dataclass(frozen=True)
class _Structure:
    """Nodes, lookups and repeat nesting of one form."""

    nodes: tuple
    questions: dict[str, Question]
    stored: tuple[Question, ...]  # fields that get a stored value and status
    sealed: frozenset[str]  # question keys sealed to the coordinator at entry
    computed: frozenset[str]  # calculate/hidden and any question with a calculation
    dynamic_defaults: frozenset[str]  # defaults that are expressions, evaluated at start
    choice_names: dict[str, tuple[str, ...]]  # list name -> its choice names
    repeats: dict[str, Group]  # repeat key -> the repeat
    #: node key -> keys of the repeats around it, outermost first (a repeat: not itself)
    repeat_path: dict[str, tuple[str, ...]]
    #: node key -> the keys from the root's child down to the node itself
    chain: dict[str, tuple[str, ...]]
    #: node key -> the key of the group around it (None at the root)
    parent_group: dict[str, str | None]
    groups: dict[str, Group]
    #: the flat page list of a form without repeats (its pages never change)
    static_pages: tuple[Page, ...] | None
    #: bound copies of questions, by field key (made on demand)
    bound: dict[str, Question]
    #: True when the form has date or dateTime questions (read as dates by expressions)
    dated: bool = True
    #: a form without repeats: its expanded tree (``_tree.tree_tables``), which never changes
    static_tree: tuple | None = None
    #: True when one recomputation pass in form order reaches the fixed point (``one_pass``)
    one_pass: bool = False
    #: a form with repeats: expanded trees and page lists by instance counts
    #: (``counts_key``), shared by the interviews that have the same counts (every row of a
    #: paper import without entries, say); callers only read them
    templates: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def template(self, what: str, counts: dict[str, int], build: Callable[[], object]) -> object:
        """The ``what`` ("tree" or "pages") for these instance counts, built once per form."""
        key = (what, counts_key(counts))
        found = self.templates.get(key)
        if found is None:
            if len(self.templates) >= MAX_TEMPLATES:
                self.templates.clear()  # many different rosters: keep memory bounded
            found = self.templates[key] = build()
        return found

    @classmethod
    def of(cls, form: Form) -> _Structure:
        cached = form.__dict__.get("_engine_structure")
        if cached is None:
            cached = cls._build(form)
            object.__setattr__(form, "_engine_structure", cached)
        return cached

    @classmethod
    def _build(cls, form: Form) -> _Structure:
        from fieldapp.forms.xlsform import dynamic_defaults

        nodes = tuple(form.nodes())
        questions = {n.name: n for n in nodes if isinstance(n, Question)}
        repeat_path: dict[str, tuple[str, ...]] = {}
        chain: dict[str, tuple[str, ...]] = {}
        parent_group: dict[str, str | None] = {}

        def visit(group: Group, reps: tuple[str, ...], keys: tuple[str, ...], parent: str | None) -> None:
            for child in group.children:
                repeat_path[child.name] = reps
                chain[child.name] = keys + (child.name,)
                parent_group[child.name] = parent
                if isinstance(child, Group):
                    inner = reps + (child.name,) if child.repeat else reps
                    visit(child, inner, keys + (child.name,), child.name)

        visit(form.root, (), (), None)
        repeats = {n.name: n for n in nodes if isinstance(n, Group) and n.repeat}
        structure = cls(
            nodes=nodes,
            questions=questions,
            stored=tuple(q for q in questions.values() if q.stored),
            sealed=frozenset(n for n, q in questions.items() if q.seal and q.holds_answer),
            computed=frozenset(n for n, q in questions.items() if computed(q)),
            dynamic_defaults=dynamic_defaults(form),
            choice_names={k: v.names() for k, v in form.choice_lists.items()},
            repeats=repeats,
            repeat_path=repeat_path,
            chain=chain,
            parent_group=parent_group,
            groups={n.name: n for n in nodes if isinstance(n, Group)},
            static_pages=None,
            bound={},
            dated=any(q.type in ("date", "dateTime") for q in questions.values()),
        )
        structure = dataclasses.replace(structure, one_pass=one_pass(nodes, structure.computed))
        if not repeats:
            structure = dataclasses.replace(
                structure, static_pages=tuple(pages(structure, form.root, "", lambda key: 0)))
            from fieldapp.engine._tree import tree_tables  # _tree imports this module

            structure = dataclasses.replace(structure, static_tree=tree_tables(
                structure, list(expand(structure, form.root, "", lambda key: 0))))
        return structure

    # -- lookups by field key -----------------------------------------------------------
    def question_of(self, key: str) -> Question | None:
        """The form's question for a field key (``members[2]/age`` -> ``age``)."""
        q = self.questions.get(key)
        if q is not None or "]/" not in key:
            return q
        from fieldapp.forms.instances import split_key

        return self.questions.get(split_key(key)[1])

    def bind(self, q: Question, instance: str) -> Question:
        """``q`` bound to a repeat instance (its ``name`` the field key); ``q`` itself outside."""
        if not instance:
            return q
        key = field_key(instance, q.name)
        found = self.bound.get(key)
        if found is None:
            found = dataclasses.replace(q, name=key)
            self.bound[key] = found
        return found

    def group_key(self, group_name: str | None, instance: str) -> str | None:
        """The relevance key of the group ``group_name`` around a node in ``instance``."""
        if group_name is None:
            return None
        if group_name in self.repeats:
            return "group:" + instance  # the repeat instance the node is in
        return "group:" + field_key(instance, group_name)


Count = Callable[[str], int]

#: How many expanded trees and page lists a form keeps (``_Structure.template``).
MAX_TEMPLATES = 256


def counts_key(counts: dict[str, int]) -> tuple:
    """Instance counts as a cache key: a repeat with no instances is the same as one not listed."""
    return tuple(sorted((k, n) for k, n in counts.items() if n))

#: Functions whose value is not a function of the answers read before the node: a second
#: evaluation may differ (random, now, uuid), or they read nodes by path (position, current,
#: instance, indexed-repeat). A form using one in a relevance or calculation gets the full
#: fixed-point recomputation.
_NOT_ONE_PASS = frozenset({"random", "randomize", "uuid", "now", "once", "position", "current",
                           "instance", "indexed-repeat", "digest"})


def one_pass(nodes: tuple, computed_keys: frozenset[str]) -> bool:
    """True when every relevance, calculation and repeat_count reads only nodes *before* it
    in form order, by ``${name}``, with pure functions.

    The recomputation visits nodes in form order and each node sees what the nodes before it
    decided in the same pass; when nothing reads forward, the first pass already is the fixed
    point and the confirming second pass (which doubles the cost of a blank interview, i.e.
    of every row of a paper import) can be skipped. Anything the test cannot see statically
    (a path, a bare name, a duplicate name keyed by its group, a self-reference, an
    expression that does not parse) keeps the full loop.

    Repeats keep the argument (``expand`` lists node instances in form order): a ``${x}``
    binds to the reader's own instance of every repeat they share (an earlier node of that
    instance, or of an enclosing one), and otherwise selects instances of a repeat that,
    being earlier in form order, are all expanded before the reader. A computed count that
    changes restarts the pass as in the full loop (``recompute``).
    """
    from fieldapp.forms.expressions import parse

    order = {n.name: i for i, n in enumerate(nodes)}
    if any("/" in key for key in order):
        return False
    for i, node in enumerate(nodes):
        for attr in ("relevant", "calculation", "repeat_count"):
            source = getattr(node, attr, None)
            if not source:
                continue
            try:
                expr = parse(source)
            except Exception:  # noqa: BLE001 - let the full loop meet it as it does today
                return False
            if expr.paths() or expr.names() or expr.functions() & _NOT_ONE_PASS:
                return False
            if any(order.get(ref, len(nodes)) >= i for ref in expr.references()):
                return False
            if attr == "relevant" and node.name in computed_keys and expr.uses_current():
                return False
    return True


def expand(structure: _Structure, group: Group, instance: str, count: Count,
           parent_key: str | None = None) -> Iterator[tuple]:
    """Every node instance below ``group`` in form order, as
    ``(kind, node, instance, relevance key, parent's relevance key)``.

    A repeat gives first its ``REPEAT`` entry (the repeat as a whole in its parent
    instance: its count and roster), then each ``INSTANCE`` and what is inside it.
    ``count(key)`` is the number of instances of a repeat (key: the repeat's key in its
    parent instance). ``parent_key`` is the relevance key of ``group`` itself (None: the root).
    """
    for child in group.children:
        if isinstance(child, Group) and child.repeat:
            collection = field_key(instance, child.name)
            yield REPEAT, child, instance, "repeat:" + collection, parent_key
            for i in range(1, count(collection) + 1):
                inner = child_instance(instance, child.name, i)
                key = "group:" + inner
                yield INSTANCE, child, inner, key, parent_key
                yield from expand(structure, child, inner, count, key)
        elif isinstance(child, Group):
            key = "group:" + field_key(instance, child.name)
            yield GROUP, child, instance, key, parent_key
            yield from expand(structure, child, instance, count, key)
        else:
            yield QUESTION, child, instance, field_key(instance, child.name), parent_key


def pages(structure: _Structure, group: Group, instance: str, count: Count) -> Iterator[Page]:
    """The screens below ``group`` in form order, repeats expanded into their instances."""
    for child in group.children:
        if isinstance(child, Group) and child.repeat:
            collection = field_key(instance, child.name)
            yield Page(key=f"r:{collection}", questions=(), group=child, instance=instance, repeat=child,
                       gate="repeat:" + collection)
            for i in range(1, count(collection) + 1):
                inner = child_instance(instance, child.name, i)
                if child.field_list:
                    yield from _field_list(structure, child, inner, f"g:{inner}", count)
                else:
                    yield from pages(structure, child, inner, count)
        elif isinstance(child, Group):
            if child.field_list:
                yield from _field_list(structure, child, instance,
                                       f"g:{field_key(instance, child.name)}", count)
            else:
                yield from pages(structure, child, instance, count)
        elif shown(child):
            yield Page(key=f"q:{field_key(instance, child.name)}",
                       questions=(structure.bind(child, instance),), instance=instance)


def _field_list(structure: _Structure, group: Group, instance: str, key: str, count: Count) -> Iterator[Page]:
    """A field-list group is one page of its questions; a repeat inside it (ODK does not
    show one there) gets its own roster and pages after it."""
    questions = tuple(structure.bind(q, instance) for q in _outside_repeats(group) if shown(q))
    if questions:
        gate = "group:" + (instance if group.repeat else field_key(instance, group.name))
        yield Page(key=key, questions=questions, group=group, instance=instance, gate=gate)
    for child in _repeats_inside(group):
        yield from pages(structure, Group(name=group.name, row=group.row, children=(child,)), instance, count)


def _outside_repeats(group: Group) -> Iterator[Question]:
    for child in group.children:
        if isinstance(child, Group):
            if not child.repeat:
                yield from _outside_repeats(child)
        else:
            yield child


def _repeats_inside(group: Group) -> Iterator[Group]:
    for child in group.children:
        if isinstance(child, Group):
            if child.repeat:
                yield child
            else:
                yield from _repeats_inside(child)
