"""Builds a .docx from a filing's text dump, the inverse of the dump: untabbed lines become
paragraphs, tab-led lines start table cells, a blank line before a tab starts a new row.
Used once to make the .docx fixtures here from Tests/Fixtures/filings/*.txt:
    python3 make-docx.py ../filings/000_4163b9005dfad92f.txt 000_4163b9005dfad92f.docx
The fixtures made by real producers (python-docx, LibreOffice) come from make-real-docx.py.
"""
import sys, zipfile
from xml.sax.saxutils import escape

TITLES = ("自评表", "数据表", "自评报告", "汇总报告", "情况说明")

def is_title(line):
    t = line.strip().replace(" ", "")
    return t.endswith(TITLES) or (t.startswith("附件") and len(t) <= 4)

def paragraph(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % escape(text)

def convert(lines):
    body, table, row, cell = [], None, None, None
    def close_table():
        nonlocal table, row, cell
        if table is not None:
            body.append("<w:tbl>" + "".join("<w:tr>" + "".join("<w:tc>" + "".join(paragraph(p) for p in c) + "</w:tc>" for c in r) + "</w:tr>" for r in table) + "</w:tbl>")
        table, row, cell = None, None, None
    blank = False
    for line in lines:
        if line.startswith("\t"):
            if table is None:
                table = []
            if row is None or blank:
                row = []
                table.append(row)
            cell = [line[1:]]
            row.append(cell)
            blank = False
        elif line.strip() == "":
            if cell is not None:
                cell.append("")
            else:
                body.append(paragraph(""))
            blank = True
        elif table is not None and cell is not None and not is_title(line):
            cell.append(line)
            blank = False
        else:
            close_table()
            body.append(paragraph(line))
            blank = False
    close_table()
    return body

src, dst = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8-sig").read().replace("\r\n", "\n")
lines = text.split("\n")
if lines and lines[-1] == "":
    lines.pop()
doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
       + "".join(convert(lines)) + "<w:sectPr/></w:body></w:document>")
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr("word/document.xml", doc)
