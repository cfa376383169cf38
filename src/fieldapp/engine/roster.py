"""What a roster page and a "go to question" view show (issue #13; docs/forms.md, "Repeats").

Qt-free, like the rest of the engine: the GUI draws these and calls back into the
interview (``add_instance``, ``remove_instance``, ``go_to``).

- ``roster(iv, repeat, parent)``: one ``Roster`` per repeat in one parent instance: its
  entries (instance path, position, a title and a summary of the first answers), whether
  the interviewer may add or remove entries, and the page that opens each one.
- ``hierarchy(iv)``: the whole interview as a tree of ``Node`` (groups, rosters, instances,
  questions with their answer as text and status), ODK Collect's hierarchy view; every node
  that can be opened names its page.

Nothing here logs or stores an answer; summaries are built in memory for the screen only,
and a sealed answer is never shown (``SEALED``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.engine import _tree
from fieldapp.engine._structure import Page, shown
from fieldapp.forms.instances import child_instance, field_key, last_step, parent_instance
from fieldapp.forms.model import Group, Question

if TYPE_CHECKING:
    from fieldapp.engine.interview import Interview

#: How many answers a roster entry's summary shows.
SUMMARY_ANSWERS = 2
SUMMARY_SEPARATOR = " · "


@dataclass(frozen=True)
class RosterEntry:
    instance: str  # ``members[2]``
    index: int  # 2
    #: The repeat's label and the position (``Family member 2``), in the interview language.
    title: str
    #: The first answers of the entry as text (choice labels), '' while it has none.
    summary: str
    relevant: bool
    answered: int  # questions answered in it (not counting those of repeats inside it)
    issues: int  # questions in it that still need an answer or a correction
    #: The key of its first relevant page (``Interview.go_to``), None when it has none.
    page: str | None


@dataclass(frozen=True)
class Roster:
    repeat: Group
    parent: str  # the instance the repeat is in ('' at the top level)
    key: str  # the repeat's key in its parent (``members``); its page is ``r:`` + key
    label: str
    entries: tuple[RosterEntry, ...]
    #: False when the form sets the number of entries (``repeat_count``, ``jr:noAddRemove``)
    #: or the interview is finalized.
    can_add: bool
    can_remove: bool
    relevant: bool

    @property
    def page(self) -> str:
        return f"r:{self.key}"


@dataclass(frozen=True)
class Node:
    """One line of the hierarchy view.

    ``kind``: ``group`` | ``repeat`` (a roster) | ``instance`` | ``question``. ``key``: the
    field key of a question, the path of an instance, the repeat's key in its parent for a
    roster, the group's key in its instance for a group. ``page``: where ``go_to`` opens it
    (None when it cannot be opened now, e.g. not relevant).
    """

    kind: str
    key: str
    label: str
    page: str | None
    relevant: bool
    children: tuple[Node, ...] = ()
    #: For a question: its answer as text ('' unanswered; ``SEALED`` for a sealed one).
    text: str = ""
    status: str = ""
    issue: str = ""  # a question's first issue code (required | constraint), '' when none


def answer_text(iv: Interview, question: Question, value: Any) -> str:
    """An answer as a screen shows it: choice labels for selects, the value as text else."""
    from fieldapp.engine.interview import SEALED

    if value is SEALED:
        return SEALED
    if value in (None, ""):
        return ""
    if question.is_select and question.list_name in iv.form.choice_lists:
        choices = iv.form.choice_lists[question.list_name]
        names = str(value).split() if question.type != "select_one" else [str(value)]
        return ", ".join((c.label(iv.language) if (c := choices.get(n)) else n) for n in names)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _direct_questions(group: Group):
    """The questions of a repeat instance itself, not those of repeats inside it."""
    for child in group.children:
        if isinstance(child, Group):
            if not child.repeat:
                yield from _direct_questions(child)
        else:
            yield child


def _page_index(iv: Interview) -> tuple[dict[str, str], list[Page]]:
    """Field key -> the key of the relevant page that shows it, and the relevant pages."""
    relevant = iv.relevant_pages()
    index: dict[str, str] = {}
    for page in relevant:
        for q in page.questions:
            index.setdefault(q.name, page.key)
    return index, relevant


def _first_page_in(instance: str, relevant: list[Page]) -> str | None:
    for page in relevant:
        if page.is_roster:
            continue
        if page.instance == instance or page.instance.startswith(instance + "/"):
            return page.key
    return None


def _first_pages(relevant: list[Page]) -> dict[str, str]:
    """Instance path -> the key of the first relevant page inside it (its own or a nested
    instance's): ``_first_page_in`` for every instance at once, in one pass over the pages
    (a roster of 50 entries asked it 50 times, each a scan of every page)."""
    first: dict[str, str] = {}
    for page in relevant:
        if page.is_roster or not page.instance:
            continue
        instance = page.instance
        while instance and instance not in first:
            first[instance] = page.key
            instance = parent_instance(instance)
    return first


def roster(iv: Interview, repeat: str, parent: str = "") -> Roster:
    group = _tree._repeat_here(iv, repeat, parent)
    key = field_key(parent, repeat)
    _, relevant_pages = _page_index(iv)
    first = _first_pages(relevant_pages)
    entries = []
    for i in range(1, iv.instance_count(key) + 1):
        entries.append(_entry(iv, group, child_instance(parent, repeat, i), first))
    draft = iv.status == "draft"
    return Roster(
        repeat=group, parent=parent, key=key, label=group.label(iv.language) or repeat,
        entries=tuple(entries), can_add=draft and not group.fixed_count,
        can_remove=draft and not group.fixed_count,
        relevant=iv.relevance.get("repeat:" + key, True),
    )


def _entry(iv: Interview, group: Group, instance: str, first: dict[str, str]) -> RosterEntry:
    index = last_step(instance)[1]
    label = group.label(iv.language) or group.name
    parts: list[str] = []
    answered = issues = 0
    for q in _direct_questions(group):
        key = field_key(instance, q.name)
        if not iv.is_relevant(key):
            continue
        bound = iv.structure.bind(q, instance)
        if q.holds_answer:
            if iv.status_of(key) == "answered":
                answered += 1
            issues += bool(iv.question_issues(bound))
        if shown(q) and q.holds_answer and len(parts) < SUMMARY_ANSWERS:
            text = answer_text(iv, q, iv.value(key))
            from fieldapp.engine.interview import SEALED

            if text and text is not SEALED:
                parts.append(text)
    return RosterEntry(
        instance=instance, index=index, title=f"{label} {index}",
        summary=SUMMARY_SEPARATOR.join(parts), relevant=iv.relevance.get("group:" + instance, True),
        answered=answered, issues=issues, page=first.get(instance),
    )


def open_instance(iv: Interview, instance: str) -> Page | None:
    """Go to the first relevant page of ``instance`` (None when it has none; nothing moves)."""
    if instance not in set(iv.instances()):
        from fieldapp.errors import UserFacingError

        raise UserFacingError("repeat.no_instance", instance=instance)
    _, relevant = _page_index(iv)
    key = _first_page_in(instance, relevant)
    if key is None:
        return None
    iv.go_to(key)
    return iv.page(key)


def hierarchy(iv: Interview) -> tuple[Node, ...]:
    """Every group, roster, instance and shown question of the interview, in form order."""
    index, relevant = _page_index(iv)
    relevant_keys = {p.key for p in relevant}
    return tuple(_nodes(iv, iv.form.root, "", index, _first_pages(relevant), relevant_keys))


def _nodes(iv: Interview, group: Group, instance: str, index: dict[str, str],
           entry_pages: dict[str, str], relevant_keys: set[str]):
    for child in group.children:
        if isinstance(child, Group) and child.repeat:
            key = field_key(instance, child.name)
            instances = []
            for i in range(1, iv.instance_count(key) + 1):
                inner = child_instance(instance, child.name, i)
                ok = iv.relevance.get("group:" + inner, True)
                label = child.label(iv.language) or child.name
                instances.append(Node(
                    kind="instance", key=inner, label=f"{label} {i}",
                    page=entry_pages.get(inner) if ok else None, relevant=ok,
                    children=tuple(_nodes(iv, child, inner, index, entry_pages, relevant_keys))))
            page = f"r:{key}"
            yield Node(kind="repeat", key=key, label=child.label(iv.language) or child.name,
                       page=page if page in relevant_keys else None,
                       relevant=iv.relevance.get("repeat:" + key, True), children=tuple(instances))
        elif isinstance(child, Group):
            key = field_key(instance, child.name)
            ok = iv.relevance.get("group:" + key, True)
            inner_nodes = tuple(_nodes(iv, child, instance, index, entry_pages, relevant_keys))
            if not child.label(iv.language):
                yield from inner_nodes  # an unlabelled group is only structure
                continue
            first = next((n.page for n in _flat(inner_nodes) if n.page), None)
            yield Node(kind="group", key=key, label=child.label(iv.language), page=first if ok else None,
                       relevant=ok, children=inner_nodes)
        elif shown(child):
            key = field_key(instance, child.name)
            ok = iv.is_relevant(key)
            bound = iv.structure.bind(child, instance)
            issues = iv.question_issues(bound) if ok else []
            yield Node(kind="question", key=key, label=child.label(iv.language), page=index.get(key),
                       relevant=ok, text=answer_text(iv, child, iv.value(key)) if ok else "",
                       status=iv.status_of(key) if child.stored else "",
                       issue=issues[0].code if issues else "")


def _flat(nodes):
    for n in nodes:
        yield n
        yield from _flat(n.children)


__all__ = ["Node", "Roster", "RosterEntry", "answer_text", "hierarchy", "open_instance", "roster"]
