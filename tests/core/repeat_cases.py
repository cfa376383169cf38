"""Repeat cases run in both fieldapp and JavaRosa (tests/core/test_repeats_javarosa.py).

Each case is an XLSForm (markdown tables, tests/xlsform_builder.py) and a script in
fieldapp's terms: ``("answer", field key, value)``, ``("add", repeat, parent instance)``,
``("remove", instance)``, then queries ``("get", field key)``, ``("relevant", field key)``,
``("count", repeat key in its parent)``. The test translates the script into XPath for
JavaRosa (via pyxform's XForm of the same workbook) and compares every query.

Most are JavaRosa's own public repeat tests (getodk/javarosa, src/test/java: RepeatTest,
IndexedRepeatTest, IndexedRepeatRelativeRefsTest, TriggerableDagTest's repeat-count tests),
rewritten as XLSForms; the rest cover what issue #13 lists (positions, counts, relevance
inside instances, sum/min/max over instances, choice names, defaults in new instances).
"""

from __future__ import annotations

CASES: dict[str, dict] = {}


def case(name: str, survey: str, script: list[tuple], choices: str | None = None) -> None:
    CASES[name] = {"survey": survey, "choices": choices, "script": script}


# -- JavaRosa RepeatTest.absoluteSingleNodePaths_areQualified_forLegacyPurposes ------------------
case("absolute paths are qualified by the context instance", """
| type         | name         | label | calculation             |
| begin repeat | outer        | Outer |                         |
| integer      | outerq1      | Q1    |                         |
| calculate    | outercalcabs |       | /data/outer/outerq1 + 1 |
| calculate    | outercalcrel |       | ../outerq1 + 1          |
| begin repeat | inner        | Inner |                         |
| integer      | innerq1      | Q1    |                         |
| calculate    | innercalcabs |       | /data/outer/inner/innerq1 + 2 |
| calculate    | innercalcrel |       | ../innerq1 + 2          |
| end repeat   |              |       |                         |
| end repeat   |              |       |                         |
""", [
    ("answer", "outer[1]/outerq1", 5),
    ("get", "outer[1]/outercalcabs"), ("get", "outer[1]/outercalcrel"),
    ("add", "outer", ""),
    ("answer", "outer[2]/outerq1", 23),
    ("get", "outer[2]/outercalcabs"), ("get", "outer[2]/outercalcrel"),
    ("answer", "outer[1]/inner[1]/innerq1", 18),
    ("get", "outer[1]/inner[1]/innercalcabs"), ("get", "outer[1]/inner[1]/innercalcrel"),
    ("add", "inner", "outer[1]"),
    ("answer", "outer[1]/inner[2]/innerq1", 19),
    ("get", "outer[1]/inner[2]/innercalcabs"), ("get", "outer[1]/inner[2]/innercalcrel"),
    ("count", "outer"), ("count", "outer[1]/inner"), ("count", "outer[2]/inner"),
])

# -- JavaRosa IndexedRepeatTest.getsIndexedValueInSingleRepeat ----------------------------------
case("indexed-repeat in a repeat inside a group", """
| type         | name        | label  | calculation                                  |
| integer      | index       | Index  |                                              |
| begin group  | outer_group | Group  |                                              |
| begin repeat | repeat      | Repeat |                                              |
| text         | inside      | Inside |                                              |
| end repeat   |             |        |                                              |
| end group    |             |        |                                              |
| calculate    | calc        |        | indexed-repeat(${inside}, ${repeat}, ${index}) |
""", [
    ("answer", "repeat[1]/inside", "index1"),
    ("add", "repeat", ""), ("answer", "repeat[2]/inside", "index2"),
    ("add", "repeat", ""), ("answer", "repeat[3]/inside", "index3"),
    ("answer", "index", 2), ("get", "calc"),
    ("answer", "index", 1), ("get", "calc"),
    ("answer", "index", 3), ("get", "calc"),
    ("answer", "index", 0), ("get", "calc"),  # an index below 1 reads the first (JavaRosa)
])

# -- JavaRosa IndexedRepeatTest.getsIndexedValueUsingParallelRepeatPosition ---------------------
case("indexed-repeat with position(..) of a parallel repeat", """
| type         | name         | label | calculation                                           |
| begin repeat | repeat1      | R1    |                                                       |
| text         | inside1      | In 1  |                                                       |
| end repeat   |              |       |                                                       |
| begin repeat | repeat2      | R2    |                                                       |
| text         | inside2      | In 2  |                                                       |
| calculate    | from_repeat1 |       | indexed-repeat(${inside1}, ${repeat1}, position(..))  |
| end repeat   |              |       |                                                       |
""", [
    ("answer", "repeat1[1]/inside1", "index1"),
    ("add", "repeat1", ""), ("add", "repeat2", ""), ("answer", "repeat1[2]/inside1", "index2"),
    ("add", "repeat1", ""), ("add", "repeat2", ""), ("answer", "repeat1[3]/inside1", "index3"),
    ("get", "repeat2[1]/from_repeat1"), ("get", "repeat2[2]/from_repeat1"),
    ("get", "repeat2[3]/from_repeat1"),
])

# -- JavaRosa IndexedRepeatTest.handlesRepeatsTwoDeep (nested indexes) --------------------------
case("indexed-repeat two deep", """
| type         | name     | label | calculation                                                                   |
| begin repeat | r1       | R1    |                                                                               |
| begin repeat | r1d2     | R1D2  |                                                                               |
| text         | in_r1d2  | In    |                                                                               |
| end repeat   |          |       |                                                                               |
| end repeat   |          |       |                                                                               |
| begin repeat | r2       | R2    |                                                                               |
| begin repeat | r2d2     | R2D2  |                                                                               |
| calculate    | from_r1  |       | indexed-repeat(${in_r1d2}, ${r1}, position(../..), ${r1d2}, position(..))      |
| text         | pad      | Pad   |                                                                               |
| end repeat   |          |       |                                                                               |
| end repeat   |          |       |                                                                               |
""", [
    ("answer", "r1[1]/r1d2[1]/in_r1d2", "[1][1]"),
    ("add", "r1d2", "r1[1]"), ("answer", "r1[1]/r1d2[2]/in_r1d2", "[1][2]"),
    ("add", "r1", ""), ("add", "r1d2", "r1[2]"), ("answer", "r1[2]/r1d2[1]/in_r1d2", "[2][1]"),
    ("add", "r1d2", "r1[2]"), ("answer", "r1[2]/r1d2[2]/in_r1d2", "[2][2]"),
    ("add", "r2d2", "r2[1]"), ("add", "r2", ""), ("add", "r2d2", "r2[2]"), ("add", "r2d2", "r2[2]"),
    ("count", "r1[1]/r1d2"), ("count", "r2[1]/r2d2"), ("count", "r2[2]/r2d2"),
    ("get", "r2[1]/r2d2[1]/from_r1"), ("get", "r2[1]/r2d2[2]/from_r1"),
    ("get", "r2[2]/r2d2[1]/from_r1"), ("get", "r2[2]/r2d2[2]/from_r1"),
])

# -- JavaRosa IndexedRepeatRelativeRefsTest (absolute and relative arguments) --------------------
for target, group, index in (("/data/some_group/item/value", "/data/some_group/item", "/data/total_items"),
                             ("../item/value", "../item", "../../total_items"),
                             ("/data/some_group/item/value", "../item", "../../total_items"),
                             ("../item/value", "/data/some_group/item", "/data/total_items")):
    case(f"indexed-repeat({target}, {group}, {index})", f"""
| type         | name        | label | calculation                                  |
| begin group  | some_group  | G     |                                              |
| begin repeat | item        | Item  |                                              |
| integer      | value       | Value |                                              |
| end repeat   |             |       |                                              |
| calculate    | last_value  |       | indexed-repeat({target}, {group}, {index})     |
| end group    |             |       |                                              |
| calculate    | total_items |       | count(/data/some_group/item)                 |
""", [
        ("answer", "item[1]/value", 11), ("add", "item", ""), ("answer", "item[2]/value", 22),
        ("add", "item", ""), ("answer", "item[3]/value", 33),
        ("get", "total_items"), ("get", "last_value"),
    ])

# -- JavaRosa TriggerableDagTest: repeat counts inside and outside the repeat -------------------
case("count() of a repeat from outside, inside, and relative", """
| type         | name        | label | calculation            |
| begin repeat | repeat      | R     |                        |
| integer      | q           | Q     |                        |
| calculate    | inner_count |       | count(/data/repeat)    |
| calculate    | rel_count   |       | count(../../repeat)    |
| calculate    | ref_count   |       | count(${repeat})       |
| calculate    | outer_copy  |       | ${count}               |
| calculate    | pos         |       | position(..)           |
| end repeat   |             |       |                        |
| calculate    | count       |       | count(${repeat})       |
""", [
    ("add", "repeat", ""), ("add", "repeat", ""), ("add", "repeat", ""), ("add", "repeat", ""),
    ("get", "count"), ("get", "repeat[3]/inner_count"), ("get", "repeat[3]/rel_count"),
    ("get", "repeat[3]/ref_count"), ("get", "repeat[2]/outer_copy"), ("get", "repeat[5]/pos"),
    ("remove", "repeat[2]"),
    ("get", "count"), ("get", "repeat[4]/rel_count"), ("get", "repeat[4]/outer_copy"),
    ("get", "repeat[2]/pos"), ("get", "repeat[4]/pos"), ("count", "repeat"),
])

# -- what issue #13 lists -----------------------------------------------------------------------
case("relevance inside instances and of a group in an instance", """
| type          | name    | label    | relevant          |
| begin repeat  | members | Members  |                   |
| integer       | age     | Age      |                   |
| select_one yn | inside  | Inside?  | ${age} >= 18      |
| begin group   | det     | Detained | ${inside} = 'yes' |
| integer       | years   | Years    |                   |
| end group     |         |          |                   |
| text          | note    | Note     | ../age < 10       |
| end repeat    |         |          |                   |
""", [
    ("answer", "members[1]/age", 40), ("add", "members", ""), ("answer", "members[2]/age", 7),
    ("add", "members", ""), ("answer", "members[3]/age", 19), ("answer", "members[3]/inside", "yes"),
    ("answer", "members[1]/inside", "no"),
    ("relevant", "members[1]/inside"), ("relevant", "members[2]/inside"), ("relevant", "members[3]/inside"),
    ("relevant", "members[1]/years"), ("relevant", "members[3]/years"), ("relevant", "members[2]/years"),
    ("relevant", "members[1]/note"), ("relevant", "members[2]/note"),
    ("answer", "members[3]/age", 12), ("relevant", "members[3]/inside"), ("relevant", "members[3]/years"),
], choices="""
| list_name | name | label |
| yn        | yes  | Yes   |
| yn        | no   | No    |
""")

case("sum, min, max and count over instances; a repeat that is not relevant", """
| type         | name    | label   | relevant        | calculation                                 |
| integer      | want    | Want    |                 |                                             |
| begin repeat | kids    | Kids    | ${want} = 1     |                                             |
| integer      | age     | Age     |                 |                                             |
| calculate    | older   |         |                 | count(../../kids[age > current()/../age])   |
| end repeat   |         |         |                 |                                             |
| calculate    | total   |         |                 | sum(${age})                                 |
| calculate    | lowest  |         |                 | min(${age})                                 |
| calculate    | highest |         |                 | max(${age})                                 |
| calculate    | n       |         |                 | count(${kids})                              |
| calculate    | adults  |         |                 | count(/data/kids[age >= 18])                |
| calculate    | second  |         |                 | /data/kids[position() = 2]/age              |
""", [
    ("answer", "want", 1),
    ("answer", "kids[1]/age", 4), ("add", "kids", ""), ("answer", "kids[2]/age", 30),
    ("add", "kids", ""), ("answer", "kids[3]/age", 18),
    ("get", "total"), ("get", "lowest"), ("get", "highest"), ("get", "n"), ("get", "adults"),
    ("get", "second"), ("get", "kids[1]/older"), ("get", "kids[3]/older"),
    ("relevant", "kids[2]/age"),
    ("answer", "want", 0), ("relevant", "kids[2]/age"), ("get", "n"),
])

case("choice names, defaults and once() in new instances", """
| type            | name   | label::English (en) | default | calculation                         |
| begin repeat    | people | People              |         |                                     |
| select_one rel  | rel    | Relation            | sibling |                                     |
| integer         | n      | N                   | 3       |                                     |
| calculate       | label  |                     |         | jr:choice-name(${rel}, '${rel}')    |
| calculate       | twice  |                     |         | ${n} * 2                            |
| end repeat      |        |                     |         |                                     |
""", [
    ("add", "people", ""), ("answer", "people[2]/rel", "mother"), ("answer", "people[1]/n", 5),
    ("get", "people[1]/rel"), ("get", "people[1]/label"), ("get", "people[2]/label"),
    ("get", "people[2]/n"), ("get", "people[1]/twice"), ("get", "people[2]/twice"),
    ("add", "people", ""), ("get", "people[3]/rel"), ("get", "people[3]/n"),
], choices="""
| list_name | name    | label::English (en) |
| rel       | mother  | Mother              |
| rel       | sibling | Brother or sister   |
""")

case("a fixed repeat_count and a computed one", """
| type         | name   | label  | repeat_count | calculation          |
| integer      | how    | How    |              |                      |
| begin repeat | fixed  | Fixed  | 3            |                      |
| integer      | a      | A      |              |                      |
| end repeat   |        |        |              |                      |
| begin repeat | comp   | Comp   | ${how}       |                      |
| integer      | b      | B      |              |                      |
| calculate    | p      |        |              | position(..) * 10    |
| end repeat   |        |        |              |                      |
| calculate    | nfixed |        |              | count(${fixed})      |
""", [
    ("answer", "how", 4), ("count", "fixed"), ("count", "comp"), ("get", "nfixed"),
    ("answer", "comp[3]/b", 7), ("get", "comp[4]/p"), ("get", "comp[3]/b"),
])

case("nested repeats: counts and sums per parent instance", """
| type         | name     | label   | calculation                 |
| begin repeat | hh       | HH      |                             |
| begin repeat | person   | Person  |                             |
| integer      | age      | Age     |                             |
| calculate    | in_hh    |         | count(${person})            |
| end repeat   |          |         |                             |
| calculate    | hh_ages  |         | sum(${age})                 |
| calculate    | hh_n     |         | count(${person})            |
| end repeat   |          |         |                             |
| calculate    | all_ages |         | sum(${age})                 |
| calculate    | people   |         | count(${person})            |
""", [
    ("answer", "hh[1]/person[1]/age", 30), ("add", "person", "hh[1]"), ("answer", "hh[1]/person[2]/age", 5),
    ("add", "hh", ""), ("add", "person", "hh[2]"), ("answer", "hh[2]/person[1]/age", 70),
    ("count", "hh[2]/person"),
    ("get", "hh[1]/hh_ages"), ("get", "hh[2]/hh_ages"), ("get", "hh[1]/hh_n"), ("get", "hh[2]/hh_n"),
    ("get", "hh[1]/person[2]/in_hh"), ("get", "all_ages"), ("get", "people"),
    ("remove", "hh[1]/person[1]"), ("get", "hh[1]/hh_ages"), ("get", "hh[1]/person[1]/age"),
    ("get", "all_ages"), ("get", "people"),
])
