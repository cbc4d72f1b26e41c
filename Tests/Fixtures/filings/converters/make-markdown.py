#!/usr/bin/env python3
"""Writes a web page's filing as markdown the way other converters do, for the reader's tests:
titles as **bold** lines, a cell merged down several rows repeated on every row of the merge
(where the fixtures in wild/ leave it empty), a cell merged across columns written once (as
html2text writes it), <br/> for a line break inside a cell.

Usage: make-markdown.py PAGE.html OUT.txt   (made from ../shared/formats/v2_writer_export.html)
"""
import html.parser
import sys

TITLES = ("自评表", "基础数据表", "自评报告", "情况说明")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self.depth, self.row, self.cell, self.text = [], 0, None, None, ""
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "script", "head"):
            self.skip += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.flush()
                self.blocks.append(("table", []))
        elif tag == "tr" and self.depth == 1:
            self.row = []
            self.blocks[-1][1].append(self.row)
        elif tag in ("td", "th") and self.depth == 1:
            self.cell = {"text": "", "rowspan": int(attrs.get("rowspan", 1)), "colspan": int(attrs.get("colspan", 1))}
            self.row.append(self.cell)
        elif tag in ("p", "br", "div") and self.cell is not None and self.cell["text"]:
            self.cell["text"] += "<br/>"
        elif tag in ("p", "div", "h1", "h2", "pre") and self.depth == 0:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head"):
            self.skip -= 1
        elif tag == "table":
            self.depth -= 1
        elif tag in ("td", "th") and self.depth == 1:
            self.cell["text"] = self.cell["text"].strip().removesuffix("<br/>")
            self.cell = None
        elif tag in ("p", "div", "h1", "h2", "pre") and self.depth == 0:
            self.flush()

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell["text"] += data.replace("\n", " ").replace("|", "\\|").strip()
        elif self.depth == 0:
            self.text += data.replace("\n", " ")

    def flush(self):
        if self.text.strip():
            self.blocks.append(("p", self.text.strip()))
        self.text = ""


def grid(rows):
    """Rows of texts with every merged cell's text in each slot it covers."""
    out, pending = [], {}
    for row in rows:
        line, column, cells = [], 0, list(row)
        while cells or any(c >= column for c in pending):
            if column in pending:
                text, width, left = pending[column]
                line.append(text)
                pending[column] = (text, width, left - 1) if left > 1 else None
                if pending[column] is None:
                    del pending[column]
                column += width
            elif cells:
                cell = cells.pop(0)
                line.append(cell["text"])
                if cell["rowspan"] > 1:
                    pending[column] = (cell["text"], cell["colspan"], cell["rowspan"] - 1)
                column += cell["colspan"]
            else:
                column += 1
        out.append(line)
    return out


def main():
    page = Page()
    page.feed(open(sys.argv[1], encoding="utf-8").read())
    page.flush()
    lines = []
    for kind, content in page.blocks:
        if kind == "p":
            title = content.endswith(TITLES) and len(content) < 60
            lines += ["", f"**{content}**" if title else content]
        else:
            rows = grid(content)
            lines.append("")
            for i, row in enumerate(rows):
                lines.append("| " + " | ".join(row) + " |")
                if i == 0:
                    lines.append("|" + "---|" * max(len(r) for r in rows))
    open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines).lstrip("\n") + "\n")


main()
