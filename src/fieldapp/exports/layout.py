"""How a summary table is laid out for people (markdown, XLSX, HTML, PDF), independent of format.

One grid per table: a header row, the options inside the base, a base row, then the rows
outside the base. Every cell knows whether it is flagged small or suppressed, so each writer
marks it in its own way and all of them agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from fieldapp.analysis.tables import (
    FLAG_SMALL_BASE,
    FLAG_SMALL_COUNT,
    FLAG_SUPPRESSED,
    IN_BASE_ROLES,
    ROLE_MISSING,
    ROLE_NA,
    Table,
    round_half_up,
)
from fieldapp.analysis.text import tr

SMALL = "small"
HIDDEN = "suppressed"
SMALL_MARK = "*"
HIDDEN_MARK = "x"


@dataclass(frozen=True)
class Cell:
    value: object  # str, int, float or None (empty)
    kind: str = "text"  # text | count | percent | base | stat
    mark: str | None = None  # None | SMALL | HIDDEN

    def display(self) -> str:
        """The cell as text, with the small/suppressed markers used in every format."""
        if self.mark == HIDDEN:
            return HIDDEN_MARK
        v = self.value
        if v is None or (isinstance(v, float) and math.isnan(v)):
            text = ""
        elif self.kind == "percent":
            text = f"{round_half_up(float(v)):.1f}"
        elif self.kind == "stat":
            text = f"{round_half_up(float(v), 1):g}"
        else:
            text = str(v)
        if self.mark == SMALL and text:
            text += SMALL_MARK
        return text


def _mark(flags: str, for_base: bool = False) -> str | None:
    tokens = set(flags.split())
    if for_base:
        # a row's flags say whether its count is hidden, not the base: a hidden base is NA
        return SMALL if FLAG_SMALL_BASE in tokens else None
    if FLAG_SUPPRESSED in tokens:
        return HIDDEN
    if tokens & {FLAG_SMALL_COUNT, FLAG_SMALL_BASE}:
        return SMALL
    return None


def _value(v: object) -> object:
    if v is pd.NA or v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return int(v) if hasattr(v, "__int__") and not isinstance(v, float) else v


def grid(table: Table, ci: bool = False) -> list[list[Cell]]:
    """The table as rows of cells; the first row is the header.

    Per group: count and percent, then the weighted percent when the table is weighted and
    the 95% Wilson interval when ``ci``.
    """
    from fieldapp.analysis.stats import wilson_cached

    code = table.lang_code
    groups = table.groups()
    multi = len(groups) > 1 or table.kind == "crosstab"
    extra = (["weighted"] if table.weight else []) + (["ci"] if ci else [])
    width = 2 + len(extra)
    header = [Cell(tr(code, "option"))]
    names = {"weighted": "weighted_percent", "ci": "ci"}
    for _g, glabel in groups:
        prefix = f"{glabel}: " if multi else ""
        header += [Cell(prefix + tr(code, key)) for key in ("count", "percent", *(names[e] for e in extra))]
    rows = table.rows
    inside = rows[rows["role"].isin(IN_BASE_ROLES)]
    options = list(dict.fromkeys(inside["option"]))
    out = [header]
    by_key = {(o, g): r for o, g, r in zip(rows["option"], rows["group"], rows.itertuples(index=False))}
    for option in options:
        label = next(r.label for (o, _g), r in by_key.items() if o == option)
        line = [Cell(label)]
        for g, _gl in groups:
            r = by_key.get((option, g))
            if r is None:
                line += [Cell(None)] * width
                continue
            m = _mark(r.flags)
            line += [Cell(_value(r.count), "count", m), Cell(_value(r.percent), "percent", m)]
            for e in extra:
                if e == "weighted":
                    line.append(Cell(_value(r.weighted_percent), "percent", m))
                else:
                    lo, hi = wilson_cached(_value(r.count), _value(r.base))
                    text = None if math.isnan(lo) else f"{round_half_up(lo):.1f}–{round_half_up(hi):.1f}"
                    line.append(Cell(text, "ci", HIDDEN if m == HIDDEN else None))
        out.append(line)
    base_line = [Cell(tr(code, "base"))]
    for g, _gl in groups:
        block = inside[inside["group"] == g]
        flags = block["flags"].iloc[0] if len(block) else ""
        base = table.base_of(g)
        hidden = base is pd.NA and len(block) > 0
        base_line += [Cell(_value(base), "base", HIDDEN if hidden else _mark(flags, for_base=True))]
        base_line += [Cell(None)] * (width - 1)
    out.append(base_line)
    for role in (ROLE_MISSING, ROLE_NA):
        label = tr(code, role)
        line = [Cell(label)]
        for g, _gl in groups:
            r = rows[(rows["group"] == g) & (rows["role"] == role)]
            if len(r):
                line += [Cell(_value(r["count"].iloc[0]), "count", _mark(r["flags"].iloc[0]))]
            else:
                line += [Cell(None)]
            line += [Cell(None)] * (width - 1)
        out.append(line)
    return out


def stat_columns(table: Table) -> tuple[str, ...]:
    """The summaries a table prints: minimum and maximum only when they were asked for."""
    return ("n", "mean", "median", "min", "max") if table.extremes else ("n", "mean", "median")


def stats_grid(table: Table) -> list[list[Cell]]:
    """Numeric questions: n, mean, median (min, max when asked) per group (empty list otherwise)."""
    if table.stats is None:
        return []
    code = table.lang_code
    labels = dict(table.groups())
    multi = len(table.stats.index) > 1
    columns = stat_columns(table)
    header = [Cell("")] + [Cell(tr(code, c)) for c in columns]
    out = [header]
    for g, row in table.stats.iterrows():
        line = [Cell(labels.get(g, g) if multi else "")]
        n = row["n"]
        n_known = not (isinstance(n, float) and math.isnan(n))
        small = n_known and n < table.min_cell
        for col in columns:
            v = row[col]
            kind = "count" if col == "n" else "stat"
            missing = isinstance(v, float) and math.isnan(v)
            mark = SMALL if small and col == "n" else None
            if missing and ((n_known and n) or (not n_known and table.suppressed)):
                mark = HIDDEN  # withheld by the disclosure rule, not merely empty
            value = None if missing else (int(v) if col == "n" else _value(v))
            line.append(Cell(value, kind, mark))
        out.append(line)
    return out


def heading(table: Table) -> str:
    if table.by:
        return f"{table.title} ({tr(table.lang_code, 'by')} {table.by_title})"
    return table.title


def notes(table: Table) -> list[str]:
    """The sentences under a table: its base(s), who is outside the base, what marks mean."""
    code = table.lang_code
    groups = table.groups()
    out = []
    # A repeat level's table says what it counts (docs/tables.md, "Repeat levels").
    entries = table.unit == "instances"
    suffix = {"instances": "_instances", "respondents": "_any"}.get(table.unit, "")
    if len(groups) == 1:
        base = table.base_of(groups[0][0])
        shown_base = HIDDEN_MARK if base is pd.NA else base
        if entries:
            out.append(tr(code, "base_sentence_instances", base=shown_base, unit=table.unit_label,
                          respondents=HIDDEN_MARK if table.respondents is None else table.respondents))
        else:
            out.append(tr(code, f"base_sentence{suffix}", base=shown_base, unit=table.unit_label))
    else:
        parts = []
        for g, glabel in groups:
            base = table.base_of(g)
            parts.append(f"{glabel} {HIDDEN_MARK if base is pd.NA else base}")
        key = "base_group_sentence_instances" if entries else "base_group_sentence"
        out.append(tr(code, key, bases=", ".join(parts), unit=table.unit_label))
        if entries and table.respondents is not None:
            out.append(tr(code, "base_sentence_instances", base=_show(table.base_of(groups[-1][0])),
                          unit=table.unit_label, respondents=table.respondents))
    # A cross-tab's total column covers everyone; a paired table's halves each have their own.
    shown = [groups[-1]] if table.kind == "crosstab" or len(groups) == 1 else groups
    for g, glabel in shown:
        miss, na = table.outside(g)
        prefix = f"{glabel}: " if table.kind == "paired" else ""
        out.append(prefix + tr(code, f"outside_base{suffix}", missing=_show(miss), na=_show(na)))
    if table.unit == "respondents":
        out.append(tr(code, "any_note"))
    elif table.multiple:
        out.append(tr(code, "multiple_note"))
    level = "_instances" if entries else ""
    if any(f for f in table.rows["flags"]):
        out.append(tr(code, f"small_note{level}", k=table.min_cell))
    if table.suppressed:
        out.append(tr(code, f"suppressed_note{level}", k1=table.min_cell - 1))
    if table.universe:
        out.append(tr(code, "universe", expression=table.universe))
    if table.weight:
        eff = table.rows.loc[table.rows["role"].isin(IN_BASE_ROLES), "effective_base"]
        last = eff.iloc[-1] if len(eff) else math.nan
        out.append(tr(code, "weighted_note", field=table.weight,
                      eff=HIDDEN_MARK if pd.isna(last) else f"{round_half_up(float(last))}"))
    out += test_sentences(table)
    return out


def format_p(p: float) -> str:
    return "< 0.0001" if p < 0.0001 else f"{p:.4f}"


def test_sentences(table: Table) -> list[str]:
    code = table.lang_code
    labels = dict(zip(table.rows["option"], table.rows["label"]))
    out = []
    for t in table.tests:
        if t.test == "chi2":
            out.append(tr(code, "chi2", stat=f"{t.statistic:.2f}", df=t.df, p=format_p(t.p_value)))
        elif t.test == "chi2_monte_carlo":
            out.append(tr(code, "chi2_mc", n=9999, p=format_p(t.p_value)))
        elif t.test == "mcnemar_exact" and (t.changed_to or t.changed_from):
            out.append(tr(code, "mcnemar", option=labels.get(t.option, t.option), to=t.changed_to,
                          frm=t.changed_from, p=format_p(t.p_value)))
    return out


def _show(v: object) -> str:
    return HIDDEN_MARK if v is pd.NA else str(v)


def chart_series(table: Table) -> tuple[list[str], list[tuple[str, list[float | None], list[str | None]]]]:
    """(option labels, [(series label, percents, marks)]) for the in-base rows of each group."""
    rows = table.rows
    inside = rows[rows["role"].isin(IN_BASE_ROLES)]
    options = list(dict.fromkeys(inside["option"]))
    labels = [inside.loc[inside["option"] == o, "label"].iloc[0] for o in options]
    series = []
    for g, glabel in table.groups():
        block = inside[inside["group"] == g].set_index("option")
        pcts: list[float | None] = []
        marks: list[str | None] = []
        for o in options:
            if o not in block.index:
                pcts.append(None)
                marks.append(None)
                continue
            p = block.at[o, "percent"]
            pcts.append(None if isinstance(p, float) and math.isnan(p) else float(p))
            marks.append(_mark(block.at[o, "flags"]))
        series.append((glabel, pcts, marks))
    return labels, series


def table_titles(tables: Sequence[Table]) -> list[str]:
    return [heading(t) for t in tables]
