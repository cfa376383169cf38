"""Entering and leaving repeats from the question flow on a desktop (docs/forms.md, "Repeats on screen").

The engine's page order is linear: a repeat's roster page, then the pages of each entry in
turn, then what follows the repeat. ODK Collect, on a phone, asks "Add another …?" in a
dialog after the last question of the last entry. On a laptop the roster page itself is that
question: Next on the last page of the last entry of a roster the interviewer controls goes
back to the roster, which shows every entry with its summary, asks "Add another …?" with the
focus on Add, and lets Next go on past the roster. (Entries the form counts itself are walked
straight through: there is nothing to ask.)

Qt-free: these functions only read the interview and name the page to show.
"""

from __future__ import annotations

from fieldapp.ops import interviews as interview_ops
from fieldapp.ops.model import Interview, Page, field_key, last_step, parent_instance

REVIEW = "review"


def enclosing(instance: str) -> list[str]:
    """``members[2]/visits[3]`` -> ``['members[2]/visits[3]', 'members[2]']`` (innermost first)."""
    out = []
    while instance:
        out.append(instance)
        instance = parent_instance(instance)
    return out


def inside(page: Page | None, instance: str) -> bool:
    """``page`` belongs to ``instance`` (a page of it, of an entry inside it, or a roster in it)."""
    if page is None:
        return False
    return page.instance == instance or page.instance.startswith(instance + "/")


def roster_key(instance: str) -> str:
    """The roster page key of the repeat ``instance`` is an entry of (``r:members``)."""
    repeat, _index = last_step(instance)
    return "r:" + field_key(parent_instance(instance), repeat)


def innermost_roster(page: Page | None) -> str | None:
    """The roster page of the entry ``page`` is in (None outside repeats or on a roster page)."""
    if page is None or page.is_roster or not page.instance:
        return None
    return roster_key(page.instance)


def roster_to_ask(iv: Interview, left: str, landed: Page | None) -> str | None:
    """Next moved from a page in the entry ``left`` to ``landed`` (None: the review). The
    roster page to show instead, asking "Add another?", when the move left the last entry of
    a roster the interviewer may add to; None to stay where the engine went."""
    for instance in enclosing(left):
        if inside(landed, instance):
            return None  # still inside this entry, so inside every entry around it too
        repeat, index = last_step(instance)
        parent = parent_instance(instance)
        if index != iv.instance_count(field_key(parent, repeat)):
            continue  # the next entry of the same roster follows: walk on
        roster = interview_ops.roster(iv, repeat, parent)
        if roster.can_add and roster.relevant:
            return roster.page
    return None


def page_after_roster(iv: Interview, page: Page) -> str:
    """The first relevant page after the roster ``page`` and all its entries (``review`` at the end)."""
    assert page.repeat is not None
    prefix = field_key(page.instance, page.repeat.name) + "["
    pages = iv.relevant_pages()
    keys = [p.key for p in pages]
    start = keys.index(page.key) + 1 if page.key in keys else 0
    for later in pages[start:]:
        if not later.instance.startswith(prefix):
            return later.key
    return REVIEW
