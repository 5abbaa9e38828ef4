"""Hostile files for tests, the fuzzing suite and benchmarks: spreadsheets
that expand (a row of millions of cells, a cell of hundreds of millions of
characters, hundreds of thousands of rows), ZIP bombs and nested ZIPs,
formula cells and files whose content does not match their name. Each is
small on disk and built in a streaming way, so that making one costs
little memory."""

import io
import zipfile

HEADER = ["年度", "学段", "学校", "规则", "类型", "名称", "起", "止", "单双号", "备注"]
ROW = ["2026", "小学", "东风路小学", "包含", "街道", "东风路", "", "", "", ""]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(value):
    return f'<c t="inlineStr"><is><t>{_escape(value)}</t></is></c>'


def _row(number, values):
    return f'<row r="{number}">' + "".join(_cell(value) for value in values) + "</row>"


def xlsx_from_chunks(chunks):
    """An XLSX file whose only sheet's <sheetData> is the concatenation of
    `chunks` (strings of row XML), compressed as it is written."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_START.encode())
            for chunk in chunks:
                sheet.write(chunk.encode())
            sheet.write(_SHEET_END.encode())
    return out.getvalue()


def xlsx_rows(rows, header=HEADER):
    """A well-formed XLSX of the header and `rows` (lists of values)."""
    return xlsx_from_chunks([_row(1, header)] + [_row(number, row) for number, row in enumerate(rows, start=2)])


def _repeated(text, times, per_chunk):
    """`text` `times` times over, `per_chunk` times in each chunk: a large
    file is written without being held in memory."""
    block = text * per_chunk
    for _ in range(times // per_chunk):
        yield block
    yield text * (times % per_chunk)


def xlsx_after_header(*parts):
    """An XLSX of the header row, then `parts` in order: strings of row XML,
    or iterables of them (read only as the file is written)."""

    def chunks():
        yield _row(1, HEADER)
        for part in parts:
            if isinstance(part, str):
                yield part
            else:
                yield from part

    return xlsx_from_chunks(chunks())


def xlsx_wide_row(cells=5_000_000):
    """The header, then one row of `cells` cells (5,000,000 cells: about 0.5 MB)."""
    return xlsx_after_header('<row r="2">', _repeated("<c><v>1</v></c>", cells, per_chunk=10_000), "</row>")


def xlsx_long_cell(characters=200_000_000):
    """The header, then a row whose 名称 cell holds `characters` characters."""
    return xlsx_after_header(
        '<row r="2">' + "".join(_cell(value) for value in ROW[:5]) + '<c t="inlineStr"><is><t>',
        _repeated("x", characters, per_chunk=1_000_000),
        "</t></is></c></row>",
    )


def xlsx_many_rows(rows=500_000):
    """The header, then `rows` identical rows (500,000 rows: well under 1 MB)."""
    row = "<row>" + "".join(_cell(value) for value in ROW[:6]) + "</row>"
    return xlsx_after_header(_repeated(row, rows, per_chunk=1000))


def xlsx_with_shared_strings_bomb(characters=100_000_000):
    """A workbook whose sharedStrings part expands to `characters` characters."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.replace(
                "</Types>",
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            ),
        )
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            _WORKBOOK_RELS.replace(
                "</Relationships>",
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
            ),
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            _SHEET_START + _row(1, HEADER) + '<row r="2"><c t="s"><v>0</v></c></row>' + _SHEET_END,
        )
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(
                b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
            )
            block = b"y" * 1_000_000
            for _ in range(characters // 1_000_000):
                strings.write(block)
            strings.write(b"</t></si></sst>")
    return out.getvalue()


def xlsx_with_entities():
    """An XLSX whose sheet declares an internal entity expanded a billion times ("billion laughs")."""
    entities = (
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
        + "]>"
    )
    sheet = (
        _SHEET_START.replace("?>", "?>" + entities, 1)
        + _row(1, HEADER)
        + '<row r="2"><c t="inlineStr"><is><t>&i;</t></is></c></row>'
        + _SHEET_END
    )
    return _xlsx_with_sheet(sheet)


def _xlsx_with_sheet(sheet_xml):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


def zip_bomb(expanded=1_000_000_000, name="data.bin"):
    """A ZIP with one member of `expanded` zero bytes (1 GB: about 1 MB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open(name, "w", force_zip64=True) as member:
            block = b"\0" * 1_000_000
            for _ in range(expanded // 1_000_000):
                member.write(block)
    return out.getvalue()


def nested_zip(depth=10, inner=b"%PDF-1.4 nested"):
    """A ZIP holding a ZIP holding a ZIP … `depth` levels down."""
    data = inner
    for level in range(depth):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"level-{level}.zip" if level else "inner.pdf", data)
        data = out.getvalue()
    return data


def csv_rows(rows, header=HEADER, bom=True):
    import csv

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


FORMULAS = [
    '=HYPERLINK("http://evil.example/","点击")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def formula_zone_rows(formula, column="学校"):
    """Rows of one valid zone with `formula` in the school (学校) or name (名称) cell."""
    school = formula if column == "学校" else "东风路小学"
    name = formula if column == "名称" else "东风路"
    return [
        ["2026", "小学", school, "描述", "范围", "东至东风路。", "", "", "", ""],
        ["2026", "小学", school, "包含", "街道", name, "", "", "", ""],
    ]


WRONG_MAGIC = {
    # name: bytes whose content is not what the name says
    "zones.xlsx": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n",
    "zones.csv": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
    "report.pdf": b"PK\x03\x04" + b"\x00" * 26,
    "report.docx": b"%PDF-1.4\n",
    "report.xlsx": b"\x7fELF\x02\x01\x01" + b"\x00" * 64,
}


def xlsx_expanding_whitespace(size=40_000_000):
    """A well-formed sheet padded with `size` bytes of whitespace (about 40 KB on disk)."""
    return xlsx_after_header(_repeated(" ", size, per_chunk=1_000_000))


def xlsx_with_formula(formula='HYPERLINK("http://evil.example/","点击")', cached="点击"):
    """The header and a zone row whose 名称 cell is a formula with a cached value."""
    cells = "".join(_cell(value) for value in ROW[:5])
    cells += f'<c t="str"><f>{_escape(formula)}</f><v>{_escape(cached)}</v></c>'
    return xlsx_after_header(f'<row r="2">{cells}</row>')


def png_bomb(width=30_000, height=30_000):
    """A PNG whose header claims width × height pixels (900 million: 3.6 GB
    decoded), with a tiny, truncated image stream: refused by its size."""
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\0" * (width + 1) * 4, 9)  # the first rows only
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


HOSTILE_NAMES = [
    "../../../../etc/passwd.pdf",
    "a" * 240 + ".pdf",
    "报告\u202egpj.exe.pdf",
    "<script>alert(1)</script>.pdf",
    "con.pdf",
    ".pdf",
    "=cmd|' /C calc'!A0.csv",
]
