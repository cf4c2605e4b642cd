#!/usr/bin/env python3
# bench/make_bundle.py OUT_DIR [APPLICANTS] [--html FILE] [--reviews]: the benchmarks' bundle: the
# shipped document.json and hotlines.json with a notices.json of APPLICANTS (default 5,000)
# applicants (long names, long 基本情况); --html also writes a plain HTML page listing the same
# applicants (the table Chromium renders in bench/screenshot); --reviews gives each applicant the
# three 审核意见 of its form as the default content does (one given, two pending) instead of none.
import html
import json
import os
import shutil
import sys


def reviews(cat):
    levels = (["district_bureau", "district_government", "city_bureau"] if cat.startswith("street")
              else ["street", "district_bureau", "city_bureau"])
    return [{"level": levels[0], "opinion": "经评定,符合创建标准,同意申报。", "date": "2026-11-13", "sealed": True}] + [
        {"level": level, "opinion": "", "date": None, "sealed": False} for level in levels[1:]]


def notices(count, with_reviews=False):
    cats = ["committee_demo"] * 3 + ["committee_model", "committee_harmony", "street_demo", "street_model"]
    towns = ["赵巷镇", "徐泾镇", "华新镇", "重固镇", "白鹤镇", "朱家角镇", "练塘镇", "金泽镇", "香花桥街道", "夏阳街道", "盈浦街道"]
    # About 400 characters, like the longest 基本情况 of the default content.
    summary = ("该居委会辖区面积约1.2平方公里,现有居民2860户、常住人口约7400人,其中60岁以上老年人占23%。"
               "居民区党总支下设8个党支部、26个党小组,党小组对居民小组覆盖率100%,党员联系户覆盖率100%。"
               "居委会依托社区事务受理服务中心和居民区服务站,为老年人、残疾人、优抚对象提供助餐、助浴、助医等服务,"
               "组建了由退休党员、楼组长和在校学生组成的志愿者队伍,注册志愿者占常住人口的16%。"
               "小区绿化覆盖率达到32%,垃圾分类达标率95%以上,居民对社区服务和社区环境的满意度逐年提高。"
               "下一步,居委会将继续以居民需求为导向,完善社区服务网络,巩固和扩大创建成果,推动社区建设再上新台阶。")
    applicants = []
    for i in range(count):
        cat = cats[i % len(cats)]
        town = towns[i % len(towns)]
        a = {
            "id": f"b{i:05d}",
            "category": cat,
            "name": f"上海市青浦区{town}第{i + 1}号和谐美丽幸福家园社区居民委员会(示例数据)" if not cat.startswith("street") else f"青浦区{town}(第{i + 1}号示例街镇,名称较长用于测试)",
            "leader": f"负责人{i % 97}号(示例)",
            "phone": f"021-5{i % 10000:04d} {i % 9000 + 1000}",
            "summary": summary,
            "basis": "1.创建工作方案;2.居民会议记录和居务公开资料;3.创建工作自查报告;4.居民满意度测评表。(材料另附,均为示例)",
            "reviews": reviews(cat) if with_reviews else [],
        }
        if cat.startswith("street"):
            a["contact"] = f"联系人{i % 89}号(示例)"
        else:
            a["address"] = f"青浦区{town}示例路{i + 1}弄{i % 50 + 1}号"
        applicants.append(a)
    doc = {"schema": 1, "notices": [{
        "id": "bench", "title": "市级“社区建设示范(模范)单位”创建申报公示(性能测试示例)", "issuer": "示例区民政局(示例)",
        "window": {"start": "2026-11-01", "end": "2026-12-31"}, "demo": True, "applicants": applicants}]}
    return doc


CATEGORY_NAMES = {"committee_demo": "示范居委会", "committee_model": "模范居委会", "committee_harmony": "和谐社区",
                  "street_demo": "示范街镇", "street_model": "模范街镇"}


def page(doc):
    notice = doc["notices"][0]
    rows = "".join(
        f"<tr><td>{i + 1}</td><td>{html.escape(a['name'])}</td><td>{CATEGORY_NAMES[a['category']]}</td>"
        f"<td>{html.escape(a['leader'])}</td><td>{html.escape(a['phone'])}</td></tr>\n"
        for i, a in enumerate(notice["applicants"]))
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>公示名单</title>"
            "<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px}td{padding:4px 12px}</style></head>"
            f"<body><h1>{html.escape(notice['title'])}</h1><table>\n{rows}</table></body></html>\n")


def main():
    args = sys.argv[1:]
    html_out = None
    with_reviews = "--reviews" in args
    if with_reviews:
        args.remove("--reviews")
    if "--html" in args:
        i = args.index("--html")
        html_out = args[i + 1]
        del args[i:i + 2]
    out = args[0]
    count = int(args[1]) if len(args) > 1 else 5000
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    for name in ("document.json", "hotlines.json"):
        shutil.copy(os.path.join(here, "..", "content", name), os.path.join(out, name))
    doc = notices(count, with_reviews)
    with open(os.path.join(out, "notices.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    if html_out:
        with open(html_out, "w", encoding="utf-8") as f:
            f.write(page(doc))


if __name__ == "__main__":
    main()
