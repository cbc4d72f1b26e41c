#!/usr/bin/env python3
"""Writes Tests/Fixtures/planted/: copies of the visible filings with inconsistencies planted in them.

Each plant changes one cell or sentence of a copy; `plants.tsv` lists what was planted, the
check that must find it and the line it must be found at. The copies keep the base file's
lines one for one, so every other finding stays where the base file's judgments put it.
Run it again after changing a plant: `python3 scripts/plant.py`.
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT / "Tests" / "Fixtures" / "filings"
OUT = ROOT / "Tests" / "Fixtures" / "planted"

REAL = "000_4163b9005dfad92f.txt"
V1 = "v1_seed_layout_4projects_2022.txt"
V2 = "v2_hengshan_label_variants_2023.txt"
V3 = "v3_gb18030_crlf_2023.txt"

# copy name, base file, [(line, old text, new text, check that finds it, line it is found at, what)]
COPIES = [
    ("p01_v2.txt", V2, [
        (398, "97.53%", "95.53%", "rate.differs", 398, "a stated rate the amounts do not give"),
        (480, "97%", "85%", "score.fullDespiteShortfall", 482, "85% against ≥95% at full marks"),
        (493, "雨季偏长，部分村组收尾工程延后半个月", "略", "deviation.empty", 488, "a deduction explained by 略"),
        (520, "≥90%", "≥60%", "target.tooEasy", 519, "92% against a target of ≥60%"),
        (578, "98.75", "96.75", "total.sum", 578, "a 总分 two points short of its scores"),
    ]),
    ("p02_v2.txt", V2, [
        (183, "100%", "99%", "rate.differs", 183, "the department's stated rate, 1420.36 / 1420.36"),
        (469, "12个", "≥8,000人次", "score.fullDespiteShortfall", 472, "thousands separators: 7,412 of ≥8,000"),
        (470, "12个", "7,412人次", None, None, ""),
        (571, "≥90%", "≥60%", "target.tooEasy", 570, "91% against ≥60%"),
        (581, " 项目支出绩效自评表", " 项目支出绩效自评表（2022年度）", "table.year", 586, "last year's title"),
        (541, "≤150万元", "≤180万元", "cost.unquantified", 540, "a ceiling above the budget"),
    ]),
    ("p03_v1.txt", V1, [
        (26, "年初预算106万元", "年初预算116万元", "narrative.figure", 26, "项目支出 against the project tables"),
        (874, "全年实际支出12.85万元", "全年实际支出11.85万元", "narrative.figure", 874, "the report's spending"),
        (879, "见项目自评表偏差原因分析。", "请简要说明存在的问题及原因（如有）。", "template.text", 879,
         "the blank form's prompt"),
        (1379, "见项目自评表偏差原因分析。", "XX万元。", "template.text", 1379, "a placeholder amount"),
    ]),
    ("p04_real.txt", REAL, [
        (864, "预算数2万元", "预算数3万元", "narrative.figure", 864, "a project report's budget"),
        (612, "全年实际支出3.4万元", "全年实际支出4.3万元", "narrative.figure", 612, "a project report's spending"),
        (406, " 6", " 5", "budget.adjusted", 405, "年初 5 → 全年 6, nothing said"),
        (374, " 项目支出绩效自评表", " 项目支出绩效自评表（2022年度）", "table.year", 379, "last year's title"),
    ]),
    ("p05_v3.txt", V3, [
        (263, "不超过生均定额标准", "是否超指标", "cost.unquantified", 262, "a cost indicator with no amount"),
        (558, "≤0.2万元", "≤30万元", "cost.unquantified", 557, "a ceiling above the budget"),
        (617, "全年支出24.30万元", "全年支出23.30万元", "narrative.figure", 617, "a project report's spending"),
        (304, "≥80人次", "≥50人次", "target.tooEasy", 303, "86 against ≥50"),
        (617, "结余0.70万元。", "结余0.70万元。请简要说明项目偏差原因。", "template.text", 617, "the form's prompt"),
        (860, "调整后预算38万元", "调整后预算36万元", "narrative.figure", 860, "a project report's adjusted budget"),
    ]),
    ("p06_v2.txt", V2, [
        (399, "9.75", "8.75", "score.differs", 399, "execution 得分 a point below 10 × 97.53%"),
        (493, "雨季偏长，部分村组收尾工程延后半个月", "已完成", "deviation.empty", 488, "a deduction explained by 已完成"),
        (489, "2023年11月底前", "2022年11月底前", "date.year", 488, "a deadline in the year before"),
        (470, "12个", "10个", "score.fullDespiteShortfall", 472, "10 of 12 villages at full marks"),
        (196, "项目支出:360.36", "项目支出:160.36", "dept.projectsOver", 196, "项目支出 below its project tables"),
        (572, "91%", "86%", "score.fullDespiteShortfall", 574, "86% against ≥90% at full marks"),
    ]),
    ("p07_v2.txt", V2, [
        (394, "120.00", "0", "funds.sum", 393, "a 年度资金总额 of 0 above its 其中 rows"),
        (395, "150.00", "0", None, None, ""),
        (396, "146.30", "0", None, None, ""),
        (571, "≥90%", "≥95%", "score.fullDespiteShortfall", 574, "91% against ≥95% at full marks"),
        (481, "10", "12", "weight.level1", 468, "an indicator weight that breaks its 一级 total"),
        (503, "20", "16", "deviation.missing", 499, "a deduction with no 偏差原因"),
    ]),
    ("p08_real.txt", REAL, [
        (1112, "全年实际支出6万元", "全年实际支出5万元", "narrative.figure", 1112, "a project report's spending"),
        (484, "5", "4", "deviation.missing", 480, "a deduction with no 偏差原因"),
        (612, "财务资料真实完整。", "财务资料真实完整。项目自评得分85分。", "narrative.figure", 612,
         "a report's score that its table does not give"),
    ]),
    ("p09_v1.txt", V1, [
        (698, "107.08%", "107.80%", "rate.differs", 698, "a stated rate the amounts do not give"),
        (699, "10", "9", "score.differs", 699, "execution 得分 9 where 10 × 100% is due"),
        (1247, "部分村组农忙期间无法集中观演，6场顺延至次年一季度", "已完成", "deviation.empty", 1242,
         "a deduction explained by 已完成"),
    ]),
]


# The inconsistencies the visible filings carry themselves (domain rules §6, the keys' notes):
# (file, check, line, what). CheckerTests asserts each with its message.
VISIBLE = [
    (REAL, "total.sum", 842, "§6.1 双联 总分 leaves out execution"), (REAL, "total.sum", 1090, "§6.1 省级"),
    (REAL, "score.missing", 405, "§6.2 劳模 execution score blank"), (REAL, "total.differs", 590, "§6.2 95.67"),
    (REAL, "deviation.shortfall", 405, "§6.3 no deviation explained"), (REAL, "date.year", 751, "§6.4 2024"),
    (REAL, "date.year", 999, "§6.4 2024"), (REAL, "staff.narrative", 21, "§6.5 编制 and 在职"),
    (REAL, "control.staff", 44, "§6.5 控制率 166.67%"), (REAL, "narrative.basicSpend", 24, "§6.6"),
    (REAL, "budget.adjusted", 192, "§6.7"), (REAL, "dept.basicOverspend", 209, "§6.8"),
    (REAL, "control.spend", 112, "§6.9 公用经费"), (REAL, "cost.claim", 266, "§6.9 未超指标 at 20/20"),
    (REAL, "control.unbudgeted", 132, "§6.10"), (REAL, "basic.sum", 82, "§6.11"),
    (REAL, "control.change", 52, "§6.12"), (REAL, "name.mismatch", 102, "§6.13"),
    (REAL, "layout.fundRows", 682, "§6.14"), (REAL, "narrative.claim", 1127, "§6.15"),
    (REAL, "actual.text", 480, "§6.16"), (REAL, "cell.missing", 165, "§6.17 no 总分"),
    (REAL, "narrative.noProblems", 30, "§6.18"), (REAL, "cell.missing", 385, "§6.19 实施单位"),
    (REAL, "layout.duplicate", 219, "§6.20"),
    (V1, "actual.shortfall", 817, "超支0.85万元 at full marks"), (V1, "total.sum", 1352, "总分 92 ≠ 91.5"),
    (V2, "dept.expenditure", 196, "1398.02 ≠ 1420.36"), (V2, "basic.sum", 62, "360.36 ≠ 274.04"),
    (V3, "dept.projects", 217, "65.00 against 62.30"), (V3, "total.sum", 595, "总分 90 ≠ 99.72"),
    ("v4_p2_pipe_cells_2023.txt", "total.sum", 489, "总分 94.7 ≠ 84.7"),
    ("v4_p2_pipe_cells_2023.txt", "rate.differs", 526, "99.30% ≠ 99.03%"),
    ("v4_p2_pipe_cells_2023.txt", "score.missing", 522, "execution score blank"),
    ("v5_md_rows_2022.txt", "deviation.missing", 106, "9.84 of 10 with '/'"),
    ("v5_md_rows_2022.txt", "cell.missing", 40, "执行率 '/'"),
]


def read(base):
    path = SHARED / base if (SHARED / base).exists() else SHARED / "wild" / base
    data = path.read_bytes()
    text = data.decode("gb18030") if base == V3 else data.decode("utf-8")
    return text.replace("\r\n", "\n").split("\n")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rows = ["copy\tbase\tcheck\tline\twhat"]
    rows += [f"{file}\t{file}\t{check}\t{line}\t{what}" for file, check, line, what in VISIBLE]
    for name, base, plants in COPIES:
        lines = read(base)
        for line, old, new, check, found, what in plants:
            if old not in lines[line - 1]:
                sys.exit(f"{name}: line {line} of {base} does not hold {old!r}: {lines[line - 1]!r}")
            lines[line - 1] = lines[line - 1].replace(old, new, 1)
            if check:
                rows.append(f"{name}\t{base}\t{check}\t{found}\t{what}")
        (OUT / name).write_text("\n".join(lines), encoding="utf-8")
    (OUT / "plants.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(COPIES)} copies, {len(rows) - 1 - len(VISIBLE)} plants in them and {len(VISIBLE)} in the "
          f"visible filings, listed in {(OUT / 'plants.tsv').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
