#!/usr/bin/env python3
"""gen.py — writes the hand-made XLSX fixtures of tests/unit/test_xlsx.c (and the xlsx fuzz seeds).

Run once from the repository root: python3 tests/unit/data/xlsx/gen.py. The .xlsx files are committed, so
the tests need neither python nor libxlsxwriter. Each workbook is written part by part with zipfile, so
every byte the reader sees is chosen here (shared strings with rich text and phonetic runs, inline strings,
numbers as stored, formulas with and without a cached value, merges, styles, prefixed XML, odd targets).
writer.xlsx (made by libxlsxwriter) and sh-dept-template.xlsx (a public Shanghai template) are not made here.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FUZZ = os.path.join(HERE, "..", "..", "..", "fuzz", "corpus", "xlsx")
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
HDR = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = HDR + ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                       '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = HDR + ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="' + REL + 'officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')


def rels(items):
    body = "".join('<Relationship Id="%s" Type="%s%s" Target="%s"/>' % (i, REL, t, tg) for i, t, tg in items)
    return HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + body + \
        '</Relationships>'


def workbook(sheets):
    body = "".join('<sheet name="%s" sheetId="%d"%s r:id="%s"/>' % (n, k + 1, (' state="%s"' % st) if st else "", rid)
                   for k, (n, rid, st) in enumerate(sheets))
    return HDR + '<workbook %s><sheets>%s</sheets></workbook>' % (NS, body)


def write(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


SST = HDR + ('<sst %s count="7" uniqueCount="7">'
             '<si><t>部门预算收支总表</t></si>'                                   # 0
             '<si><t>一般公共预算拨款收入</t></si>'                               # 1
             '<si><r><rPr><b/></rPr><t>行政</t></r><r><t xml:space="preserve">运行 </t></r>'
             '<rPh sb="0" eb="2"><t>ぎょうせい</t></rPh></si>'                    # 2: rich text + phonetic
             '<si><t>第一行_x000D_\n第二行</t></si>'                               # 3: escaped CR
             '<si><t>社会保障和就业支出</t></si>'                                 # 4
             '<si><t></t></si>'                                                   # 5: empty string
             '<si><t>a_x005F_x0041_b</t></si>'                                    # 6: escaped underscore
             '</sst>') % NS

STYLES = HDR + ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<numFmts count="2"><numFmt numFmtId="176" formatCode="#,##0.00_ "/>'
                '<numFmt numFmtId="177" formatCode="yyyy&quot;年&quot;m&quot;月&quot;;@"/></numFmts>'
                '<cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs>'
                '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="10"/>'
                '<xf numFmtId="14"/><xf numFmtId="177"/></cellXfs></styleSheet>')

# Sheet 收支总表: title merged over A1:D1, strings, numbers as stored, formulas, inline string, bool, error.
SHEET_A = HDR + ('<worksheet %s><dimension ref="A1:F9"/><sheetData>'
                 '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" s="1"/></row>'
                 '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>509.3</v></c>'
                 '<c r="C2" s="1"><v>34063.09</v></c><c r="D2"><v>6228</v></c></row>'
                 '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>-12.5</v></c>'
                 '<c r="C3"><v>123456789012.34</v></c><c r="D3"><v>1E-3</v></c></row>'
                 '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" s="1"><f>SUM(B2:B3)</f><v>496.8</v></c>'
                 '<c r="C4"><f>B4*2</f></c><c r="D4" t="str"><f>A2&amp;""</f><v>一般公共预算拨款收入</v></c></row>'
                 '<row r="5"><c r="A5" t="inlineStr"><is><t>内联</t></is></c>'
                 '<c r="B5" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>'
                 '<c r="C5" t="b"><v>1</v></c><c r="D5" t="e"><v>#DIV/0!</v></c>'
                 '<c r="E5" t="str"><f>""</f><v></v></c></row>'
                 '<row r="6"><c r="A6" t="s"><v>4</v></c><c r="B6" s="2"><v>0.125</v></c>'
                 '<c r="C6" s="3"><v>45292</v></c><c r="D6" s="4"><v>45292</v></c></row>'
                 '<row r="7"><c r="A7" t="s"><v>5</v></c><c r="B7" t="s"><v>6</v></c></row>'
                 '<row r="9" spans="1:6"><c r="F9"><v>0</v></c></row>'
                 '</sheetData><mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="E2:E3"/></mergeCells>'
                 '</worksheet>') % NS

# Sheet 支出表: prefixed main namespace, rows and cells without r attributes, cells out of order.
SHEET_B = HDR + ('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
                 '<x:row><x:c t="s"><x:v>4</x:v></x:c><x:c><x:v>100.00</x:v></x:c></x:row>'
                 '<x:row><x:c/><x:c><x:v>7</x:v></x:c><x:c r="E2"><x:v>8</x:v></x:c><x:c><x:v>9</x:v></x:c></x:row>'
                 '<x:row r="5"><x:c r="B5"><x:v>2</x:v></x:c><x:c r="A5"><x:v>1</x:v></x:c></x:row>'
                 '</x:sheetData></x:worksheet>')

SHEET_EMPTY = HDR + '<worksheet %s><sheetData/></worksheet>' % NS
SHEET_HIDDEN = HDR + '<worksheet %s><sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData></worksheet>' % NS


def basic_parts(sheet_a=SHEET_A, extra=(), wb_rels=None, sst=SST):
    wbr = wb_rels or rels([("rId9", "worksheet", "worksheets/data_b.xml"),
                           ("rId3", "worksheet", "worksheets/data_a.xml"),
                           ("rId4", "worksheet", "/xl/worksheets/../worksheets/empty.xml"),
                           ("rId5", "worksheet", "./worksheets/hidden.xml"),
                           ("rId7", "sharedStrings", "sharedStrings.xml"),
                           ("rId8", "styles", "styles.xml")])
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
             ("xl/workbook.xml", workbook([("收支总表", "rId3", None), ("支出表", "rId9", None),
                                           ("空表", "rId4", None), ("隐藏", "rId5", "hidden")])),
             ("xl/_rels/workbook.xml.rels", wbr), ("xl/sharedStrings.xml", sst), ("xl/styles.xml", STYLES),
             ("xl/worksheets/data_a.xml", sheet_a), ("xl/worksheets/data_b.xml", SHEET_B),
             ("xl/worksheets/empty.xml", SHEET_EMPTY), ("xl/worksheets/hidden.xml", SHEET_HIDDEN)]
    parts = [p for p in parts if p[0] not in dict(extra)] + list(extra)
    return parts


def one_sheet(sheet_xml, name="Sheet1"):
    return [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", workbook([(name, "rId1", None)])),
            ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "worksheets/sheet1.xml"),
                                                 ("rId2", "sharedStrings", "sharedStrings.xml")])),
            ("xl/sharedStrings.xml", SST), ("xl/worksheets/sheet1.xml", sheet_xml)]


def main():
    os.makedirs(FUZZ, exist_ok=True)
    out = {
        "basic.xlsx": basic_parts(),
        "missing_sheet.xlsx": [p for p in basic_parts() if p[0] != "xl/worksheets/data_a.xml"],
        "malformed.xlsx": one_sheet(HDR + '<worksheet %s><sheetData><row r="1"><c r="A1"><v>1</v></row>'
                                    '</sheetData></worksheet>' % NS),
        "bad_ref.xlsx": one_sheet(HDR + '<worksheet %s><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row>'
                                  '</sheetData></worksheet>' % NS),
        "bad_sst.xlsx": one_sheet(HDR + '<worksheet %s><sheetData><row r="7"><c r="B7" t="s"><v>99</v></c></row>'
                                  '</sheetData></worksheet>' % NS),
        "doctype.xlsx": one_sheet(HDR + '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                                  '<worksheet %s><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t>'
                                  '</is></c></row></sheetData></worksheet>' % NS),
        "bomb.xlsx": one_sheet(HDR + '<worksheet %s><sheetData>' % NS + " " * (2 * 1024 * 1024) +
                               '</sheetData></worksheet>'),
        "escape.xlsx": [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                        ("xl/workbook.xml", workbook([("Sheet1", "rId1", None)])),
                        ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "../../docProps/app.xml")])),
                        ("docProps/app.xml", SHEET_HIDDEN)],
        "no_workbook.xlsx": [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                             ("xl/styles.xml", STYLES)],
    }
    for name, parts in out.items():
        write(os.path.join(HERE, name), parts)
    with open(os.path.join(HERE, "notzip.xlsx"), "wb") as f:
        f.write("单位：万元\t509.30\n".encode("utf-8"))
    # fuzz seeds: small valid workbooks and a few broken ones
    for name in ("basic.xlsx", "malformed.xlsx", "bad_ref.xlsx", "bad_sst.xlsx", "doctype.xlsx", "escape.xlsx",
                 "missing_sheet.xlsx", "notzip.xlsx"):
        with open(os.path.join(HERE, name), "rb") as src, open(os.path.join(FUZZ, name), "wb") as dst:
            dst.write(src.read())
    data = open(os.path.join(HERE, "basic.xlsx"), "rb").read()
    with open(os.path.join(FUZZ, "truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])


if __name__ == "__main__":
    main()
