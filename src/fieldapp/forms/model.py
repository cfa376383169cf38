"""The immutable Form model: what an XLSForm means once it has been read and checked.

Everything downstream (engine, store, exchange, analysis, GUI) works on these objects and
never on workbook cells. Labels are keyed by language *name* as written in the workbook
(``label::English (en)`` -> ``"English (en)"``; a plain ``label`` column -> ``"default"``);
``Form.language_key`` maps a code such as ``ko`` to that name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

DEFAULT_LANG = "default"

#: Question types that hold an answer the interviewer gives (docs/forms.md, "Question types").
INPUT_TYPES = frozenset({
    "select_one", "select_multiple", "text", "integer", "decimal", "date", "time", "dateTime",
    "range", "rank", "barcode", "acknowledge",
})
#: Locations: a laptop never reads one from hardware. Shown as "not recorded on this laptop"
#: and stored as not applicable, unless the question opts in to typed coordinates
#: (appearance ``typed-coordinates``), which are then an answer like any other.
LOCATION_TYPES = frozenset({"geopoint", "geotrace", "geoshape"})
#: Media questions. The captured ones (issue #16) hold an answer: the reference of a media
#: kept inside the store (``fieldapp.store.media``, decision 0013); ``osm`` (an OpenMapKit
#: feature) is shown as not recorded and stored as not applicable.
MEDIA_TYPES = frozenset({"image", "audio", "video", "file", "osm", "background-audio"})
CAPTURED_MEDIA_TYPES = frozenset({"image", "audio", "video", "file", "background-audio"})
#: Types that are shown but hold no answer.
DISPLAY_TYPES = frozenset({"note"})
#: Types computed by the form, never shown as input (pyxform's ``hidden`` is read as a
#: calculate of its default).
COMPUTED_TYPES = frozenset({"calculate"})
#: Metadata the device would fill in. ``start``, ``end`` and ``today`` are readable in
#: expressions (laptop clock) but never stored; the identifiers are never collected and read
#: as '' (SECURITY.md: no device or person identifiers in answers).
METADATA_TYPES = frozenset({
    "start", "end", "today", "deviceid", "username", "phonenumber", "email", "simserial",
    "subscriberid", "audit", "start-geopoint", "background-geopoint",
})
TYPED_COORDINATES = "typed-coordinates"

_CODE_RE = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\)\s*$")


def _frozen(mapping: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Choice:
    name: str
    labels: Mapping[str, str]
    row: int
    #: Extra columns of the choices sheet (used by choice_filter), by column name.
    extra: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: The ``image`` / ``image::<language>`` columns: language -> a file of the form's media.
    images: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def label(self, lang: str = DEFAULT_LANG) -> str:
        return pick_label(self.labels, lang) or self.name

    def image(self, lang: str = DEFAULT_LANG) -> str:
        """The file of the choice's image in ``lang`` (falling back like labels), or ''."""
        return pick_label(self.images, lang)


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]

    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.choices)

    def get(self, name: str) -> Choice | None:
        for c in self.choices:
            if c.name == name:
                return c
        return None


@dataclass(frozen=True)
class Question:
    """One row of the survey sheet that is not a group or repeat boundary."""

    name: str
    type: str  # one of INPUT_TYPES | DISPLAY_TYPES | COMPUTED_TYPES
    row: int  # Excel row number on the survey sheet
    labels: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    hints: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    list_name: str | None = None  # for select_one / select_multiple
    required: str | None = None  # expression; "true()" for required=yes
    required_message: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    relevant: str | None = None
    constraint: str | None = None
    constraint_message: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    calculation: str | None = None
    default: str | None = None
    choice_filter: str | None = None
    appearance: str = ""
    read_only: bool = False
    #: Excluded from data exports unless asked for (survey column ``private``).
    private: bool = False
    #: Sealed to the coordinator at entry (survey column ``seal``).
    seal: bool = False
    #: Names of enclosing groups, outermost first.
    path: tuple[str, ...] = ()
    #: The ``parameters`` column (range start/end/step, randomize, seed ...), by key.
    parameters: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    #: The ``image`` / ``image::<language>`` (``media::image``) columns: language -> a file
    #: of the form's media, shown above the answer (docs/forms.md, "Form images").
    images: Mapping[str, str] = field(default_factory=lambda: _frozen(None))

    @property
    def is_select(self) -> bool:
        return self.type in ("select_one", "select_multiple", "rank")

    @property
    def xlsform_name(self) -> str:
        """The name as written in the workbook. ``name`` is the form-wide unique key: the
        same, or ``group/.../name`` where pyxform allows a name twice (different groups)."""
        return self.name.rsplit("/", 1)[-1]

    @property
    def typed_location(self) -> bool:
        return self.type in LOCATION_TYPES and TYPED_COORDINATES in self.appearance.split()

    @property
    def not_recorded(self) -> bool:
        """Shown, but never answered on a laptop (a location or media question)."""
        return (self.type in LOCATION_TYPES and not self.typed_location) or self.type == "osm"

    @property
    def is_media(self) -> bool:
        """A photo, audio, video or file question (its answer is a media in the store)."""
        return self.type in CAPTURED_MEDIA_TYPES

    @property
    def holds_answer(self) -> bool:
        return self.type in INPUT_TYPES or self.typed_location or self.is_media

    @property
    def stored(self) -> bool:
        """The fields an interview record carries (a value and a status each): answers,
        calculations, and location/media questions, recorded as not applicable."""
        return self.holds_answer or self.type == "calculate" or self.not_recorded

    def label(self, lang: str = DEFAULT_LANG) -> str:
        return pick_label(self.labels, lang) or self.name

    def hint(self, lang: str = DEFAULT_LANG) -> str:
        return pick_label(self.hints, lang)

    def image(self, lang: str = DEFAULT_LANG) -> str:
        """The file of the question's image in ``lang`` (falling back like labels), or ''."""
        return pick_label(self.images, lang)


@dataclass(frozen=True)
class Group:
    """A group (or repeat) of questions; the root of a form is a Group named after the form."""

    name: str
    row: int
    children: tuple[Question | Group, ...]
    labels: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    relevant: str | None = None
    appearance: str = ""
    repeat: bool = False
    path: tuple[str, ...] = ()
    #: A repeat's ``repeat_count`` expression (fixed or computed), None when unbounded.
    repeat_count: str | None = None
    #: ``jr:noAddRemove`` (the ``body::jr:noAddRemove`` column): the interviewer can neither
    #: add nor remove instances; the repeat keeps the instances the form gives it.
    no_add_remove: bool = False

    @property
    def fixed_count(self) -> bool:
        """True when the form, not the interviewer, decides how many instances there are."""
        return self.repeat and (self.repeat_count is not None or self.no_add_remove)

    @property
    def field_list(self) -> bool:
        return "field-list" in self.appearance.split()

    def label(self, lang: str = DEFAULT_LANG) -> str:
        return pick_label(self.labels, lang)

    def walk(self) -> Iterator[Question | Group]:
        """Every node below this group, depth first, in form order."""
        for child in self.children:
            yield child
            if isinstance(child, Group):
                yield from child.walk()


@dataclass(frozen=True)
class Form:
    form_id: str
    version: str
    title: str
    root: Group
    choice_lists: Mapping[str, ChoiceList]
    languages: tuple[str, ...] = (DEFAULT_LANG,)
    default_language: str = DEFAULT_LANG
    #: SHA-256 (hex) of the workbook bytes the form was read from and, when it has attached
    #: files, of those too (``fieldapp.forms.attachments.form_hash``).
    source_sha256: str = ""
    #: Files installed with the form (external choices, ``pulldata`` data): name -> rows,
    #: each row a column -> text mapping. Kept inside the store with the definition.
    attachments: Mapping[str, tuple[Mapping[str, str], ...]] = field(
        default_factory=lambda: MappingProxyType({}))
    #: The form's media files (question and choice images): name -> SHA-256 (hex). Their
    #: bytes are installed with the form inside the store (``store.forms``, table
    #: ``form_media``), never in the definition.
    media: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def has_repeats(self) -> bool:
        return any(isinstance(n, Group) and n.repeat for n in self.root.walk())

    def nodes(self) -> Iterator[Question | Group]:
        return self.root.walk()

    def questions(self) -> list[Question]:
        return [n for n in self.root.walk() if isinstance(n, Question)]

    def question(self, name: str) -> Question:
        for q in self.questions():
            if q.name == name:
                return q
        raise KeyError(name)

    def choices_for(self, question: Question) -> ChoiceList:
        if not question.list_name:
            raise KeyError(question.name)
        return self.choice_lists[question.list_name]

    def language_key(self, lang: str | None) -> str:
        """Map a language code (``ko``), name (``Korean``) or full key to a label key."""
        if not lang:
            return self.default_language
        if lang in self.languages:
            return lang
        for key in self.languages:
            m = _CODE_RE.search(key)
            if m and m.group(1).lower() == lang.lower():
                return key
            if key.split("(")[0].strip().lower() == lang.lower():
                return key
        return self.default_language


def pick_label(labels: Mapping[str, str], lang: str) -> str:
    """The label in ``lang``, else the default-language label, else any label, else ''."""
    if lang in labels and labels[lang]:
        return labels[lang]
    if labels.get(DEFAULT_LANG):
        return labels[DEFAULT_LANG]
    for value in labels.values():
        if value:
            return value
    return ""


def language_code(key: str) -> str | None:
    """``"Korean (ko)"`` -> ``"ko"``; None when the key carries no code."""
    m = _CODE_RE.search(key)
    return m.group(1).lower() if m else None
