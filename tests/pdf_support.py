"""Small real PDFs for the source-verification tests, written by hand: one page per list of
lines, in Helvetica, with a real text layer (or none, for a "scanned" page of drawings).
PDFium reads them as it reads any PDF."""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], scanned: bool = False) -> bytes:
    """A PDF with these pages of text lines (``scanned``: each page only draws boxes)."""
    objects: list[bytes] = []
    font_id = 3
    page_ids = []
    contents = []
    for lines in pages:
        if scanned:
            stream = b"0.5 g 72 400 450 300 re f 0 g 100 100 m 500 700 l S"
        else:
            parts = ["BT /F1 11 Tf 14 TL 72 760 Td"]
            parts += [f"({_escape(line)}) Tj T*" for line in lines]
            parts.append("ET")
            stream = "\n".join(parts).encode("latin-1")
        contents.append(stream)
    # object numbering: 1 catalog, 2 pages, 3 font, then (page, content) pairs
    next_id = 4
    for _ in pages:
        page_ids.append(next_id)
        next_id += 2
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for page_id, stream in zip(page_ids, contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page_id + 1} 0 R "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
