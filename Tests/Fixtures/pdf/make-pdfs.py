#!/usr/bin/env python3
"""Makes the PDF fixtures the readers must refuse, each for its own reason:

- scanned.pdf: one page that is only an image (a scan), no text layer;
- no-table.pdf: a page of text with no table;
- encrypted.pdf: v2_writer.pdf (../formats) locked with a user password (needs pypdf);

and two filings printed without cell borders, which the reader rebuilds from word positions:

- 000-borderless-writer.pdf: the real filing's .docx (../docx/000_4163b9005dfad92f.docx, whose
  tables have no borders) exported by LibreOffice Writer;
- v1-borderless-python-docx.pdf: python-docx's v1 filing (empty paragraphs around every cell's
  text, a page header and footer), exported the same way.

Run from this folder: python3 make-pdfs.py (LibreOffice needed). The output is committed; tests
never run this.
"""
import os
import shutil
import subprocess
import tempfile
import zlib


def pdf(objects):
    """A PDF file of the given object bodies (object 1 is the catalog), with its xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(dictionary, data):
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def scanned():
    # A grey 64x64 image with a dark band, drawn over the whole page: what a scanner makes.
    pixels = bytes((40 if 20 <= y < 28 else 220) for y in range(64) for x in range(64))
    image = stream(b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8 /Filter /FlateDecode", zlib.compress(pixels))
    content = stream(b"", b"q 595 0 0 842 0 0 cm /Im1 Do Q")
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        content,
        image,
    ])


def no_table():
    text = b"BT /F1 14 Tf 72 760 Td (Meeting notes: the budget review starts on Monday.) Tj ET"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"", text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def encrypted():
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader("../formats/v2_writer.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with open("encrypted.pdf", "wb") as f:
        writer.write(f)


def borderless():
    with tempfile.TemporaryDirectory() as work:
        sources = {
            "000-borderless-writer": "../docx/000_4163b9005dfad92f.docx",
            "v1-borderless-python-docx": "../docx/v1_seed_layout_4projects_2022.python-docx.docx",
        }
        for name, source in sources.items():
            shutil.copy(source, os.path.join(work, name + ".docx"))
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile",
                        "--convert-to", "pdf", "--outdir", ".",
                        *[os.path.join(work, name + ".docx") for name in sources]], check=True)


if __name__ == "__main__":
    with open("scanned.pdf", "wb") as f:
        f.write(scanned())
    with open("no-table.pdf", "wb") as f:
        f.write(no_table())
    encrypted()
    borderless()
