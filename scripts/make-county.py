#!/usr/bin/env python3
"""Makes a county of filings from the fixture filings, deterministically.

    scripts/make-county.py N OUTDIR [--seed S]

Each filing is one of the four keyed fixtures (three layouts of the tab-led dump, one of them
GB18030 with CRLF line ends) with another unit name and, in some project tables, a lower
全年执行数 than filed: the reported 执行率, 得分 and 总分 stay as they were, so every such
change plants a known inconsistency (rate.differs, total.differs, deviation.shortfall). One
file in every 25 is not a filing at all, to show a load that goes on past a bad file.
The same N and seed always give the same bytes.
"""
import argparse
import pathlib
import random
import re

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "filings"
SOURCES = [
    ("000_4163b9005dfad92f.txt", "石鼓区总工会", "utf-8"),
    ("v1_seed_layout_4projects_2022.txt", "示范县文化馆", "utf-8"),
    ("v2_hengshan_label_variants_2023.txt", "示范县枫林镇人民政府", "utf-8"),
    ("v3_gb18030_crlf_2023.txt", "示范县实验幼儿园", "gb18030"),
]
TOWNS = ["青山", "白水", "东湖", "西岭", "南塘", "北固", "石门", "柳溪", "枫桥", "云台"]
KINDS = ["总工会", "文化馆", "教育局", "卫生健康局", "农业农村局", "民政局", "交通运输局", "水利局", "司法局", "妇女联合会"]
FUND_ROW = re.compile(r"^\t(年度资金总额|其中[:：]当年财政拨款|当年财政拨款)\s*$")
NUMBER = re.compile(r"^\t\s*([0-9]+(?:\.[0-9]+)?)\s*$")


def unit_name(i):
    return f"示范县{TOWNS[i % len(TOWNS)]}{KINDS[(i // len(TOWNS)) % len(KINDS)]}"


def lower_spending(lines, rng):
    """Lowers the 全年执行数 of some fund rows (the third figure after the row's label)."""
    out = list(lines)
    for i, line in enumerate(lines):
        if not FUND_ROW.match(line.rstrip("\r")):
            continue
        cells = []
        j = i + 1
        while j < len(lines) and lines[j].startswith("\t") and len(cells) < 3:
            cells.append(j)
            j += 1
        if len(cells) < 3:
            continue
        budget = NUMBER.match(lines[cells[1]].rstrip("\r"))
        spent = NUMBER.match(lines[cells[2]].rstrip("\r"))
        if not budget or not spent or float(budget.group(1)) == 0:
            continue
        factor = rng.choice([1, 1, 1, 0.9, 0.75, 0.55])
        if factor == 1:
            continue
        value = round(float(budget.group(1)) * factor, 2)
        ending = "\r" if lines[cells[2]].endswith("\r") else ""
        out[cells[2]] = f"\t{value:g}{ending}"
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("outdir", type=pathlib.Path)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.outdir.mkdir(parents=True, exist_ok=True)
    for i in range(args.count):
        target = args.outdir / f"{i + 1:05d}.txt"
        if (i + 1) % 25 == 0:
            target.write_text("本文件为报送说明，不含自评表。\n", encoding="utf-8")
            continue
        name, unit, encoding = SOURCES[i % len(SOURCES)]
        text = (FIXTURES / name).read_bytes().decode(encoding)
        text = text.replace(unit, unit_name(i))
        lines = lower_spending(text.split("\n"), rng)
        target.write_bytes("\n".join(lines).encode(encoding))


if __name__ == "__main__":
    main()
