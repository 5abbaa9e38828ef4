"""Reading uploaded spreadsheets (CSV in UTF-8, XLSX) with bounded work.

A spreadsheet is small on disk and may be huge when read: an XLSX file is
a ZIP of XML, and 0.5 MB of it can hold a row of five million cells or a
cell of two hundred million characters. Every limit here is checked while
reading, so such a file is refused after reading about as much as the
limit allows, never after expanding it:

- the file's size (`max_bytes`);
- for XLSX, the ZIP's members (`max_members`) and the bytes they expand to,
  counted as they are decompressed, whatever their headers claim
  (`max_expanded_bytes`: ZIP bombs);
- rows (`max_rows`: rows with a value after the first, the header;
  `max_lines`: rows read at all, empty ones included);
- cells per row (`max_columns` with a value; `max_row_cells` at all);
- characters per cell (`max_cell_characters`);
- XML that declares a DTD or entities is refused ("billion laughs").

openpyxl is not used for reading: its read-only mode builds each row
element whole before yielding it, so one row of millions of cells takes
gigabytes. The XLSX sheet is parsed here with expat, fed in 64 KB pieces.

`read_rows(data, filename, limits)` yields `(line, [cell text, …])`;
a file that breaks a limit or cannot be read raises `SpreadsheetError`
whose message names the limit."""

import csv
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from django.utils.translation import gettext as _

from . import work
from .problems import ProblemsError

CHUNK = 64 * 1024
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetError(ProblemsError):
    """The file cannot be read, or breaks a limit; `problems` says why."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1024 * 1024
    max_expanded_bytes: int = 32 * 1024 * 1024
    max_members: int = 200
    max_rows: int = 20_000
    max_lines: int = 100_000
    max_columns: int = 26
    max_row_cells: int = 1_000
    max_cell_characters: int = 5_000
    max_shared_strings: int = 100_000


def _mb(size):
    return f"{size / (1024 * 1024):g}"


def read_rows(data, filename="", limits=Limits()):
    """(line number, [cell texts]) for each row of a CSV or XLSX file's bytes."""
    if len(data) > limits.max_bytes:
        raise SpreadsheetError([_("The file is larger than %(size)s MB.") % {"size": _mb(limits.max_bytes)}])
    name = (filename or "").lower()
    if data[:4] == ZIP_MAGIC:
        return _XlsxReader(data, limits).rows()
    if name.endswith((".xls", ".et", ".ods")) or data[:8] == OLE_MAGIC:
        raise SpreadsheetError([_("Only CSV (UTF-8) and XLSX files can be read: save the sheet as one of them.")])
    if name.endswith(".xlsx"):
        raise SpreadsheetError([_("The XLSX file cannot be read: it is not an XLSX (ZIP) file.")])
    return _csv_rows(data, limits)


def _too_many_cells(line, limits):
    return SpreadsheetError(
        [
            _("Line %(line)s has more than %(limit)s cells: a spreadsheet may have at most %(limit)s cells in a row.")
            % {"line": line, "limit": limits.max_row_cells}
        ]
    )


def _too_many_columns(line, limits):
    return SpreadsheetError(
        [
            _("Line %(line)s has values in more than %(limit)s columns: at most %(limit)s columns are read.")
            % {"line": line, "limit": limits.max_columns}
        ]
    )


def _too_long(line, column, limits):
    return SpreadsheetError(
        [
            _("Line %(line)s, column %(column)s: a cell has at most %(limit)s characters.")
            % {"line": line, "column": column_letter(column), "limit": limits.max_cell_characters}
        ]
    )


def _too_many_lines(limits):
    return SpreadsheetError([_("The file has more than %(count)s rows.") % {"count": limits.max_lines}])


def _too_many_rows(limits):
    return SpreadsheetError([_("The file has more than %(count)s rows.") % {"count": limits.max_rows}])


def column_letter(index):
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class _RowCounter:
    """Counts rows read at all, and rows with a value after the first one (the header)."""

    def __init__(self, limits):
        self.limits = limits
        self.lines = 0
        self.rows = -1

    def count(self, values):
        self.lines += 1
        if self.lines > self.limits.max_lines:
            raise _too_many_lines(self.limits)
        if any(value for value in values):
            self.rows += 1
            if self.rows > self.limits.max_rows:
                raise _too_many_rows(self.limits)


# ---- CSV -------------------------------------------------------------------------------


def _csv_rows(data, limits):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            [
                _(
                    "The file is not UTF-8 text (byte %(position)s). Save it as “CSV UTF-8” (in Excel: "
                    "File › Save As › CSV UTF-8), or as XLSX."
                )
                % {"position": error.start + 1}
            ]
        ) from error
    if "\x00" in text:
        raise SpreadsheetError([_("The file is not a CSV file (it contains NUL characters).")])
    return _csv_records(text, limits)


def _csv_records(text, limits):
    previous = csv.field_size_limit()
    # A field longer than the cell limit stops the reader at once.
    csv.field_size_limit(limits.max_cell_characters)
    reader = csv.reader(io.StringIO(text, newline=""))
    counter = _RowCounter(limits)
    line = 1
    try:
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if "field larger than field limit" in str(error):
                    raise SpreadsheetError(
                        [
                            _("Line %(line)s: a cell has at most %(limit)s characters.")
                            % {"line": line, "limit": limits.max_cell_characters}
                        ]
                    ) from error
                raise SpreadsheetError(
                    [_("Line %(line)s: the CSV cannot be read: %(error)s") % {"line": line, "error": error}]
                ) from error
            work.add("spreadsheet.cells", len(record))
            if len(record) > limits.max_row_cells:
                raise _too_many_cells(line, limits)
            filled = [index for index, value in enumerate(record) if value.strip()]
            if filled and filled[-1] >= limits.max_columns:
                raise _too_many_columns(line, limits)
            counter.count(record)
            yield line, record[: limits.max_columns]
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(previous)


# ---- XLSX ------------------------------------------------------------------------------


class _Budget:
    """The bytes every ZIP member of one file may expand to, together."""

    def __init__(self, limits):
        self.limits = limits
        self.left = limits.max_expanded_bytes

    def take(self, size):
        self.left -= size
        work.add("spreadsheet.expanded_bytes", size)
        if self.left < 0:
            raise SpreadsheetError(
                [
                    _("The XLSX file expands to more than %(size)s MB when opened: it is refused.")
                    % {"size": _mb(self.limits.max_expanded_bytes)}
                ]
            )


def _cannot_read(error):
    return SpreadsheetError([_("The XLSX file cannot be read: %(error)s") % {"error": error}])


def _parser(namespaces=True):
    parser = expat.ParserCreate(namespace_separator="}") if namespaces else expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_doctype(*args):
        raise SpreadsheetError([_("The XLSX file cannot be read: it declares a DTD, which is not allowed.")])

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.buffer_text = True
    return parser


_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")


def _column_index(reference):
    match = _CELL_REF.match(reference or "")
    if not match:
        return None
    index = 0
    for letter in match.group(1):
        index = index * 26 + ord(letter) - 64
    return index - 1


class _XlsxReader:
    def __init__(self, data, limits):
        self.limits = limits
        self.budget = _Budget(limits)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            members = self.archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
            raise _cannot_read(error) from error
        if len(members) > limits.max_members:
            raise SpreadsheetError(
                [_("The XLSX file holds more than %(count)s parts: it is refused.") % {"count": limits.max_members}]
            )
        self.names = {member.filename for member in members}

    # Reading one ZIP member, counting what it expands to.

    def _chunks(self, name):
        try:
            with self.archive.open(name) as member:
                while True:
                    chunk = member.read(CHUNK)
                    if not chunk:
                        return
                    self.budget.take(len(chunk))
                    yield chunk
        except SpreadsheetError:
            raise
        except (
            zipfile.BadZipFile,
            KeyError,
            OSError,
            ValueError,
            EOFError,
            RuntimeError,
            NotImplementedError,
        ) as error:
            raise _cannot_read(error) from error

    def _parse(self, name, parser):
        try:
            for chunk in self._chunks(name):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise _cannot_read(
                _("%(part)s is not well-formed XML (%(error)s)") % {"part": name, "error": error}
            ) from error

    def _small_xml(self, name):
        """Elements (tag, attributes) of a small part (workbook, relationships)."""
        elements = []
        parser = _parser()
        parser.StartElementHandler = lambda tag, attributes: elements.append((tag, attributes))
        self._parse(name, parser)
        return elements

    def _sheet_and_strings(self):
        """The path of the first worksheet and of the shared strings, from the workbook's relationships."""
        workbook, sheet, strings = "xl/workbook.xml", None, None
        for tag, attributes in self._small_xml("_rels/.rels") if "_rels/.rels" in self.names else []:
            if tag == f"{PACKAGE_REL_NS}}}Relationship" and attributes.get("Type", "").endswith("/officeDocument"):
                workbook = attributes.get("Target", workbook).lstrip("/")
        if workbook not in self.names:
            raise _cannot_read(_("it has no workbook"))
        folder = posixpath.dirname(workbook)
        rels_name = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
        targets = {}
        for tag, attributes in self._small_xml(rels_name) if rels_name in self.names else []:
            if tag == f"{PACKAGE_REL_NS}}}Relationship":
                target = attributes.get("Target", "")
                path = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
                targets[attributes.get("Id")] = path
                if attributes.get("Type", "").endswith("/sharedStrings"):
                    strings = path
        for tag, attributes in self._small_xml(workbook):
            if tag == f"{MAIN_NS}}}sheet":
                sheet = targets.get(attributes.get(f"{REL_NS}}}id"))
                break
        sheet = sheet or posixpath.join(folder, "worksheets/sheet1.xml")
        if sheet not in self.names:
            raise _cannot_read(_("it has no worksheet"))
        if strings is None and posixpath.join(folder, "sharedStrings.xml") in self.names:
            strings = posixpath.join(folder, "sharedStrings.xml")
        return sheet, strings if strings in self.names else None

    def _shared_strings(self, name):
        limits = self.limits
        strings = []
        state = {"text": None, "length": 0, "phonetic": 0}

        def start(tag, attributes):
            if tag == f"{MAIN_NS}}}si":
                state["text"], state["length"] = [], 0
            elif tag == f"{MAIN_NS}}}rPh":
                state["phonetic"] += 1

        def end(tag):
            if tag == f"{MAIN_NS}}}si" and state["text"] is not None:
                strings.append("".join(state["text"]))
                state["text"] = None
                if len(strings) > limits.max_shared_strings:
                    raise SpreadsheetError(
                        [
                            _("The XLSX file holds more than %(count)s different texts: it is refused.")
                            % {"count": limits.max_shared_strings}
                        ]
                    )
            elif tag == f"{MAIN_NS}}}rPh":
                state["phonetic"] -= 1

        def characters(text):
            if state["text"] is None or state["phonetic"]:
                return
            state["length"] += len(text)
            if state["length"] > limits.max_cell_characters:
                raise SpreadsheetError(
                    [
                        _("A text of the XLSX file has more than %(limit)s characters: a cell has at most %(limit)s.")
                        % {"limit": limits.max_cell_characters}
                    ]
                )
            state["text"].append(text)

        parser = _parser()
        parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, characters
        self._parse(name, parser)
        return strings

    def rows(self):
        sheet, strings_name = self._sheet_and_strings()
        strings = self._shared_strings(strings_name) if strings_name else []
        handler = _SheetHandler(strings, self.limits)
        parser = _parser()
        parser.StartElementHandler = handler.start
        parser.EndElementHandler = handler.end
        parser.CharacterDataHandler = handler.characters
        try:
            for chunk in self._chunks(sheet):
                parser.Parse(chunk, False)
                yield from handler.ready
                handler.ready.clear()
            parser.Parse(b"", True)
            yield from handler.ready
        except expat.ExpatError as error:
            raise _cannot_read(
                _("%(part)s is not well-formed XML (%(error)s)") % {"part": sheet, "error": error}
            ) from error
        finally:
            self.archive.close()


_ROW, _CELL, _VALUE = f"{MAIN_NS}}}row", f"{MAIN_NS}}}c", f"{MAIN_NS}}}v"
_TEXT, _INLINE, _FORMULA, _PHONETIC = f"{MAIN_NS}}}t", f"{MAIN_NS}}}is", f"{MAIN_NS}}}f", f"{MAIN_NS}}}rPh"


class _SheetHandler:
    """expat handlers of a worksheet: rows of cell texts, checked against the
    limits while they are read; `ready` holds the rows read so far."""

    def __init__(self, strings, limits):
        self.strings, self.limits = strings, limits
        self.counter = _RowCounter(limits)
        self.ready = []
        self.line = 0
        self.cells = None  # the cells of the row being read
        self.count = self.column = self.position = self.length = self.phonetic = 0
        self.type = self.text = None
        self.in_value = self.in_inline = self.formula = False

    def start(self, tag, attributes):
        if tag == _CELL and self.cells is not None:
            self._start_cell(attributes)
        elif tag == _ROW:
            number = attributes.get("r")
            self.line = int(number) if number and number.isdecimal() and len(number) < 8 else self.line + 1
            self.cells, self.count, self.position = [], 0, 0
        elif tag == _VALUE or (tag == _TEXT and self.in_inline):
            self.in_value = True
        elif tag == _INLINE:
            self.in_inline = True
        elif tag == _PHONETIC:
            self.phonetic += 1
        elif tag == _FORMULA:
            self.formula = True

    def _start_cell(self, attributes):
        self.count += 1
        work.add("spreadsheet.cells")
        if self.count > self.limits.max_row_cells:
            raise _too_many_cells(self.line, self.limits)
        index = _column_index(attributes.get("r"))
        self.column = index if index is not None else self.position
        self.position = self.column + 1
        self.type = attributes.get("t", "n")
        self.text, self.length, self.formula = [], 0, False

    def end(self, tag):
        if tag == _CELL and self.text is not None:
            self._end_cell()
        elif tag in (_VALUE, _TEXT):
            self.in_value = False
        elif tag == _INLINE:
            self.in_inline = False
        elif tag == _PHONETIC:
            self.phonetic -= 1
        elif tag == _ROW and self.cells is not None:
            self.counter.count(self.cells)
            self.ready.append((self.line, self.cells))
            self.cells = None

    def _end_cell(self):
        text = self._cell_text()
        if self.formula and text:
            raise SpreadsheetError(
                [
                    _(
                        "Line %(line)s, column %(column)s: the cell holds a formula. Formulas are not "
                        "imported: paste the values only (in Excel: Paste Special › Values)."
                    )
                    % {"line": self.line, "column": column_letter(self.column)}
                ]
            )
        if text:
            if self.column >= self.limits.max_columns:
                raise _too_many_columns(self.line, self.limits)
            if self.column >= len(self.cells):
                self.cells.extend([""] * (self.column - len(self.cells) + 1))
            self.cells[self.column] = text
        self.text = None

    def _cell_text(self):
        text = "".join(self.text)
        if self.type == "s":
            try:
                return self.strings[int(text)]
            except (ValueError, IndexError):
                return ""
        if self.type == "n":
            return _number_text(text)
        if self.type == "b":
            return "TRUE" if text == "1" else "FALSE"
        return text

    def characters(self, text):
        if not self.in_value or self.text is None or self.phonetic:
            return
        self.length += len(text)
        if self.length > self.limits.max_cell_characters:
            raise _too_long(self.line, self.column, self.limits)
        self.text.append(text)


def _number_text(text):
    """A number as a person wrote it: 70 rather than 70.0."""
    try:
        number = float(text)
    except ValueError:
        return text
    if number.is_integer() and abs(number) < 10**15:
        return str(int(number))
    return text
