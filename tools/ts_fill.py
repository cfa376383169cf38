"""Fill Korean translations into resources/i18n/fieldapp_ko.ts from a JSON file.

    python tools/ts_fill.py translations.json [--ts resources/i18n/fieldapp_ko.ts]
    python tools/ts_fill.py --missing          # list sources with no finished translation

The JSON maps a context to {English source: Korean translation}; for a plural (``%n``)
source give a list of forms. Only messages lupdate already put in the catalogue are filled
(run ``make i18n-update`` first); an unknown source is reported, never added.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TS = REPO / "resources" / "i18n" / "fieldapp_ko.ts"


def _finished(translation: ET.Element) -> bool:
    forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
    return translation.get("type") not in ("unfinished", "vanished", "obsolete") and all(forms)


def missing(ts: Path) -> list[tuple[str, str]]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            if not _finished(m.find("translation")):
                out.append((name, m.findtext("source")))
    return out


def fill(ts: Path, table: dict[str, dict[str, str | list[str]]]) -> tuple[int, list[str]]:
    tree = ET.parse(ts)
    done, unknown = 0, []
    seen: set[tuple[str, str]] = set()
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        wanted = table.get(name, {})
        for m in ctx.iter("message"):
            source = m.findtext("source")
            if source not in wanted:
                continue
            seen.add((name, source))
            tr = m.find("translation")
            value = wanted[source]
            for child in list(tr):
                tr.remove(child)
            if m.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value]
                tr.text = None
                for form in forms:
                    ET.SubElement(tr, "numerusform").text = form
            else:
                tr.text = value if isinstance(value, str) else value[0]
            tr.attrib.pop("type", None)
            done += 1
    for name, entries in table.items():
        for source in entries:
            if (name, source) not in seen:
                unknown.append(f"{name}: {source}")
    ET.indent(tree, space="    ")
    data = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + data + "\n",
                  encoding="utf-8")
    return done, unknown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("json", nargs="?", type=Path)
    parser.add_argument("--ts", type=Path, default=DEFAULT_TS)
    parser.add_argument("--missing", action="store_true")
    args = parser.parse_args(argv)
    if args.missing or args.json is None:
        for name, source in missing(args.ts):
            print(f"{name}\t{source}")
        return 0
    done, unknown = fill(args.ts, json.loads(args.json.read_text(encoding="utf-8")))
    print(f"filled {done} translation(s)")
    for u in unknown:
        print(f"not in the catalogue (run make i18n-update?): {u}", file=sys.stderr)
    return 1 if unknown else 0


if __name__ == "__main__":
    raise SystemExit(main())
