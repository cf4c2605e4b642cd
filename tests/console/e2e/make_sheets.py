#!/usr/bin/env python3
"""Writes the console test's sheets into OUT: applicants-gbk.csv (GBK, as Chinese Excel saves CSV),
applicants-bad.xlsx (python3-openpyxl; row 4's 电话 is not a telephone number) and applicants.xlsx
(the same sheet, fixed)."""
import sys
from pathlib import Path

import openpyxl

HEADER = ["编号", "类别", "名称", "负责人", "联系人", "地址", "电话", "基本情况", "申报依据"]


def rows(bad_phone):
    return [
        ["e2e-01", "示范居委会", "浦江第一居委会", "王芳", "", "浦江路1号", "021-5555 0101", "居民自治有序。", "符合第一条。"],
        ["e2e-02", "模范居委会", "浦江第二居委会", "李强", "", "浦江路2号", "021-5555 0102", "楼组议事活跃。", "符合第二条。"],
        ["e2e-03", "示范街道(镇)", "浦江镇", "赵敏", "孙立", "", bad_phone, "全镇社区建设。", "符合第三条。"],
        ["e2e-04", "和谐社区建设示范居委会", "浦江第三居委会", "周红", "", "浦江路3号", "021-5555 0104", "", ""],
    ]


def write_xlsx(path, bad_phone):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "申报单位"
    sheet.append(HEADER)
    for row in rows(bad_phone):
        sheet.append(row)
    book.save(path)


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    csv_rows = [["类别", "名称", "负责人", "联系人", "地址", "电话", "基本情况", "申报依据"],
                ["示范居委会", "青浦示范居委会", "陈静", "", "青浦路8号", "021-6666 0001", "CSV 导入、GBK 编码。", ""],
                ["模范街道(镇)", "青浦模范街道", "刘伟", "张敏", "", "021-6666 0002", "", "依据第五条"]]
    text = "\r\n".join(",".join(cells) for cells in csv_rows) + "\r\n"
    (out / "applicants-gbk.csv").write_bytes(text.encode("gbk"))
    write_xlsx(out / "applicants-bad.xlsx", "打电话给我")
    write_xlsx(out / "applicants.xlsx", "021-5555 0103")


if __name__ == "__main__":
    main()
