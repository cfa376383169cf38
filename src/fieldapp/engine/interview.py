"""The interview runtime: what is asked next, what is valid, what is kept (ARCHITECTURE s.6).

``Interview`` is Qt-free and decides everything; widgets only show and collect (Electrum's
wizard rule). Each change goes through ``set_answer``, which validates the value's type,
re-runs every calculation and relevance, drops answers to questions that became
non-relevant, and hands the resulting per-field changes to the persistence sink in one call
(one transaction: autosave).

Sealed questions (survey column ``seal``, docs/sealed-fields.md): their answer is checked,
then encrypted at once by the ``sealer`` the store hands in (age, to the coordinator's
recipients) and only the ciphertext is kept in ``sealed``; ``values`` never holds it. Such a
field counts as answered, but expressions read it as '' (the laptop cannot know the value).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from fieldapp.engine._context import _Context, _typed
from fieldapp.errors import UserFacingError
from fieldapp.forms.model import Form, Group, Question

ANSWERED, MISSING, NOT_APPLICABLE = "answered", "missing", "not_applicable"
#: Statuses stored per field (ARCHITECTURE s.5, records carry them).
STATUSES = (ANSWERED, MISSING, NOT_APPLICABLE)


@dataclass(frozen=True)
class Issue:
    """Why a question blocks moving on: ``code`` is required | constraint | type."""

    field: str
    code: str
    #: The form author's message in the interview language ('' when the form has none;
    #: the GUI then shows its own translated sentence for ``code``).
    message: str = ""


@dataclass(frozen=True)
class Page:
    """One screen: a single question, or every question of a field-list group."""

    key: str
    questions: tuple[Question, ...]
    group: Group | None = None


@dataclass(frozen=True)
class FieldState:
    value: Any
    status: str


#: Encrypts the JSON bytes of one sealed answer to the coordinator (returns age ciphertext).
Sealer = Callable[[bytes], bytes]

NOT_ENROLLED = (
    "This form has sealed questions, whose answers only the coordinator can read, and this laptop "
    "is not enrolled yet: enrol with the coordinator's project key first."
)


class SealedAnswer(str):
    """The type of ``SEALED``: a str, so code that formats answers copes with it."""

    __slots__ = ()


#: What ``Interview.value`` gives for a sealed answer: it exists, but nobody on this laptop
#: can read it. Screens test ``value is SEALED`` and show "sealed" instead of an answer.
SEALED = SealedAnswer("(sealed)")


#: Sealed plaintexts are padded to a multiple of this many bytes: the ciphertext's length
#: would otherwise tell anyone who unlocks the laptop how long a name or a number is.
SEAL_PAD = 64


def seal_bytes(value: Any) -> bytes:
    """The plaintext sealed for one answer: its JSON (as the answers table would hold it),
    padded with spaces, which JSON readers ignore."""
    data = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return data + b" " * (-len(data) % SEAL_PAD)


class Sink(Protocol):
    """Where an interview persists itself (``fieldapp.store.interviews.InterviewRepo``).

    ``changes`` may name a sealed field; its ciphertext is then ``interview.sealed[name]``
    (absent: the sealed answer was cleared).
    """

    def save_changes(self, interview: Interview, changes: dict[str, FieldState]) -> None: ...

    def save_position(self, interview: Interview) -> None: ...


@dataclass(frozen=True)
class _Structure:
    """What the engine derives once per form (forms are immutable): nodes, pages, lookups."""

    nodes: tuple
    pages: tuple[Page, ...]
    questions: dict[str, Question]
    stored: tuple[Question, ...]  # fields that get a stored value and status
    sealed: frozenset[str]  # questions sealed to the coordinator at entry
    computed: frozenset[str]  # calculate/hidden and any question with a calculation
    dynamic_defaults: frozenset[str]  # defaults that are expressions, evaluated at start
    parent: dict[str, str | None]  # node -> the relevance key of its group ("group:g")
    choice_names: dict[str, tuple[str, ...]]  # list name -> its choice names

    @classmethod
    def of(cls, form: Form) -> _Structure:
        cached = form.__dict__.get("_engine_structure")
        if cached is None:
            nodes = tuple(form.nodes())
            from fieldapp.forms.xlsform import dynamic_defaults

            questions = {n.name: n for n in nodes if isinstance(n, Question)}
            cached = cls(
                nodes=nodes,
                pages=tuple(_pages_of(form.root)),
                questions=questions,
                stored=tuple(q for q in questions.values() if _stored(q)),
                sealed=frozenset(n for n, q in questions.items() if q.seal and q.holds_answer),
                computed=frozenset(n for n, q in questions.items() if _computed(q)),
                dynamic_defaults=dynamic_defaults(form),
                parent={n.name: f"group:{n.path[-1]}" if n.path else None for n in nodes},
                choice_names={k: v.names() for k, v in form.choice_lists.items()},
            )
            object.__setattr__(form, "_engine_structure", cached)
        return cached


def _evaluate(expression: str | None, ctx: _Context, default: Any = True) -> Any:
    if not expression:
        return default
    from fieldapp.forms.expressions import parse

    return parse(expression).evaluate(ctx)


def _stored(q: Question) -> bool:
    """Fields that get a stored value and status (``Question.stored``): answers, computed
    values, and location and media questions (not applicable: a laptop cannot record them)."""
    return q.stored


def _computed(q: Question) -> bool:
    return q.calculation is not None and (q.type == "calculate" or q.holds_answer or q.type == "note")


def _truthy(value: Any) -> bool:
    from fieldapp.forms.expressions import to_bool

    return bool(to_bool(value))


@dataclass
class Interview:
    form: Form
    id: str
    pseudonym: str
    language: str
    status: str = "draft"
    revision: int = 1
    #: Current answers of relevant questions and computed values of calculates.
    values: dict[str, Any] = field(default_factory=dict)
    relevance: dict[str, bool] = field(default_factory=dict)
    position: str = ""
    sink: Sink | None = None
    #: Sealed answers: field -> age ciphertext (never the plaintext; see the module doc).
    sealed: dict[str, bytes] = field(default_factory=dict)
    #: Encrypts a sealed answer; None where sealing is impossible (not enrolled).
    sealer: Sealer | None = field(default=None, repr=False)
    #: A sealed question's last value was refused (constraint): its issue stands until the
    #: next answer to it, so the page cannot be left as if it had been accepted.
    _refused: dict[str, Issue] = field(default_factory=dict, repr=False, compare=False)
    #: When this session of the interview began (``${start}``; never stored, SECURITY.md).
    started: _dt.datetime = field(default_factory=lambda: _dt.datetime.now().replace(microsecond=0),
                                  repr=False, compare=False)

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        form: Form,
        language: str | None = None,
        sink: Sink | None = None,
        pseudonym_factory: Callable[[], str] | None = None,
        sealer: Sealer | None = None,
    ) -> Interview:
        if _Structure.of(form).sealed and sealer is None:
            raise UserFacingError(NOT_ENROLLED)
        if any(isinstance(n, Group) and n.repeat for n in form.nodes()):
            raise UserFacingError(
                f"Form {form.form_id} uses repeat groups, which the interview screen does not "
                "support yet; key such questionnaires in with `fieldapp responses import`."
            )
        from fieldapp.engine.pseudonym import new_pseudonym

        interview = cls(
            form=form,
            id=secrets.token_hex(16),
            pseudonym=(pseudonym_factory or new_pseudonym)(),
            language=form.language_key(language),
            sealer=sealer,
        )
        interview._apply_defaults()
        interview.seal_values()
        pages = interview.relevant_pages()
        interview.position = pages[0].key if pages else ""
        interview.sink = sink
        return interview

    @classmethod
    def blank(cls, form: Form) -> Interview:
        """A new interview with nothing computed yet (bulk validation sets values, then recomputes)."""
        from fieldapp.engine.pseudonym import new_pseudonym

        return cls(form=form, id=secrets.token_hex(16), pseudonym=new_pseudonym(),
                   language=form.default_language)

    @classmethod
    def restore(
        cls,
        form: Form,
        interview_id: str,
        pseudonym: str,
        language: str,
        values: dict[str, Any],
        position: str,
        status: str = "draft",
        revision: int = 1,
        sink: Sink | None = None,
        sealed: dict[str, bytes] | None = None,
        sealer: Sealer | None = None,
    ) -> Interview:
        """Rebuild a saved draft exactly where it stopped (sealed answers as ciphertext only)."""
        names = _Structure.of(form).sealed
        interview = cls(
            form=form, id=interview_id, pseudonym=pseudonym, language=language,
            status=status, revision=revision,
            values={k: v for k, v in values.items() if k not in names}, position=position,
            sealed={k: bytes(v) for k, v in (sealed or {}).items() if k in names}, sealer=sealer,
        )
        interview._recompute()
        if position != "review" and position not in {p.key for p in interview.relevant_pages()}:
            pages = interview.relevant_pages()
            interview.position = pages[0].key if pages else ""
        interview.sink = sink
        return interview

    def _apply_defaults(self) -> None:
        """Static defaults (checked by the reader), then dynamic ones (expressions, evaluated
        once at the start, as pyxform's odk-instance-first-load setvalue). A dynamic default
        that gives no valid answer leaves the question blank: never an exception."""
        dynamic = self.structure.dynamic_defaults
        for q in self.form.questions():
            if q.default in (None, "") or q.name in dynamic or not _takes_default(q):
                continue
            try:
                value = self._coerce(q, q.default)
            except (ValueError, TypeError):  # noqa: S112 - the reader refused invalid defaults
                continue
            if value is not None:
                self.values[q.name] = value
        self._touch()
        for q in self.form.questions():
            if q.name not in dynamic or not _takes_default(q):
                continue
            try:
                raw = _evaluate(q.default, _Context(self.values, "", q.name, self), "")
                from fieldapp.forms.expressions import to_string

                value = self._coerce(q, raw if q.type in ("integer", "decimal", "range")
                                     and not isinstance(raw, str) else to_string(raw))
            except Exception:  # noqa: BLE001, S112 - a default never crashes the interview
                continue
            if value is not None:
                self.values[q.name] = value
                self._touch()

    def random_source(self, node: str | None = None):
        """The seeded random source of this interview (``random()``, ``randomize()``): seeded
        by the interview id, which the store keeps, and the question, so a reopened interview
        shows the same values and choice order."""
        import hashlib
        import random

        digest = hashlib.sha256(f"{self.id}\0{node or ''}".encode()).digest()
        return random.Random(int.from_bytes(digest[:8], "big"))

    # -- form structure ---------------------------------------------------------------------
    @property
    def structure(self) -> _Structure:
        cached = self.__dict__.get("_structure")
        if cached is None or cached[0] is not self.form:
            cached = (self.form, _Structure.of(self.form))
            self.__dict__["_structure"] = cached
        return cached[1]

    def pages(self) -> list[Page]:
        return list(self.structure.pages)

    def is_relevant(self, name: str) -> bool:
        return self.relevance.get(name, True)

    def page_relevant(self, page: Page) -> bool:
        if page.group is not None and not self.relevance.get(f"group:{page.group.name}", True):
            return False
        return any(self.is_relevant(q.name) for q in page.questions)

    def relevant_pages(self) -> list[Page]:
        return [p for p in self.pages() if self.page_relevant(p)]

    def page(self, key: str | None = None) -> Page:
        key = key or self.position
        for p in self.pages():
            if p.key == key:
                return p
        raise KeyError(key)

    @property
    def current_page(self) -> Page | None:
        try:
            return self.page()
        except KeyError:
            return None

    def visible_questions(self, page: Page) -> list[Question]:
        return [q for q in page.questions if self.is_relevant(q.name)]

    # -- answers ----------------------------------------------------------------------------
    def value(self, name: str) -> Any:
        """The answer to ``name`` as shown on screen: ``SEALED`` for a sealed answer, None while
        the question is not relevant (its answer is kept, and shown again if it becomes
        relevant again)."""
        if not self.is_relevant(name):
            return None
        if name in self.sealed:
            return SEALED
        return self.values.get(name)

    def status_of(self, name: str) -> str:
        if not self.is_relevant(name):
            return NOT_APPLICABLE
        q = self.structure.questions.get(name)
        if q is not None and q.not_recorded:
            return NOT_APPLICABLE  # a location or media question: not recorded on a laptop
        if name in self.sealed:
            return ANSWERED
        return ANSWERED if self.values.get(name) not in (None, "") else MISSING

    def is_sealed(self, name: str) -> bool:
        """True when ``name`` holds a sealed answer (shown as "sealed", never as a value)."""
        return name in self.sealed and self.is_relevant(name)

    def field_states(self) -> dict[str, FieldState]:
        """Value and status of every answer-holding and calculate field.

        A sealed field's value is always None here: its answer exists only as ciphertext.
        """
        sealed = self.structure.sealed
        return {
            q.name: FieldState(
                self.values.get(q.name) if self.is_relevant(q.name) and q.name not in sealed else None,
                self.status_of(q.name))
            for q in self.structure.stored
        }

    def seal_values(self) -> None:
        """Move any plaintext of sealed questions out of ``values`` into ``sealed`` (encrypted).

        ``set_answer`` seals as it goes; bulk paths (defaults, paper import) put values in
        directly and call this before anything is stored.
        """
        for name in sorted(self.structure.sealed & self.values.keys()):
            value = self.values.pop(name)
            if value not in (None, ""):
                if self.sealer is None:
                    raise UserFacingError(NOT_ENROLLED)
                self.sealed[name] = self.sealer(seal_bytes(value))
        self._recompute()

    def choices(self, question: Question) -> list:
        """The choices offered now (choice_filter applied)."""
        from fieldapp.forms.expressions import filter_choices

        ctx = _Context(self.values, "", question.name, self)
        try:
            choices = filter_choices(self.form.choices_for(question).choices,
                                     question.choice_filter, ctx)
        except Exception:  # noqa: BLE001 - a filter that fails offers nothing, never crashes
            return []
        return _randomized(self, question, choices, ctx)

    def set_answer(self, name: str, raw: Any) -> list[Issue]:
        """Record an answer (None or '' clears it); returns the question's issues now.

        A value of the wrong type is refused (issue code ``type``) and nothing changes; a
        value breaking a constraint is kept, as ODK does, and reported so the page cannot
        be left until it is fixed.
        """
        if self.status != "draft":
            raise UserFacingError("This interview is finalized; it can no longer be changed.")
        question = self.structure.questions.get(name)
        if question is None:
            raise UserFacingError(f"Form {self.form.form_id} has no question {name}.")
        if not question.holds_answer or question.read_only or name in self.structure.computed:
            raise UserFacingError(f"{name} is not a question that takes an answer.")
        try:
            value = self._coerce(question, raw)
        except ValueError:
            return [Issue(name, "type", "")]
        if name in self.structure.sealed:
            return self._set_sealed(question, value)
        before = self.field_states()
        if value in (None, ""):
            self.values.pop(name, None)
        else:
            self.values[name] = value
        self._recompute()
        after = self.field_states()
        changes = {k: v for k, v in after.items() if before.get(k) != v}
        if self.sink is not None and changes:
            self.sink.save_changes(self, changes)
        return self.question_issues(question)

    def _set_sealed(self, question: Question, value: Any) -> list[Issue]:
        """Check, seal and forget: after this returns no plaintext of the answer is kept.

        Unlike an open question, a value breaking the constraint is refused: once sealed it
        could never be shown again for correction. The earlier answer (if any) stays, and the
        issue stands (``question_issues``) until the question is answered again.
        """
        name = question.name
        if value not in (None, "") and question.constraint and self.is_relevant(name):
            ok = self._check(question.constraint, name, value)
            if not ok:
                issue = Issue(name, "constraint", _msg(question.constraint_message, self.language))
                self._refused[name] = issue
                return [issue]
        self._refused.pop(name, None)
        before = self.field_states()
        if value in (None, ""):
            touched = self.sealed.pop(name, None) is not None
        else:
            if self.sealer is None:
                raise UserFacingError(NOT_ENROLLED)
            self.sealed[name] = self.sealer(seal_bytes(value))
            touched = True  # a new ciphertext replaces the old one: it must be saved
        del value
        self._recompute()
        after = self.field_states()
        changes = {k: v for k, v in after.items() if before.get(k) != v}
        if touched:
            changes[name] = after[name]
        if self.sink is not None and changes:
            self.sink.save_changes(self, changes)
        return self.question_issues(question)

    def _coerce(self, question: Question, raw: Any) -> Any:
        from fieldapp.forms.values import coerce

        names = self.structure.choice_names.get(question.list_name, ()) if question.list_name else ()
        return coerce(question, raw, names)

    def _check(self, expression: str, name: str, value: Any) -> bool:
        """A constraint on ``value`` for question ``name``; an expression that fails is false."""
        ctx = _Context(self.values, _typed(self, name, value), name, self)
        try:
            return _truthy(_evaluate(expression, ctx))
        except Exception:  # noqa: BLE001 - a failing constraint blocks, it never crashes
            return False

    # -- validation -------------------------------------------------------------------------
    def question_issues(self, question: Question) -> list[Issue]:
        if not self.is_relevant(question.name) or not question.holds_answer:
            return []
        if question.name in self.structure.computed or question.read_only:
            return []  # computed or read-only: nothing the interviewer could fix
        if question.name in self._refused:
            return [self._refused[question.name]]
        if question.name in self.sealed:
            return []  # its constraint was checked before sealing; the value is gone
        value = self.values.get(question.name)
        lang = self.language
        if value in (None, ""):
            if question.required and self._check(question.required, question.name, ""):
                return [Issue(question.name, "required", _msg(question.required_message, lang))]
            return []
        if question.constraint:
            ok = self._check(question.constraint, question.name, value)
            if not ok:
                return [Issue(question.name, "constraint", _msg(question.constraint_message, lang))]
        return []

    def page_issues(self, page: Page | None = None) -> list[Issue]:
        page = page or self.current_page
        if page is None:
            return []
        return [i for q in self.visible_questions(page) for i in self.question_issues(q)]

    def all_issues(self) -> list[Issue]:
        return [i for p in self.relevant_pages() for i in self.page_issues(p)]

    # -- navigation -------------------------------------------------------------------------
    def next_page(self) -> Page | None:
        pages = self.relevant_pages()
        keys = [p.key for p in pages]
        if self.position not in keys:
            return pages[0] if pages else None
        i = keys.index(self.position)
        return pages[i + 1] if i + 1 < len(pages) else None

    def previous_page(self) -> Page | None:
        pages = self.relevant_pages()
        keys = [p.key for p in pages]
        if self.position not in keys:
            return None
        i = keys.index(self.position)
        return pages[i - 1] if i > 0 else None

    def go_next(self) -> list[Issue]:
        """Move on if the current page is valid; else return its issues and stay."""
        issues = self.page_issues()
        if issues:
            return issues
        nxt = self.next_page()
        self.position = nxt.key if nxt else "review"
        self._save_position()
        return []

    def go_back(self) -> None:
        if self.position == "review":
            pages = self.relevant_pages()
            self.position = pages[-1].key if pages else ""
        else:
            prev = self.previous_page()
            if prev is not None:
                self.position = prev.key
        self._save_position()

    def go_to(self, key: str) -> None:
        if key != "review" and key not in {p.key for p in self.relevant_pages()}:
            raise KeyError(key)
        self.position = key
        self._save_position()

    def progress(self) -> tuple[int, int]:
        """(n, m): the current page's number among the relevant pages, and their count."""
        keys = [p.key for p in self.relevant_pages()]
        if self.position == "review":
            return len(keys), len(keys)
        return (keys.index(self.position) + 1 if self.position in keys else 0), len(keys)

    def set_language(self, language: str) -> None:
        self.language = self.form.language_key(language)
        self._save_position()

    def _save_position(self) -> None:
        if self.sink is not None:
            self.sink.save_position(self)

    # -- finishing --------------------------------------------------------------------------
    def can_finalize(self) -> bool:
        return not self.all_issues()

    def ended_early(self) -> bool:
        """True when the form ended the interview (e.g. consent refused: nothing else relevant)."""
        return len(self.relevant_pages()) <= 1

    # -- recomputation ----------------------------------------------------------------------
    def _touch(self) -> None:
        """Values, relevance or sealed answers changed: the expression view is rebuilt."""
        self.__dict__["_view"] = None

    def _expression_values(self) -> dict[str, Any]:
        """What expressions see: every value except sealed questions' (they read as '') and
        non-relevant ones (kept, but read as '' as in JavaRosa). Cached until ``_touch``."""
        view = self.__dict__.get("_view")
        if view is not None:
            return view
        sealed = self.structure.sealed
        relevance = self.relevance
        if not sealed and all(relevance.get(k, True) for k in self.values):
            view = self.values
        else:
            view = {k: v for k, v in self.values.items() if k not in sealed and relevance.get(k, True)}
        self.__dict__["_view"] = view
        return view

    def _recompute(self) -> None:
        """Relevance and calculations to a fixed point (calculation cycles are form errors).

        A non-relevant answer is kept (restored if the question becomes relevant again) but
        reads as '' and is excluded from the record (``field_states``); a non-relevant sealed
        answer is dropped, since it could never be shown again to be confirmed.
        """
        structure = self.structure
        nodes = structure.nodes
        computed = structure.computed
        parents = structure.parent
        for _ in range(len(nodes) + 2):
            changed = False
            # last pass's relevance, overwritten in form order: a node not yet visited in this
            # pass keeps what the previous pass decided
            relevance: dict[str, bool] = dict(getattr(self, "_last_relevance", {}))
            self.relevance = relevance
            self._touch()
            # the context reads live values and relevance: each node sees what the nodes
            # before it decided in this pass (and the pass repeats until nothing changes)
            ctx = _Context(self.values, "", None, self)
            for node in nodes:
                # a group's relevance already includes its ancestors'
                parent = parents[node.name]
                parent_ok = parent is None or relevance.get(parent, True)
                if not parent_ok:
                    ok = False
                elif node.relevant:
                    try:
                        ok = _truthy(_evaluate(node.relevant, ctx.at(node.name)))
                    except Exception:  # noqa: BLE001 - ODK: an expression that fails is false
                        ok = False
                else:
                    ok = True
                if isinstance(node, Group):
                    relevance[f"group:{node.name}"] = ok
                    continue
                before = relevance.get(node.name, True)
                relevance[node.name] = ok
                step_changed = before != ok
                if node.name in computed:
                    new = None
                    if ok:
                        try:
                            raw = _evaluate(node.calculation, ctx.at(node.name), default="")
                            new = self._computed_value(node, raw)
                        except Exception:  # noqa: BLE001
                            new = None
                    if self.values.get(node.name) != new:
                        step_changed = True
                        if new is None:
                            self.values.pop(node.name, None)
                        else:
                            self.values[node.name] = new
                elif not ok and node.name in self.sealed:
                    del self.sealed[node.name]
                    step_changed = True
                if step_changed:
                    changed = True
                    self._touch()
            self._last_relevance = dict(relevance)
            self._touch()
            if not changed:
                return

    def _computed_value(self, q: Question, raw: Any) -> Any:
        """A calculation's result as stored: as the question's type where it has one (a
        date question's calculation stores its ISO date), else normalised text/number."""
        value = _normalise_calc(raw)
        if isinstance(value, _dt.datetime) and q.type != "date":
            value = value.replace(microsecond=0, tzinfo=None).isoformat()  # keeps the time
        if value is None or not q.holds_answer:
            if isinstance(value, _dt.date):
                return value.isoformat()
            return value
        try:
            from fieldapp.forms.expressions import to_string

            return self._coerce(q, value if isinstance(value, int | float) else to_string(value))
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


def _msg(messages, lang: str) -> str:
    from fieldapp.forms.model import pick_label

    return pick_label(messages, lang) if messages else ""


def _pages_of(group: Group) -> Iterable[Page]:
    for child in group.children:
        if isinstance(child, Group):
            if child.field_list:
                shown = tuple(q for q in child.walk() if isinstance(q, Question) and _shown(q))
                if shown:
                    yield Page(key=f"g:{child.name}", questions=shown, group=child)
            else:
                yield from _pages_of(child)
        elif _shown(child):
            yield Page(key=f"q:{child.name}", questions=(child,))


def _shown(q: Question) -> bool:
    from fieldapp.forms.model import METADATA_TYPES

    return q.type != "calculate" and q.type not in METADATA_TYPES


def _takes_default(q: Question) -> bool:
    return q.holds_answer or q.type == "calculate"


def _randomized(iv: Interview, q: Question, choices: list, ctx: _Context) -> list:
    """``parameters: randomize=true [seed=...]``: the choices shuffled, the same way every time
    for this interview (seeded by the interview, or by the form's seed)."""
    if str(q.parameters.get("randomize", "")).lower() != "true":
        return choices
    import random

    seed_text = q.parameters.get("seed")
    if seed_text:
        from fieldapp.forms.expressions import parse, to_number

        try:
            seed = to_number(parse(seed_text).evaluate(ctx.at(q.name)))
        except Exception:  # noqa: BLE001
            seed = float("nan")
        rng = random.Random(0 if seed != seed else seed)
    else:
        rng = iv.random_source(q.name)
    out = list(choices)
    rng.shuffle(out)
    return out
