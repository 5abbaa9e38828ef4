"""The zone spreadsheet: one rule per row, UTF-8 CSV (with or without BOM)
or XLSX with the same header row::

    年度,学段,学校,规则,类型,名称,起,止,单双号,备注

The terms are those of `disclosure.models.enrolment` (STAGE_TERMS,
RULE_TERMS, KIND_TERMS, PARITY_TERMS, SIDE_TERMS), plus the 类型 边界 — a
boundary street, stored as rule=boundary, kind=street. The first 描述 row of
a zone (类型 范围) is the zone as published; further 描述 rows are "further
details" rules. 备注 holds, separated by ；, a side (东侧 …, streets and
segments), other names (别名：A、B) and the note."""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.exports import escape_formula, looks_like_formula
from core.spreadsheets import Limits, SpreadsheetError, read_rows
from disclosure.models import ZoneRule
from disclosure.models.enrolment import (
    KIND_TERMS,
    PARITY_TERMS,
    RULE_TERMS,
    SIDE_TERMS,
    STAGE_TERMS,
    Parity,
    RuleKind,
    RuleType,
    Side,
    parse_aliases,
)

HEADER = ["年度", "学段", "学校", "规则", "类型", "名称", "起", "止", "单双号", "备注"]
FIELDS = ["year", "stage", "school", "rule", "kind", "name", "start", "end", "parity", "note"]
COLUMN = dict(zip(FIELDS, HEADER, strict=False))
# The ZoneRule field each error is about → the column it came from.
RULE_FIELD_COLUMNS = {
    "rule": "规则",
    "kind": "类型",
    "name": "名称",
    "start": "起",
    "end": "止",
    "parity": "单双号",
    "side": "备注",
    "aliases": "备注",
    "note": "备注",
}
BOUNDARY_KIND_TERM = "边界"
# 1 MB: ten thousand rows and more; the admin's signed preview of it stays
# under Django's 2.5 MB limit for a request body.
MAX_BYTES = 1024 * 1024
MAX_ROWS = 20_000
MAX_LINES = 100_000  # rows read at all, empty ones included
MAX_CELL_CHARACTERS = 5_000  # a zone's published wording (描述) is the longest cell
LIMITS = Limits(
    max_bytes=MAX_BYTES,
    max_rows=MAX_ROWS,
    max_lines=MAX_LINES,
    max_columns=len(HEADER) + 5,
    max_cell_characters=MAX_CELL_CHARACTERS,
)

STAGES = {term: key for key, term in STAGE_TERMS.items()}
RULES = {term: key for key, term in RULE_TERMS.items()}
KINDS = {term: key for key, term in KIND_TERMS.items()}
PARITIES = {term: key for key, term in PARITY_TERMS.items()}
SIDE_BY_TERM = {term: key for key, term in SIDE_TERMS.items()}
SIDE_BY_TERM.update({"两边": Side.BOTH, "南北两侧": Side.BOTH, "东西两侧": Side.BOTH})
_NOTE_SEPARATORS = re.compile(r"[；;]")
_ALIAS_PART = re.compile(r"^\s*(?:别名|又名|又称|曾用名)\s*[:：]")


@dataclass
class Row:
    line: int
    values: dict  # field → text
    extra: bool = False  # more cells than columns


@dataclass
class ParsedRow:
    """A row checked for its own sake: the zone it belongs to and the rule values."""

    line: int
    key: tuple | None  # (year, stage, school)
    values: dict = field(default_factory=dict)  # ZoneRule fields, or {"description": text}
    errors: list = field(default_factory=list)


# ---- reading -----------------------------------------------------------------------


def read_table(data, filename=""):
    """[Row] of a CSV or XLSX file's bytes, empty rows left out; raises
    SpreadsheetError. Read with core.spreadsheets' limits (LIMITS): a file
    that breaks one is refused while it is read, with the limit named."""
    return _rows(read_rows(data, filename, LIMITS))


def _rows(records):
    rows, header_seen = [], False
    for line, record in records:
        if line > MAX_LINES:
            raise SpreadsheetError([_("The file has more than %(count)s rows.") % {"count": MAX_LINES}])
        values = [(value or "").replace("\r\n", "\n").replace("\r", "\n").strip() for value in record]
        while values and not values[-1]:
            values.pop()
        if not header_seen:
            if not values:
                continue
            header = [unicodedata.normalize("NFKC", value).lstrip("\ufeff") for value in values]
            if header != HEADER:
                raise SpreadsheetError(
                    [
                        _("Line %(line)s: the header row must be exactly: %(header)s (found: %(found)s).")
                        % {"line": line, "header": ",".join(HEADER), "found": ",".join(values)}
                    ]
                )
            header_seen = True
            continue
        if not values:
            continue
        if len(rows) >= MAX_ROWS:
            raise SpreadsheetError([_("The file has more than %(count)s rows.") % {"count": MAX_ROWS}])
        extra = len(values) > len(HEADER)
        values = values[: len(HEADER)] + [""] * (len(HEADER) - len(values))
        rows.append(Row(line, dict(zip(FIELDS, values, strict=False)), extra=extra))
    if not header_seen:
        raise SpreadsheetError(
            [_("The file is empty: it needs the header row %(header)s.") % {"header": ",".join(HEADER)}]
        )
    return rows


# ---- one row -------------------------------------------------------------------------


def split_note(text, kind):
    """备注 → (side, aliases, note): "东侧；别名：A、B；含南侧临街面" → ("east", "A、B", "含南侧临街面").
    A side is read only for streets and segments; elsewhere it is part of the note."""
    side, aliases, notes = "", [], []
    for part in _NOTE_SEPARATORS.split(text or ""):
        part = part.strip()
        if not part:
            continue
        if _ALIAS_PART.match(part):
            aliases.extend(alias for alias in parse_aliases(part) if alias not in aliases)
        elif part in SIDE_BY_TERM and kind in (RuleKind.STREET, RuleKind.SEGMENT) and not side:
            side = SIDE_BY_TERM[part]
        else:
            notes.append(part)
    return side, "、".join(aliases), "；".join(notes)


def join_note(rule):
    """The 备注 cell of a rule: side, note and other names, separated by ；."""
    parts = []
    if rule.side:
        parts.append(SIDE_TERMS.get(rule.side, ""))
    if rule.note:
        parts.append(rule.note)
    if rule.aliases:
        parts.append("别名：" + "、".join(parse_aliases(rule.aliases)))
    return "；".join(part for part in parts if part)


def parse_row(row):
    """Check one row on its own; a ParsedRow with its zone key, rule values and errors ((column, message) pairs)."""
    parsed = ParsedRow(line=row.line, key=None)
    v = row.values

    def error(column, message):
        parsed.errors.append((column, message))

    if row.extra:
        error("", _("more cells than the %(count)s columns of the header") % {"count": len(HEADER)})
    if _refuse_formulas(v, error):
        return parsed
    parsed.key = _zone_key(v, error)
    rule, kind = _rule_and_kind(v, error)
    parity = PARITIES.get(v["parity"]) if v["parity"] else Parity.ALL
    if parity is None:
        error(COLUMN["parity"], _("“%(value)s” is not 单, 双 or 全.") % {"value": v["parity"]})
    if rule is None or kind is None or parity is None:
        return parsed
    if rule == RuleType.DESCRIPTION:
        parsed.values = _description_values(v, kind, parity, error)
    else:
        parsed.values = _rule_values(v, rule, kind, parity, error)
    return parsed


def _refuse_formulas(v, error):
    """Cells a spreadsheet program would run as formulas are refused (OWASP's CSV injection)."""
    formulas = [name for name in FIELDS if looks_like_formula(v[name])]
    for name in formulas:
        error(
            COLUMN[name],
            _(
                "“%(value)s” begins with “%(sign)s”: a spreadsheet program would run it as a formula, so it is not "
                "imported. Remove the sign at the beginning."
            )
            % {"value": v[name][:40], "sign": v[name].strip()[:1]},
        )
    return bool(formulas)


def _zone_key(v, error):
    """(year, stage, school) of the row's zone, or None when one of them is wrong."""
    year = unicodedata.normalize("NFKC", v["year"])
    if not re.fullmatch(r"\d{4}", year) or not 2000 <= int(year) <= 2100:
        error(COLUMN["year"], _("“%(value)s” is not a year such as 2024.") % {"value": v["year"]})
        year = None
    stage = STAGES.get(v["stage"])
    if stage is None:
        error(
            COLUMN["stage"],
            _("“%(value)s” is not a stage: write %(terms)s.") % {"value": v["stage"], "terms": _terms(STAGES)},
        )
    school = v["school"]
    if not school:
        error(COLUMN["school"], _("The school is missing."))
    elif len(school) > 100:
        error(COLUMN["school"], _("A school name has at most 100 characters."))
    if year and stage and school and len(school) <= 100:
        return (int(year), stage, school)
    return None


def _rule_and_kind(v, error):
    """The row's rule and type; None for what is wrong (with its error)."""
    rule = RULES.get(v["rule"])
    if v["kind"] == BOUNDARY_KIND_TERM:
        if not v["rule"] or rule == RuleType.BOUNDARY:
            return RuleType.BOUNDARY, RuleKind.STREET
        error(COLUMN["rule"], _("A row of the type 边界 is a boundary: its rule must be 边界."))
        return None, RuleKind.STREET
    kind = KINDS.get(v["kind"])
    if kind is None:
        error(
            COLUMN["kind"],
            _("“%(value)s” is not a type: write %(terms)s.")
            % {"value": v["kind"], "terms": _terms([*list(KINDS), BOUNDARY_KIND_TERM])},
        )
    if rule is None:
        error(
            COLUMN["rule"],
            _("“%(value)s” is not a rule: write %(terms)s.") % {"value": v["rule"], "terms": _terms(RULES)},
        )
    return rule, kind


def _description_values(v, kind, parity, error):
    """A 描述 row: the zone's wording as published."""
    if kind != RuleKind.AREA:
        error(COLUMN["kind"], _("A description row has the type 范围."))
    for name in ("start", "end"):
        if v[name]:
            error(COLUMN[name], _("A description has no start or end: leave this empty."))
    if v["parity"] and parity != Parity.ALL:
        error(COLUMN["parity"], _("Odd or even numbers apply to house-number ranges only."))
    if not v["name"]:
        error(COLUMN["name"], _("Write the zone as published in 名称."))
    return {
        "rule": RuleType.DESCRIPTION,
        "kind": RuleKind.AREA,
        "name": v["name"],
        "note": v["note"],
        "side": "",
        "aliases": "",
        "start": "",
        "end": "",
        "parity": Parity.ALL,
    }


def _rule_values(v, rule, kind, parity, error):
    """A rule row, validated (and normalised) as a ZoneRule would be."""
    side, aliases, note = split_note(v["note"], kind)
    values = {
        "rule": rule,
        "kind": kind,
        "name": v["name"],
        "start": v["start"],
        "end": v["end"],
        "parity": parity,
        "side": side,
        "aliases": aliases,
        "note": note,
    }
    made = ZoneRule(**values)
    errors = validate_rule(made)
    for column, message in errors:
        error(column, message)
    if not errors:
        values.update({name: getattr(made, name) for name in values})
    return values


def validate_rule(rule):
    """(column, message) pairs of a ZoneRule's validation errors; the rule is normalised when valid."""
    try:
        rule.full_clean(exclude=["page"])
    except ValidationError as error:
        return [
            (RULE_FIELD_COLUMNS.get(name, ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def _terms(terms):
    return "、".join(terms)


def format_problem(line, column, message):
    if column:
        return _("Line %(line)s, %(column)s: %(message)s") % {"line": line, "column": column, "message": message}
    return _("Line %(line)s: %(message)s") % {"line": line, "message": message}


# ---- writing -------------------------------------------------------------------------


def description_row(year, stage, school, text):
    return [
        str(year),
        STAGE_TERMS.get(stage, stage),
        school,
        RULE_TERMS[RuleType.DESCRIPTION],
        KIND_TERMS[RuleKind.AREA],
        text,
        "",
        "",
        "",
        "",
    ]


def rule_row(year, stage, school, rule):
    if rule.rule == RuleType.BOUNDARY and rule.kind == RuleKind.STREET:
        kind = BOUNDARY_KIND_TERM
    else:
        kind = KIND_TERMS.get(rule.kind, rule.kind)
    parity = PARITY_TERMS.get(rule.parity, "") if rule.kind == RuleKind.HOUSE_NUMBERS else ""
    return [
        str(year),
        STAGE_TERMS.get(stage, stage),
        school,
        RULE_TERMS.get(rule.rule, rule.rule),
        kind,
        rule.name,
        rule.start,
        rule.end,
        parity,
        join_note(rule),
    ]


def zone_rows(page, rules):
    """The rows of one zone page: its published wording, then its rules in order."""
    school = page.school.name
    rows = [description_row(page.year, page.stage, school, page.zone_description)]
    rows.extend(rule_row(page.year, page.stage, school, rule) for rule in rules)
    return rows


def write_csv(rows, bom=True):
    """The rows as CSV text with the header; with a BOM so that Excel reads it
    as UTF-8, and a ' before any cell a spreadsheet would run as a formula."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([escape_formula(value) for value in row] for row in rows)
    return ("\ufeff" if bom else "") + out.getvalue()
