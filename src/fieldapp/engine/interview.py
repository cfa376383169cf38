"""The interview runtime: what is asked next, what is valid, what is kept (ARCHITECTURE s.6).

``Interview`` is Qt-free and decides everything; widgets only show and collect (Electrum's
wizard rule). Each change goes through ``set_answer``, which validates the value's type,
re-runs every calculation and relevance, drops answers to questions that became
non-relevant, and hands the resulting per-field changes to the persistence sink in one call
(one transaction: autosave).

Repeats (issue #13): the interview holds an **instance tree** (``counts``: how many
instances each repeat has in each parent instance). Answers inside a repeat are keyed by
field keys (``members[2]/age``, ``fieldapp.forms.instances``); pages inside an instance
carry questions bound to it (``Page``), so screens answer them by ``question.name`` as
any other. ``add_instance``/``remove_instance``, ``roster`` and ``hierarchy``
(``fieldapp.engine.roster``) are what a roster page and a "go to question" view need;
docs/forms.md describes them.

Sealed questions (survey column ``seal``, docs/sealed-fields.md): their answer is checked,
then encrypted at once by the ``sealer`` the store hands in (age, to the coordinator's
recipients) and only the ciphertext is kept in ``sealed``; ``values`` never holds it. Such a
field counts as answered, but expressions read it as '' (the laptop cannot know the value).
"""

from __future__ import annotations

import datetime as _dt
import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from fieldapp.engine import _tree
from fieldapp.engine._context import _Context, _typed
from fieldapp.engine._structure import Page, _Structure, pages
from fieldapp.errors import UserFacingError
from fieldapp.forms.model import Form, Question

ANSWERED, MISSING, NOT_APPLICABLE = "answered", "missing", "not_applicable"
#: Statuses stored per field (ARCHITECTURE s.5, records carry them).
STATUSES = (ANSWERED, MISSING, NOT_APPLICABLE)

__all__ = ["ANSWERED", "MISSING", "NOT_APPLICABLE", "STATUSES", "FieldState", "Interview", "Issue",
           "Page", "SEALED", "Sealer", "Sink", "seal_bytes"]


@dataclass(frozen=True)
class Issue:
    """Why a question blocks moving on: ``code`` is required | constraint | type."""

    field: str
    code: str
    #: The form author's message in the interview language ('' when the form has none;
    #: the GUI then shows its own translated sentence for ``code``).
    message: str = ""


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
    (absent: the sealed answer was cleared). A change of ``None`` means the field no
    longer exists (its repeat instance was removed). ``instances`` is given when repeat
    instances were added or removed: (added, removed) instance paths.
    """

    def save_changes(self, interview: Interview, changes: dict[str, FieldState | None],
                     instances: tuple[list[str], list[str]] | None = None) -> None: ...

    def save_position(self, interview: Interview) -> None: ...


def _evaluate(expression: str | None, ctx: _Context, default: Any = True) -> Any:
    if not expression:
        return default
    from fieldapp.forms.expressions import parse

    return parse(expression).evaluate(ctx)


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
    #: Current answers of relevant questions and computed values of calculates, by field key.
    values: dict[str, Any] = field(default_factory=dict)
    relevance: dict[str, bool] = field(default_factory=dict)
    position: str = ""
    sink: Sink | None = None
    #: Sealed answers: field -> age ciphertext (never the plaintext; see the module doc).
    sealed: dict[str, bytes] = field(default_factory=dict)
    #: Encrypts a sealed answer; None where sealing is impossible (not enrolled).
    sealer: Sealer | None = field(default=None, repr=False)
    #: Repeat instances: a repeat's key in its parent instance (``members``,
    #: ``members[2]/visits``) -> how many instances it has.
    counts: dict[str, int] = field(default_factory=dict)
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
        from fieldapp.engine.pseudonym import new_pseudonym

        interview = cls(
            form=form,
            id=secrets.token_hex(16),
            pseudonym=(pseudonym_factory or new_pseudonym)(),
            language=form.language_key(language),
            sealer=sealer,
        )
        _tree.initial_instances(interview)
        _tree.apply_defaults(interview)
        interview.seal_values()
        pages_ = interview.relevant_pages()
        interview.position = pages_[0].key if pages_ else ""
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
        instances: Iterable[str] | None = None,
    ) -> Interview:
        """Rebuild a saved draft exactly where it stopped (sealed answers as ciphertext only).

        ``instances``: the repeat instance paths it had (None: read from the answers' keys).
        """
        structure = _Structure.of(form)
        interview = cls(
            form=form, id=interview_id, pseudonym=pseudonym, language=language,
            status=status, revision=revision,
            values={k: v for k, v in values.items() if not _sealed_key(structure, k)}, position=position,
            sealed={k: bytes(v) for k, v in (sealed or {}).items() if _sealed_key(structure, k)},
            sealer=sealer,
        )
        known = list(instances) if instances is not None else _tree.instances_in_keys(
            list(values) + list(sealed or {}))
        interview.counts = _tree.counts_of(structure, known)
        interview._recompute()
        if position != "review" and position not in {p.key for p in interview.relevant_pages()}:
            pages_ = interview.relevant_pages()
            interview.position = pages_[0].key if pages_ else ""
        interview.sink = sink
        return interview

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
        if cached is not None and cached[0] is self.form:
            return cached[1]
        cached = (self.form, _Structure.of(self.form))
        self.__dict__["_structure"] = cached
        return cached[1]

    def pages(self) -> list[Page]:
        """Every page of the interview's instance tree, in form order (a repeat: its roster
        page, then each instance's pages)."""
        static = self.structure.static_pages
        if static is not None:
            return list(static)
        cached = self.__dict__.get("_pages")
        if cached is None or cached[0] != self._tree_version:
            structure = self.structure
            cached = (self._tree_version, structure.template("pages", self.counts, lambda: tuple(
                pages(structure, self.form.root, "", self.instance_count))))
            self.__dict__["_pages"] = cached
        return list(cached[1])

    @property
    def _tree_version(self) -> int:
        return self.__dict__.get("_tree_v", 0)

    def _tree_changed(self) -> None:
        self.__dict__["_tree_v"] = self._tree_version + 1

    def instance_count(self, repeat_key: str) -> int:
        """How many instances the repeat has (its key in its parent instance: ``members``,
        ``members[2]/visits``)."""
        return self.counts.get(repeat_key, 0)

    def instances(self) -> list[str]:
        """Every repeat instance path of this interview, in form order."""
        return _tree.all_instances(self)

    def is_relevant(self, name: str) -> bool:
        return self.relevance.get(name, True)

    def page_relevant(self, page: Page) -> bool:
        relevance = self.relevance
        if page.gate is not None:
            if not relevance.get(page.gate, True):
                return False
            if page.repeat is not None:
                return True
        return any(relevance.get(q.name, True) for q in page.questions)

    def relevant_pages(self) -> list[Page]:
        """The pages relevant now (cached until the next change: ``_recompute``)."""
        cached = self.__dict__.get("_relevant_pages")
        version = (self._tree_version, self.__dict__.get("_recomputed", 0), id(self.relevance))
        if cached is not None and cached[0] == version:
            return list(cached[1])
        found = [p for p in self.pages() if self.page_relevant(p)]
        self.__dict__["_relevant_pages"] = (version, found)
        return list(found)

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

    def question(self, key: str) -> Question | None:
        """The question of a field key in this interview, bound to its instance (None when the
        form has no such question or the instance does not exist)."""
        fields = _tree.fields(self)
        q = fields.get(key)
        if q is None:
            return None
        from fieldapp.forms.instances import split_key

        return self.structure.bind(q, split_key(key)[0])

    def is_computed(self, key: str) -> bool:
        structure = self.structure
        q = structure.question_of(key)
        return q is not None and q.name in structure.computed

    def is_sealed_field(self, key: str) -> bool:
        """True when the question of ``key`` is sealed to the coordinator at entry."""
        return _sealed_key(self.structure, key)

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
        q = self.structure.question_of(name)
        if q is not None and q.not_recorded:
            return NOT_APPLICABLE  # a location or media question: not recorded on a laptop
        if name in self.sealed:
            return ANSWERED
        return ANSWERED if self.values.get(name) not in (None, "") else MISSING

    def is_sealed(self, name: str) -> bool:
        """True when ``name`` holds a sealed answer (shown as "sealed", never as a value)."""
        return name in self.sealed and self.is_relevant(name)

    def field_states(self) -> dict[str, FieldState]:
        """Value and status of every answer-holding and calculate field, in every instance.

        A sealed field's value is always None here: its answer exists only as ciphertext.
        """
        return {k: FieldState(v, st) for k, (v, st) in self._states().items()}

    def _states(self) -> dict[str, tuple[Any, str]]:
        """``field_states`` as (value, status) pairs (cheaper to compare before/after)."""
        values, relevance, sealed_now = self.values, self.relevance, self.sealed
        out = {}
        for key, sealed, not_recorded in _tree.stored_fields(self):
            relevant = relevance.get(key, True)
            value = values.get(key)
            if not relevant or not_recorded:
                out[key] = (None, NOT_APPLICABLE)
            elif sealed:
                out[key] = (None, ANSWERED if key in sealed_now or value not in (None, "") else MISSING)
            elif value is not None and value != "":
                out[key] = (value, ANSWERED)
            else:
                out[key] = (value if relevant else None, MISSING)
        return out

    def seal_values(self) -> None:
        """Move any plaintext of sealed questions out of ``values`` into ``sealed`` (encrypted).

        ``set_answer`` seals as it goes; bulk paths (defaults, paper import) put values in
        directly and call this before anything is stored.
        """
        for name in sorted(k for k in self.values if self.is_sealed_field(k)):
            value = self.values.pop(name)
            if value not in (None, ""):
                if self.sealer is None:
                    raise UserFacingError(NOT_ENROLLED)
                self.sealed[name] = self.sealer(seal_bytes(value))
        self._recompute()

    def choices(self, question: Question) -> list:
        """The choices offered now (choice_filter applied)."""
        from fieldapp.forms.expressions import filter_choices

        ctx = _Context(self.values, "", None, self).at(question.name)
        try:
            choices = filter_choices(self.form.choices_for(question).choices,
                                     question.choice_filter, ctx)
        except Exception:  # noqa: BLE001 - a filter that fails offers nothing, never crashes
            return []
        return _randomized(self, question, choices, ctx)

    def set_answer(self, name: str, raw: Any) -> list[Issue]:
        """Record an answer (None or '' clears it); returns the question's issues now.

        ``name`` is the field key (``age``; ``members[2]/age`` inside a repeat instance). A
        value of the wrong type is refused (issue code ``type``) and nothing changes; a value
        breaking a constraint is kept, as ODK does, and reported so the page cannot be left
        until it is fixed.
        """
        if self.status != "draft":
            raise UserFacingError("interview.finalized")
        question = self.question(name)
        if question is None:
            raise UserFacingError("interview.no_field", form=self.form.form_id, field=name)
        if not question.holds_answer or question.read_only or self.is_computed(name):
            raise UserFacingError("interview.not_input", field=name)
        try:
            value = self._coerce(question, raw)
        except ValueError:
            return [Issue(name, "type", "")]
        if self.is_sealed_field(name):
            return self._set_sealed(question, value)
        with self.changing():
            if value in (None, ""):
                self.values.pop(name, None)
            else:
                self.values[name] = value
            self._recompute()
        return self.question_issues(question)

    def changing(self) -> _tree.Change:
        """A block of changes saved as one (``with iv.changing(): ...``): the field states and
        instances before and after are compared and the difference goes to the sink."""
        return _tree.Change(self)

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
        with self.changing() as change:
            if value in (None, ""):
                touched = self.sealed.pop(name, None) is not None
            else:
                if self.sealer is None:
                    raise UserFacingError(NOT_ENROLLED)
                self.sealed[name] = self.sealer(seal_bytes(value))
                touched = True  # a new ciphertext replaces the old one: it must be saved
            del value
            self._recompute()
            if touched:
                change.force(name)
        return self.question_issues(question)

    def _coerce(self, question: Question, raw: Any) -> Any:
        from fieldapp.forms.values import coerce

        names = self.structure.choice_names.get(question.list_name, ()) if question.list_name else ()
        return coerce(question, raw, names)

    def _check(self, expression: str, name: str, value: Any) -> bool:
        """A constraint on ``value`` for question ``name``; an expression that fails is false."""
        ctx = _Context(self.values, "", None, self).at(name, _typed(self, name, value))

        def check() -> bool:
            try:
                return _truthy(_evaluate(expression, ctx))
            except Exception:  # noqa: BLE001 - a failing constraint blocks, it never crashes
                return False

        memo = self.__dict__.get("_eval_memo")  # a bulk validation's (``fieldapp.engine._memo``)
        if memo is None or self.is_sealed_field(name):
            return check()
        return memo.get("check", expression, ctx, check)

    # -- repeat instances (docs/forms.md, "Repeats") ------------------------------------
    def add_instance(self, repeat: str, parent: str = "") -> str:
        """Add an instance at the end of ``repeat`` (in the instance ``parent``); returns its
        path. Refused for a repeat whose count the form sets (``repeat_count``,
        ``jr:noAddRemove``)."""
        return _tree.add_instance(self, repeat, parent)

    def remove_instance(self, instance: str) -> None:
        """Remove a repeat instance and everything in it; later instances move up one."""
        _tree.remove_instance(self, instance)

    def record_parts(self, pairs: bool = False):
        """(instances, field states, sealed answers) of the finalized record: non-relevant
        repeat instances left out, the others renumbered (``_tree.record_parts``); ``pairs``:
        each state as a (value, status) pair instead of a FieldState."""
        return _tree.record_parts(self, pairs)

    def roster(self, repeat: str, parent: str = ""):
        """The roster of a repeat: its instances with a summary label each
        (``fieldapp.engine.roster.Roster``)."""
        from fieldapp.engine.roster import roster

        return roster(self, repeat, parent)

    def hierarchy(self):
        """The whole interview as a tree of groups, rosters, instances and questions
        (``fieldapp.engine.roster.Node``), for a "go to question" view."""
        from fieldapp.engine.roster import hierarchy

        return hierarchy(self)

    def open_instance(self, instance: str) -> Page | None:
        """Go to the first relevant page of a repeat instance (None: it has none)."""
        from fieldapp.engine.roster import open_instance

        return open_instance(self, instance)

    # -- validation -------------------------------------------------------------------------
    def question_issues(self, question: Question) -> list[Issue]:
        name = question.name
        if not self.is_relevant(name) or not question.holds_answer:
            return []
        if self.is_computed(name) or question.read_only:
            return []  # computed or read-only: nothing the interviewer could fix
        if name in self._refused:
            return [self._refused[name]]
        if name in self.sealed:
            return []  # its constraint was checked before sealing; the value is gone
        value = self.values.get(name)
        lang = self.language
        if value in (None, ""):
            if question.required and self._check(question.required, name, ""):
                return [Issue(name, "required", _msg(question.required_message, lang))]
            return []
        if question.constraint:
            ok = self._check(question.constraint, name, value)
            if not ok:
                return [Issue(name, "constraint", _msg(question.constraint_message, lang))]
        return []

    def page_issues(self, page: Page | None = None) -> list[Issue]:
        page = page or self.current_page
        if page is None:
            return []
        return [i for q in self.visible_questions(page) for i in self.question_issues(q)]

    def all_issues(self) -> list[Issue]:
        """The issues of every relevant page, in page order (what ``page_issues`` gives for
        each). Only a question with a required or constraint rule can have one
        (``question_issues``; a refused sealed answer had a constraint), so only those are
        checked: a paper import asks this of every row."""
        relevance = self.relevance
        out: list[Issue] = []
        for p in self.pages():
            checked = [q for q in p.questions if q.required or q.constraint]
            # a page without such a question has no issue: its relevance need not be asked
            if checked and self.page_relevant(p):
                for q in checked:
                    if relevance.get(q.name, True):
                        out.extend(self.question_issues(q))
        return out

    # -- navigation -------------------------------------------------------------------------
    def next_page(self) -> Page | None:
        pages_ = self.relevant_pages()
        keys = [p.key for p in pages_]
        if self.position not in keys:
            return pages_[0] if pages_ else None
        i = keys.index(self.position)
        return pages_[i + 1] if i + 1 < len(pages_) else None

    def previous_page(self) -> Page | None:
        pages_ = self.relevant_pages()
        keys = [p.key for p in pages_]
        if self.position not in keys:
            return None
        i = keys.index(self.position)
        return pages_[i - 1] if i > 0 else None

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
            pages_ = self.relevant_pages()
            self.position = pages_[-1].key if pages_ else ""
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
        """True when the form ended the interview (e.g. consent refused: nothing else relevant).

        A form of one page never ends early: there was nothing after it to skip."""
        relevant = [p for p in self.relevant_pages() if not p.is_roster]
        return len(relevant) <= 1 < len([p for p in self.pages() if not p.is_roster])

    # -- recomputation ----------------------------------------------------------------------
    def _recompute(self) -> None:
        """Relevance, calculations and computed repeat counts to a fixed point
        (``fieldapp.engine._tree.recompute``)."""
        _tree.recompute(self)

    def _computed_value(self, q: Question, raw: Any) -> Any:
        return _tree.computed_value(self, q, raw)


def _sealed_key(structure: _Structure, key: str) -> bool:
    if not structure.sealed:
        return False
    q = structure.question_of(key)
    return q is not None and q.name in structure.sealed


def _msg(messages, lang: str) -> str:
    from fieldapp.forms.model import pick_label

    return pick_label(messages, lang) if messages else ""


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
            seed = to_number(parse(seed_text).evaluate(ctx))
        except Exception:  # noqa: BLE001
            seed = float("nan")
        rng = random.Random(0 if seed != seed else seed)
    else:
        rng = iv.random_source(q.name)
    out = list(choices)
    rng.shuffle(out)
    return out

