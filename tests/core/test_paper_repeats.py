"""Paper import of a form with repeats (issue #13): one file or sheet per level, rows keyed to
their parent rows, in the shapes ODK Central / Briefcase (CSV per level, ``KEY``/``PARENT_KEY``)
and KoboToolbox (XLSX, a sheet per repeat, ``_index``/``_parent_index``) export, so data
exported there can be keyed back in. All files or nothing; problems name file, sheet, row, column.

The export shapes are copied from the tools' own tests: ODK Central's
test/unit/data/briefcase.js (``form.csv``, ``form-repeat.csv``: values, ``PARENT_KEY``,
``KEY`` = ``uuid:…/group/repeat[n]``; group columns ``group-question``), ODK Briefcase's
docs/export-format.md (``SET-OF-repeat`` columns), KoboToolbox formpack's tests/test_exports.py
(sheets named by repeat; ``_index`` numbering each sheet, ``_parent_table_name``,
``_parent_index``, ``_submission__uuid``; select_multiple detail columns ``q/choice``).
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from fieldapp.cli import main
from fieldapp.engine.paper import instance_interview_id
from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, files_containing, snapshot
from tests.xlsform_builder import write_xlsform

FORM_ID = "family_paper"
SURVEY = """
| type                   | name       | label::English (en) | relevant            | constraint                 | repeat_count  | calculation        |
| start                  | start      |                     |                     |                            |               |                    |
| end                    | end        |                     |                     |                            |               |                    |
| select_one yn          | consent    | Consent?            |                     |                            |               |                    |
| integer                | n_children | Children?           | ${consent} = 'yes'  | . >= 0 and . <= 6          |               |                    |
| begin repeat           | family     | Family member       | ${consent} = 'yes'  |                            |               |                    |
| select_one rel         | relation   | Relation            |                     |                            |               |                    |
| select_one yn          | detained   | Ever detained?      |                     |                            |               |                    |
| text                   | note_text  | Anything else?      |                     |                            |               |                    |
| begin repeat           | episode    | Detention episode   | ${detained} = 'yes' |                            |               |                    |
| integer                | year       | Year                |                     | . >= 1950 and . <= 2017    |               |                    |
| select_multiple treat  | treatment  | Treatment           |                     |                            |               |                    |
| end repeat             |            |                     |                     |                            |               |                    |
| end repeat             |            |                     |                     |                            |               |                    |
| begin repeat           | child      | Child               | ${consent} = 'yes'  |                            | ${n_children} |                    |
| begin group            | details    | Details             |                     |                            |               |                    |
| integer                | child_age  | Age                 |                     | . < 18                     |               |                    |
| end group              |            |                     |                     |                            |               |                    |
| end repeat             |            |                     |                     |                            |               |                    |
| calculate              | n_family   |                     |                     |                            |               | count(${family})   |
"""
CHOICES = """
| list_name | name         | label::English (en) |
| yn        | yes          | Yes                 |
| yn        | no           | No                  |
| rel       | mother       | Mother              |
| rel       | sibling      | Sibling             |
| treat     | beating      | Beating             |
| treat     | forced_work  | Forced labour       |
| treat     | no_food      | Food withheld       |
"""

U1, U2, U3 = ("uuid:6b1c2c58-2f39-4b0a-9f0e-0d6a1e3b0a01", "uuid:6b1c2c58-2f39-4b0a-9f0e-0d6a1e3b0a02",
              "uuid:6b1c2c58-2f39-4b0a-9f0e-0d6a1e3b0a03")
CANARY = "CANARY-hoeryong-7d1e"

# ODK Central's CSV export of three submissions (one per respondent), as its zip holds them.
CENTRAL = {
    f"{FORM_ID}.csv": f"""\
SubmissionDate,consent,n_children,n_family,meta-instanceID,KEY,SubmitterID,SubmitterName,AttachmentsPresent,AttachmentsExpected,Status,ReviewState,DeviceID,Edits,FormVersion
2024-05-02T09:14:11.000Z,yes,0,2,{U1},{U1},5,field-1,0,0,,,,0,1
2024-05-02T10:01:40.000Z,yes,2,0,{U2},{U2},5,field-1,0,0,,,,0,1
2024-05-03T08:45:02.000Z,no,,0,{U3},{U3},6,field-2,0,0,,,,0,1
""",
    f"{FORM_ID}-family.csv": f"""\
relation,detained,note_text,PARENT_KEY,KEY
mother,no,{CANARY},{U1},{U1}/family[1]
sibling,yes,,{U1},{U1}/family[2]
""",
    f"{FORM_ID}-episode.csv": f"""\
year,treatment,PARENT_KEY,KEY
2009,beating forced_work,{U1}/family[2],{U1}/family[2]/episode[1]
2012,no_food,{U1}/family[2],{U1}/family[2]/episode[2]
""",
    f"{FORM_ID}-child.csv": f"""\
details-child_age,PARENT_KEY,KEY
5,{U2},{U2}/child[1]
12,{U2},{U2}/child[2]
""",
}

#: What the store must hold afterwards, typed in directly from the files above.
EXPECTED = {
    U1: {"consent": "yes", "n_children": 0, "n_family": 2,
         "family[1]/relation": "mother", "family[1]/detained": "no", "family[1]/note_text": CANARY,
         "family[2]/relation": "sibling", "family[2]/detained": "yes",
         "family[2]/episode[1]/year": 2009, "family[2]/episode[1]/treatment": "beating forced_work",
         "family[2]/episode[2]/year": 2012, "family[2]/episode[2]/treatment": "no_food"},
    U2: {"consent": "yes", "n_children": 2, "n_family": 0,
         "child[1]/child_age": 5, "child[2]/child_age": 12},
    U3: {"consent": "no", "n_family": 0},
}
INSTANCES = {
    U1: ["family[1]", "family[2]", "family[2]/episode[1]", "family[2]/episode[2]"],
    U2: ["child[1]", "child[2]"],
    U3: [],
}


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    form = write_xlsform(tmp_path / "form.xlsx", SURVEY, CHOICES,
                         {"form_id": FORM_ID, "version": "1", "title": "Family still inside (paper)"})
    path = tmp_path / "store"
    assert main(["init", str(path), "--role", "coordinator"]) == 0
    assert main(["form", "add", str(path), str(form)]) == 0
    return path


def write_files(folder, files: dict[str, str], edit=None):
    folder.mkdir(exist_ok=True)
    out = []
    for name, text in files.items():
        if edit:
            text = edit(name, text)
        (folder / name).write_text(text, encoding="utf-8")
        out.append(folder / name)
    return out


def stored(store_path):
    with Store.open(store_path, PASSPHRASE) as s:
        repo = InterviewRepo(s)
        out = {}
        for uuid in EXPECTED:
            iid = instance_interview_id(FORM_ID, uuid)
            answers = {k: st.value for k, st in repo.answers(iid).items() if st.status == "answered"}
            out[uuid] = (answers, repo.instances(iid))
        assert s.verify() == []
        return out


def assert_as_typed(store_path):
    for uuid, (answers, instances) in stored(store_path).items():
        assert answers == EXPECTED[uuid], uuid
        assert instances == INSTANCES[uuid], uuid


def test_odk_central_csv_per_level_imports_every_level(tmp_path, store, capsys):
    files = write_files(tmp_path / "central", CENTRAL)
    # the shell's glob order puts form-child.csv before form.csv: order must not matter
    args = ["responses", "import", str(store), "--form", FORM_ID, *sorted(map(str, files))]
    assert main([*args, "--dry-run"]) == 0
    assert "all 3 rows are valid" in capsys.readouterr().out
    assert main(args) == 0
    assert "imported 3 finalized interviews" in capsys.readouterr().out
    assert_as_typed(store)
    with Store.open(store, PASSPHRASE) as s:
        iid = instance_interview_id(FORM_ID, U3)
        assert InterviewRepo(s).answers(iid)["n_children"].status == "not_applicable"
    # the same set of files again: recognised, in any order
    assert main(["responses", "import", str(store), "--form", FORM_ID, *map(str, reversed(files))]) == 1
    assert "already imported on 20" in capsys.readouterr().err
    assert main([*args, "--again"]) == 0
    assert "3 already present (same instanceID)" in capsys.readouterr().out
    for f in files:
        f.unlink()  # the user's own files are theirs; nothing else may hold the canary
    assert files_containing(tmp_path, [CANARY.encode()]) == []


def test_briefcase_set_of_columns_are_accepted(tmp_path, store):
    def briefcase(name, text):
        if name == f"{FORM_ID}.csv":  # Briefcase adds SET-OF-<repeat> columns to the parent
            lines = text.splitlines()
            lines[0] += ",SET-OF-family,SET-OF-child"
            lines[1:] = [f"{line},{line.split(',')[5]}/family,{line.split(',')[5]}/child" for line in lines[1:]]
            return "\n".join(lines) + "\n"
        if name.endswith("-episode.csv"):
            lines = text.splitlines()
            lines[0] += ",SET-OF-episode"
            lines[1:] = [f"{line},{line.split(',')[2]}/episode" for line in lines[1:]]
            return "\n".join(lines) + "\n"
        return text

    files = write_files(tmp_path / "briefcase", CENTRAL, briefcase)
    assert main(["responses", "import", str(store), "--form", FORM_ID, *map(str, files)]) == 0
    assert_as_typed(store)


def kobo_workbook(path, edit=None):
    """KoboToolbox's XLSX export ("XML values and headers"): a sheet per section, the main one
    named by the form's title, ``_index`` counting each sheet's rows across submissions."""
    copies = ["_submission__id", "_submission__uuid", "_submission__submission_time",
              "_submission__validation_status", "_submission__notes", "_submission__status",
              "_submission__submitted_by", "_submission___version__", "_submission__tags"]
    main_cols = ["start", "end", "consent", "n_children", "n_family", "__version__", "meta/instanceID",
                 "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
                 "_submitted_by", "_tags", "_index"]
    subs = [(U1, "yes", "0", "2", 301), (U2, "yes", "2", "0", 302), (U3, "no", "", "0", 303)]
    sheets = {
        "Family still inside (paper)": [main_cols] + [
            ["2024-05-02T09:00:00.000+09:00", "2024-05-02T09:14:11.000+09:00", c, n, f, "vSdCWi7ko3", u,
             i, u[5:], "2024-05-02T09:14:11", "", "", "submitted_via_web", "", "", k]
            for k, (u, c, n, f, i) in enumerate(subs, 1)],
        "family": [["family/relation", "family/detained", "family/note_text", "_index",
                    "_parent_table_name", "_parent_index", *copies],
                   ["mother", "no", CANARY, 1, "Family still inside (paper)", 1, 301, U1[5:]] + [""] * 7,
                   ["sibling", "yes", "", 2, "Family still inside (paper)", 1, 301, U1[5:]] + [""] * 7],
        "episode": [["family/episode/year", "family/episode/treatment", "family/episode/treatment/beating",
                     "family/episode/treatment/forced_work", "family/episode/treatment/no_food",
                     "_parent_table_name", "_parent_index", *copies],
                    ["2009", "beating forced_work", "1", "1", "0", "family", 2, 301, U1[5:]] + [""] * 7,
                    ["2012", "no_food", "0", "0", "1", "family", 2, 301, U1[5:]] + [""] * 7],
        "child": [["child/details/child_age", "_parent_table_name", "_parent_index", *copies],
                  ["5", "Family still inside (paper)", 2, 302, U2[5:]] + [""] * 7,
                  ["12", "Family still inside (paper)", 2, 302, U2[5:]] + [""] * 7],
    }
    if edit:
        edit(sheets)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_kobotoolbox_xlsx_with_a_sheet_per_repeat_imports_every_level(tmp_path, store, capsys):
    path = kobo_workbook(tmp_path / "kobo.xlsx")
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path)]) == 0
    assert "imported 3" in capsys.readouterr().out
    assert_as_typed(store)  # Kobo's _uuid is the instanceID: the same interviews as from Central


def test_kobotoolbox_select_multiple_detail_columns_alone(tmp_path, store):
    def only_details(sheets):
        episode = sheets["episode"]
        for row in episode:
            del row[1]  # no space-separated summary column: the 1/0 columns say it
    path = kobo_workbook(tmp_path / "kobo.xlsx", only_details)
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path)]) == 0
    assert_as_typed(store)


def test_a_bad_entry_in_one_file_refuses_all_files(tmp_path, store, capsys):
    def bad(name, text):
        return text.replace("2012,no_food", "1812,no_food") if name.endswith("-episode.csv") else text

    files = write_files(tmp_path / "bad", CENTRAL, bad)
    before = snapshot(store)
    assert main(["responses", "import", str(store), "--form", FORM_ID, *map(str, files)]) == 1
    err = capsys.readouterr().err
    assert f"{FORM_ID}-episode.csv, row 3, column year: the answer breaks the question's constraint" in err
    assert "nothing was imported" in err and "1812" not in err
    assert snapshot(store) == before


def test_problems_name_the_sheet_of_a_workbook(tmp_path, store, capsys):
    def bad(sheets):
        sheets["child"][2][0] = "19"  # child_age < 18
        sheets["family"][1][0] = "cousin"  # not a choice
    path = kobo_workbook(tmp_path / "kobo.xlsx", bad)
    before = snapshot(store)
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path)]) == 1
    err = capsys.readouterr().err
    assert "kobo.xlsx, sheet child, row 3, column child/details/child_age: the answer breaks" in err
    assert "kobo.xlsx, sheet family, row 2, column family/relation: not one of the choices (mother, sibling)" in err
    assert "cousin" not in err
    assert snapshot(store) == before


def test_an_entry_whose_parent_row_is_missing_is_refused(tmp_path, store, capsys):
    def orphan(name, text):
        return text.replace(f"{U1}/family[2],{U1}/family[2]/episode[2]",
                            f"{U1}/family[9],{U1}/family[9]/episode[1]") if name.endswith("-episode.csv") else text

    files = write_files(tmp_path / "orphan", CENTRAL, orphan)
    assert main(["responses", "import", str(store), "--form", FORM_ID, *map(str, files)]) == 1
    err = capsys.readouterr().err
    assert f"{FORM_ID}-episode.csv, row 3, column PARENT_KEY: no row of {FORM_ID}-family.csv has this key" in err


def test_a_repeat_question_in_the_respondents_table_is_refused(tmp_path, store, capsys):
    def misplaced(name, text):
        if name == f"{FORM_ID}.csv":
            lines = text.splitlines()
            return "\n".join([lines[0] + ",relation"] + [line + "," for line in lines[1:]]) + "\n"
        return text

    files = write_files(tmp_path / "misplaced", CENTRAL, misplaced)
    assert main(["responses", "import", str(store), "--form", FORM_ID, *map(str, files)]) == 1
    err = capsys.readouterr().err
    assert (f"{FORM_ID}.csv, row 1, column relation: the question belongs in the table of the repeat family "
            "(one row per entry)") in err


def test_entries_must_match_the_forms_repeat_count(tmp_path, store, capsys):
    def one_child_missing(name, text):
        return text.replace(f"12,{U2},{U2}/child[2]\n", "") if name.endswith("-child.csv") else text

    files = write_files(tmp_path / "count", CENTRAL, one_child_missing)
    assert main(["responses", "import", str(store), "--form", FORM_ID, *map(str, files)]) == 1
    err = capsys.readouterr().err
    assert f"{FORM_ID}.csv, row 3: the form gives the repeat child 2 entries here; the files give 1" in err


def test_a_repeat_file_without_its_parent_level_is_refused(tmp_path, store, capsys):
    files = write_files(tmp_path / "partial", {k: v for k, v in CENTRAL.items() if not k.endswith("-family.csv")})
    assert main(["responses", "import", str(store), "--form", FORM_ID, *map(str, files)]) == 1
    err = capsys.readouterr().err
    assert (f"{FORM_ID}-episode.csv: the entries of the repeat episode need the table of the repeat family "
            "(one row per entry) too") in err


def test_the_respondents_file_alone_imports_without_entries(tmp_path, store):
    rows = list(csv.reader(io.StringIO(CENTRAL[f"{FORM_ID}.csv"])))
    rows[2][2] = "0"  # respondent 2 without children: no child rows needed
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    [path] = write_files(tmp_path / "alone", {f"{FORM_ID}.csv": out.getvalue()})
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path)]) == 0
    with Store.open(store, PASSPHRASE) as s:
        assert InterviewRepo(s).instances(instance_interview_id(FORM_ID, U1)) == []
