"""Builds .docx fixtures the way people's tools make them, from a filing's text dump, so each
must read back to the dump's answer key. Two producers:

  python-docx   tables with real merges (cell.merge: w:gridSpan for short rows, w:vMerge for
                the empty cells under a merged 一级/二级/lead cell), and what people add by hand:
                empty paragraphs before and after the text of every cell, a line break inside a
                cell, a nested table in a 偏差原因 cell, a text box in the first project's name
                cell, a page header and footer, and the first table wrapped in a w:sdt content
                control.
  libreoffice   an HTML page with rowspan/colspan and empty paragraphs in cells, converted by
                `soffice --headless --convert-to docx:"MS Word 2007 XML"`.

Usage (from this folder; needs `pip install python-docx` and LibreOffice):
    python3 make-real-docx.py ../filings/v1_seed_layout_4projects_2022.txt python-docx
    python3 make-real-docx.py ../filings/000_4163b9005dfad92f.txt libreoffice
Writes <stem>.<producer>.docx here.
"""
import copy, html, os, re, subprocess, sys, tempfile

TITLES = ("自评表", "数据表", "自评报告", "汇总报告", "情况说明")


def is_title(line):
    t = line.strip().replace(" ", "")
    return t.endswith(TITLES) or re.match(r"^附[件表][0-9一二三四五六七八九十]+$", t) is not None


def parse_tab_dump(lines):
    """Blocks of ("p", text) and ("table", rows of cells of paragraphs), read as the reader
    reads the tab layout: a blank line before a tab starts a row; an untabbed line continues
    the cell unless a blank line came first and no tab follows."""
    blocks, table, row, cell, blank = [], None, None, None, False
    def close():
        nonlocal table, row, cell
        if table:
            blocks.append(("table", table))
        table, row, cell = None, None, None
    for i, line in enumerate(lines):
        if line.startswith("\t"):
            if table is None:
                table = []
            if row is None or blank:
                row = []
                table.append(row)
            cell = [line[1:].strip()]
            row.append(cell)
            blank = False
        elif line.strip() == "":
            blank = True
        elif cell is not None and not is_title(line) and (not blank or next_is_tab(lines, i)):
            cell.append(line.strip())
            blank = False
        else:
            close()
            blocks.append(("p", line.strip()))
            blank = False
    close()
    return blocks


def next_is_tab(lines, i):
    for line in lines[i + 1:]:
        if line.startswith("\t"):
            return True
        if line.strip() == "" or is_title(line):
            return False
    return False


def parse_markdown(lines):
    blocks, table = [], None
    for line in lines:
        t = line.strip()
        if len(t) >= 2 and t.startswith("|") and t.endswith("|"):
            if set(t) <= set("|-: "):
                continue
            cells = [[p.strip() for p in c.split("<br>")] for c in t[1:-1].split("|")]
            table = table if table is not None else []
            table.append(cells)
        else:
            if table:
                blocks.append(("table", table))
            table = None
            if t:
                blocks.append(("p", t.lstrip("#").strip()))
    if table:
        blocks.append(("table", table))
    return blocks


def merges(table):
    """Which cells to merge: (row, col, last col) for a short row's last cell, and the empty
    cells of columns 0-2 under a non-empty one in rows of full width (a vertical merge)."""
    width = max(len(r) for r in table)
    horizontal = [(r, len(row) - 1, width - 1) for r, row in enumerate(table) if len(row) < width]
    vertical = []
    for c in range(3):
        r = 0
        while r < len(table):
            if len(table[r]) == width and "".join(table[r][c]):
                end = r
                while (end + 1 < len(table) and len(table[end + 1]) == width
                       and not "".join(table[end + 1][c]) and c < width - 1):
                    end += 1
                if end > r:
                    vertical.append((c, r, end))
                r = end + 1
            else:
                r += 1
    return width, horizontal, vertical


def is_name_label(paragraphs):
    return re.match(r"^项目(支出)?名称$", "".join(paragraphs).replace(" ", "")) is not None


# MARK: python-docx

TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
  xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">
  <w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框批注</w:t></w:r></w:p>
  </w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>
  <v:textbox><w:txbxContent><w:p><w:r><w:t>文本框批注</w:t></w:r></w:p></w:txbxContent></v:textbox>
  </v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def python_docx(blocks, out):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "项目名称 页眉不是正文"
    section.footer.paragraphs[0].text = "第 1 页 共 9 页"
    first_table, broke, nested, boxed = None, False, False, False
    for kind, content in blocks:
        if kind == "p":
            document.add_paragraph(content)
            continue
        width, horizontal, vertical = merges(content)
        table = document.add_table(rows=len(content), cols=width)
        first_table = first_table if first_table is not None else table
        for r, row in enumerate(content):
            for c, paragraphs in enumerate(row):
                cell = table.cell(r, c)
                texts = [p for p in paragraphs if p]
                if not texts:
                    continue
                cell.paragraphs[0].text = ""  # a leading empty paragraph, as after pressing Enter
                for text in texts:
                    paragraph = cell.add_paragraph()
                    if not broke and c == 3 and len(text) >= 4 and "指标" not in text and r > 0:
                        half = len(text) // 2
                        run = paragraph.add_run(text[:half])
                        run.add_break()
                        paragraph.add_run(text[half:])
                        broke = True
                    else:
                        paragraph.add_run(text)
                    if not boxed and text.replace(" ", "") and c > 0 and is_name_label(row[c - 1]):
                        paragraph._p.append(parse_xml(TEXT_BOX))
                        boxed = True
                cell.add_paragraph("")  # and a trailing one
            if not nested and len(row) == width and "".join(row[0] + row[1]) == "" and r > 0:
                inner = table.cell(r, width - 1).add_table(rows=2, cols=2)
                for i, text in enumerate(["嵌套表", "甲", "乙", "丙"]):
                    inner.cell(i // 2, i % 2).text = text
                nested = True
        for r, c, last in horizontal:
            table.cell(r, c).merge(table.cell(r, last))
        for c, top, bottom in vertical:
            table.cell(top, c).merge(table.cell(bottom, c))
    if first_table is not None:
        tbl = first_table._tbl
        sdt = parse_xml(
            '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:sdtPr><w:alias w:val="表格"/></w:sdtPr><w:sdtContent/></w:sdt>')
        tbl.addprevious(sdt)
        sdt.find(qn("w:sdtContent")).append(tbl)
    document.save(out)


# MARK: LibreOffice

def libreoffice(blocks, out):
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    broke = False
    for kind, content in blocks:
        if kind == "p":
            parts.append("<p>%s</p>" % html.escape(content))
            continue
        width, horizontal, vertical = merges(content)
        spans = {(r, c): last - c + 1 for r, c, last in horizontal}
        rowspans = {(top, c): bottom - top + 1 for c, top, bottom in vertical}
        covered = {(r, c) for c, top, bottom in vertical for r in range(top + 1, bottom + 1)}
        parts.append("<table border='1'>")
        for r, row in enumerate(content):
            parts.append("<tr>")
            for c, paragraphs in enumerate(row):
                if (r, c) in covered:
                    continue
                attrs = ""
                if (r, c) in spans:
                    attrs += " colspan='%d'" % spans[(r, c)]
                if (r, c) in rowspans:
                    attrs += " rowspan='%d'" % rowspans[(r, c)]
                texts = [html.escape(p) for p in paragraphs if p]
                if not broke and c == 3 and r > 0 and len(texts) == 1 and len(texts[0]) >= 4 and "指标" not in texts[0]:
                    half = len(texts[0]) // 2
                    texts = [texts[0][:half] + "<br>" + texts[0][half:]]
                    broke = True
                body = "<p><br></p>" + "".join("<p>%s</p>" % t for t in texts) + "<p><br></p>" if texts else ""
                parts.append("<td%s>%s</td>" % (attrs, body))
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    with tempfile.TemporaryDirectory() as folder:
        page = os.path.join(folder, os.path.basename(out).replace(".docx", ".html"))
        with open(page, "w", encoding="utf-8") as f:
            f.write("".join(parts))
        subprocess.run(["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to",
                        'docx:MS Word 2007 XML', "--outdir", folder, page], check=True,
                       stdout=subprocess.DEVNULL)
        os.replace(page.replace(".html", ".docx"), out)


def main():
    source, producer = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    markdown = sum(1 for l in lines if l.startswith("|")) > sum(1 for l in lines if l.startswith("\t"))
    blocks = parse_markdown(lines) if markdown else parse_tab_dump(lines)
    stem = os.path.basename(source)[: -len(".txt")]
    out = "%s.%s.docx" % (stem, producer)
    {"python-docx": python_docx, "libreoffice": libreoffice}[producer](blocks, out)
    print(out)


if __name__ == "__main__":
    main()
