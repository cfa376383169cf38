"""A coordinator store holding roster interviews, and what it must hold computed directly.

``roster_world(folder)`` runs issue #13's acceptance scenario with the real code: three
interviews with 0, 2 and 5 family members still inside, entered on two field laptops through
the engine, exported as bundles, merged on the coordinator; then the 5-member interview is
revised on its laptop with member 3 removed, exported again and merged. ``RosterWorld``
holds the coordinator store's folder and, computed directly from the answers typed in (not
read back from any store), the rows the family-member level must have: tables and data
exports over repeat levels can compare themselves with ``expected_members`` and
``expected_interviews``. No test here: tests/core/test_repeats_end_to_end.py uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.forms.xlsform import read_xlsform
from tests.xlsform_builder import write_xlsform

SURVEY = """
| type                | name       | label::English (en)          | label::Korean (ko) | relevant           | calculation                            |
| select_one yn       | consent    | Consent?                     | 동의하십니까?       |                    |                                        |
| begin repeat        | family     | Family member still inside   | 북한에 남은 가족    | ${consent} = 'yes' |                                        |
| select_one rel      | relation   | Relation                     | 관계               |                    |                                        |
| select_one agegroup | age_group  | Age group                    | 연령대             |                    |                                        |
| select_one yn       | detained   | Ever detained?               | 구금된 적이 있습니까? |                    |                                        |
| end repeat          |            |                              |                    |                    |                                        |
| calculate           | n_family   |                              |                    |                    | count(${family})                       |
| calculate           | n_detained |                              |                    |                    | count(/data/family[detained = 'yes'])  |
"""
CHOICES = """
| list_name | name    | label::English (en) | label::Korean (ko) |
| yn        | yes     | Yes                 | 예                 |
| yn        | no      | No                  | 아니오             |
| rel       | mother  | Mother              | 어머니             |
| rel       | father  | Father              | 아버지             |
| rel       | sibling | Brother or sister   | 형제자매           |
| rel       | child   | Son or daughter     | 자녀               |
| agegroup  | u18     | Under 18            | 18세 미만          |
| agegroup  | a18_39  | 18 to 39            | 18-39세            |
| agegroup  | a40_59  | 40 to 59            | 40-59세            |
| agegroup  | a60     | 60 or older         | 60세 이상          |
| province  | north   | North Hamgyong      | 함경북도           |
| province  | ryang   | Ryanggang           | 양강도             |
"""

#: The scenario's form also asks the respondent's province (tables break entries down by it);
#: ``make_form`` alone keeps the plain roster form other tests lay pages out from.
PROVINCE_ROW = ("| select_one province | province   | Province of origin           | 출신 지역          |"
                "                    |                                        |\n")
SURVEY_WITH_PROVINCE = SURVEY.replace("| begin repeat ", PROVINCE_ROW + "| begin repeat ", 1)

#: The three interviews: (laptop, province, family members as (relation, age group, detained)).
INTERVIEWS = [
    ("A", "north", []),
    ("A", "ryang", [("mother", "a60", "no"), ("sibling", "a18_39", "yes")]),
    ("B", "north", [("father", "a60", "yes"), ("mother", "a60", "no"), ("sibling", "a40_59", "yes"),
                    ("child", "u18", "no"), ("sibling", "a18_39", "no")]),
]
#: The revision: interview 3 without its third member (the later ones move up one).
REVISED = 2
REMOVED = 3


def make_form(folder: Path, with_province: bool = False):
    path = write_xlsform(Path(folder) / "roster-form.xlsx", SURVEY_WITH_PROVINCE if with_province else SURVEY,
                         CHOICES,
                         {"form_id": "roster", "version": "1", "default_language": "English (en)"})
    return read_xlsform(path)


@dataclass
class RosterWorld:
    coordinator: Path
    form: object
    #: interview id -> its members as typed, after the revision, in roster order
    members: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    #: interview id -> the respondent's province as typed
    provinces: dict[str, str] = field(default_factory=dict)
    #: interview id -> its pseudonym (what exports identify a respondent by)
    pseudonyms: dict[str, str] = field(default_factory=dict)

    @property
    def expected_members(self) -> list[dict]:
        """The family-member level as it must be: one row per member still listed."""
        return [{"interview_id": iid, "instance": f"family[{n}]", "parent": "",
                 "relation": rel, "age_group": age, "detained": det}
                for iid, members in self.members.items()
                for n, (rel, age, det) in enumerate(members, 1)]

    @property
    def expected_interviews(self) -> dict[str, dict]:
        """Per interview: how many members, how many of them ever detained."""
        return {iid: {"n_family": len(m), "n_detained": sum(d == "yes" for _r, _a, d in m)}
                for iid, m in self.members.items()}


def _enter(repo, province, members) -> tuple[str, str]:
    iv = repo.start("roster", language="en")
    iv.set_answer("consent", "yes")
    iv.set_answer("province", province)
    roster = iv.roster("family")
    for entry in reversed(roster.entries):  # the form's primary instance has one member
        iv.remove_instance(entry.instance)
    for n, (relation, age_group, detained) in enumerate(members, 1):
        instance = iv.add_instance("family")
        assert instance == f"family[{n}]"
        iv.set_answer(f"{instance}/relation", relation)
        iv.set_answer(f"{instance}/age_group", age_group)
        iv.set_answer(f"{instance}/detained", detained)
    repo.finalize(iv)
    return iv.id, iv.pseudonym


def revise_on_laptop(laptop, form, interview_id: str, record: dict, remove: str) -> None:
    """Write revision 2 of an exported interview into its laptop's store, as a revising
    screen would (fieldapp has none yet): the record's answers restored into the engine, one
    roster member removed, the interview finalized again with the next revision."""
    from fieldapp.engine.interview import Interview
    from fieldapp.store.interviews import InterviewRepo

    values = {k: v for k, (v, st) in record["answers"].items() if st == "answered"}
    iv = Interview.restore(form, interview_id, record["pseudonym"], record["language"], values,
                           "review", instances=record["instances"])
    iv.remove_instance(remove)
    iv.revision = record["revision"] + 1
    with laptop.transaction() as conn:
        conn.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
    with laptop.transaction() as conn:
        from fieldapp.store.interviews import insert_finalized

        insert_finalized(laptop, conn, [iv], "interview")
    assert InterviewRepo(laptop).instances(interview_id) == iv.instances()


def roster_world(folder: Path) -> RosterWorld:
    from fieldapp.exchange.export import export_bundle
    from fieldapp.exchange.importer import import_bundles
    from fieldapp.exchange.keys import project_key_file
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import InterviewRepo
    from fieldapp.store.records import record
    from tests.core.storetools import PASSPHRASE

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    form = make_form(folder, with_province=True)
    stick = folder / "stick"
    stick.mkdir()
    world = RosterWorld(folder / "coordinator", form)
    with Store.create(world.coordinator, PASSPHRASE, "coordinator") as coord:
        add_form(coord, form)
        with coord.reading() as conn:
            key = project_key_file(conn)
    laptops = {}
    for name in ("A", "B"):
        laptops[name] = folder / f"laptop-{name}"
        with Store.create(laptops[name], PASSPHRASE, "interviewer") as laptop:
            add_form(laptop, form)
    ids = []
    for name, province, members in INTERVIEWS:
        with Store.open(laptops[name], PASSPHRASE) as laptop:
            iid, pseudonym = _enter(InterviewRepo(laptop), province, members)
        ids.append(iid)
        world.members[iid] = list(members)
        world.provinces[iid] = province
        world.pseudonyms[iid] = pseudonym
    from tests.core.test_exchange_support import key_words, words_of

    bundles = []
    for name in ("A", "B"):
        with Store.open(laptops[name], PASSPHRASE) as laptop:
            bundles.append(export_bundle(laptop, stick, key, words=key_words(key)).path)
    trust = [words_of(laptops[name]) for name in ("A", "B")]
    with Store.open(world.coordinator, PASSPHRASE) as coord:
        reports = import_bundles(coord, bundles, trust=trust)
        assert [r.new for r in reports] == [2, 1], [r.summary() for r in reports]
        with coord.reading() as conn:
            held, _sealed = record(conn, ids[REVISED])
    with Store.open(laptops["B"], PASSPHRASE) as laptop:
        revise_on_laptop(laptop, form, ids[REVISED], held, f"family[{REMOVED}]")
        again = export_bundle(laptop, stick, key).path
    with Store.open(world.coordinator, PASSPHRASE) as coord:
        [report] = import_bundles(coord, [again])
        assert (report.updated, report.new, report.conflict) == (1, 0, 0), report.summary()
        assert not report.notices, [n.english() for n in report.notices]
    del world.members[ids[REVISED]][REMOVED - 1]
    return world
