// The applicant import as the administrator's logic: sheet detection and reading, the shared row
// rules, the bundle check and the atomic write; and the template.
#include "admin/import.hpp"

#include <sys/stat.h>

#include <map>
#include <utility>

#include "content/bundle_files.hpp"
#include "content/limits.hpp"
#include "content/parse.hpp"
#include "content/serialize.hpp"
#include "core/files.hpp"
#include "sheet/template.hpp"
#include "sheet/xlsx.hpp"

namespace kiosk::admin {
namespace {

// A sheet module error line "FILE: message" as a problem of FILE.
Problem error_problem(const std::string& file, const std::string& what) {
  const std::string prefix = file + ": ";
  if (!file.empty() && what.starts_with(prefix)) return {file, "", what.substr(prefix.size())};
  return {"", "", what};
}

void take(SheetRead& out, content::CsvImport&& imported) {
  out.problems.insert(out.problems.end(), imported.problems.begin(), imported.problems.end());
  out.encoding = std::move(imported.encoding);
  out.applicants = std::move(imported.applicants);
  out.applicant_rows = std::move(imported.rows);
  if (!imported.table.empty()) {
    out.header_row = imported.table.front().row;
    out.header = std::move(imported.table.front().cells);
    out.rows.assign(std::make_move_iterator(imported.table.begin() + 1),
                    std::make_move_iterator(imported.table.end()));
  }
}

}  // namespace

SheetRead read_applicant_sheet(std::string_view bytes, const std::string& file_name,
                               std::string_view sheet_name) {
  SheetRead out;
  switch (sheet::sniff(bytes)) {
    case sheet::FileKind::OleBinary:
      out.format = "xlsx";
      out.problems.push_back(error_problem(file_name, sheet::ole_refusal(file_name)));
      return out;
    case sheet::FileKind::Xlsx: {
      out.format = "xlsx";
      auto read = sheet::read_xlsx(bytes, file_name, sheet_name);
      if (!read) {
        out.problems.push_back(error_problem(file_name, read.error().what));
        return out;
      }
      out.sheet = read->name;
      std::vector<content::SheetRow> rows;
      rows.reserve(read->rows.size());
      for (auto& r : read->rows) {
        content::SheetRow row{r.number, std::move(r.cells), {}};
        for (auto& issue : r.issues) row.issues.push_back({issue.column, std::move(issue.message)});
        rows.push_back(std::move(row));
      }
      take(out, content::import_applicant_rows(rows, file_name));
      return out;
    }
    case sheet::FileKind::Text:
      break;
  }
  out.format = "csv";
  if (!sheet_name.empty()) {
    out.problems.push_back({file_name, "",
                            "expected an .xlsx workbook for --sheet " + quote_found(sheet_name) +
                                ", found a CSV file (it has one sheet: leave --sheet out)"});
    return out;
  }
  take(out, content::import_applicants_csv(bytes, file_name));
  return out;
}

std::vector<ImportProblem> place_problems(const Problems& problems) {
  std::vector<ImportProblem> out;
  out.reserve(problems.size());
  for (const auto& p : problems) {
    ImportProblem ip;
    ip.message = p.message;
    ip.line = p.line();
    if (const auto place = content::parse_row_place(p.where)) {
      ip.row = place->row;
      ip.column = place->column;
    } else if (!p.where.empty()) {
      ip.message = p.where + ": " + p.message;
    }
    out.push_back(std::move(ip));
  }
  return out;
}

ImportOutcome import_applicants(const std::filesystem::path& dir, std::string_view notice_id,
                                std::optional<std::string_view> bytes, const std::string& file_name,
                                std::string_view sheet_name) {
  ImportOutcome out;
  out.notices_path = dir / content::bundle_files::kNotices;
  Problems& problems = out.problems;

  // Every input first; nothing is written until all of it is checked.
  std::map<std::string, std::string> bundle_files;
  for (const char* name : content::bundle_files::kContentFiles) {
    auto r = files::read(dir / name, content::limits::kMaxFileBytes);
    if (!r) {
      problems.push_back({(dir / name).string(), "", r.error().what});
    } else {
      bundle_files[name] = std::move(r).value();
    }
  }
  std::error_code ec;
  // calendar.json when present: a working-day window is counted over it (and load_bundle below
  // checks the bundle as the kiosk loads it, calendar included).
  for (const char* name : content::bundle_files::kOptionalContentFiles) {
    if (!std::filesystem::exists(dir / name, ec)) continue;
    auto r = files::read(dir / name, content::limits::kMaxFileBytes);
    if (!r) {
      problems.push_back({(dir / name).string(), "", r.error().what});
    } else {
      bundle_files[name] = std::move(r).value();
    }
  }
  const bool has_manifest = std::filesystem::exists(dir / content::bundle_files::kManifest, ec);

  // The notice as it is now: it must exist, and its applicants' reviews are kept.
  std::optional<content::Notice> notice;
  std::optional<content::Calendar> calendar = content::Calendar{};
  if (const auto c = bundle_files.find(content::bundle_files::kCalendar); c != bundle_files.end())
    calendar = content::parse_calendar(c->second, problems);
  if (bundle_files.contains(content::bundle_files::kNotices) && calendar) {
    if (auto notices = content::parse_notices(bundle_files[content::bundle_files::kNotices],
                                              problems, nullptr, &*calendar)) {
      for (auto& n : *notices) {
        if (n.id == notice_id) notice = std::move(n);
      }
      if (!notice) {
        std::string ids;
        for (const auto& n : *notices) ids += (ids.empty() ? "" : ", ") + n.id;
        problems.push_back({out.notices_path.string(), "notices",
                            "expected a notice with id " + quote_found(notice_id) +
                                " (the file has " + (ids.empty() ? std::string("none") : ids) +
                                "), found none"});
      }
    }
  }

  if (bytes) {
    out.sheet = read_applicant_sheet(*bytes, file_name, sheet_name);
    problems.insert(problems.end(), out.sheet.problems.begin(), out.sheet.problems.end());
  }
  if (!problems.empty() || !bytes) return out;

  // Keep the reviews of an applicant re-imported under the same id and 类别.
  std::map<std::string, const content::Applicant*> before;
  for (const auto& a : notice->applicants) before[a.id] = &a;
  std::vector<content::Applicant> applicants = out.sheet.applicants;
  for (std::size_t i = 0; i < applicants.size(); ++i) {
    auto& a = applicants[i];
    const auto it = before.find(a.id);
    if (it == before.end()) continue;
    if (it->second->category == a.category) {
      a.reviews = it->second->reviews;
    } else if (!it->second->reviews.empty()) {
      out.notes.push_back("note: " + file_name + ": row " +
                          std::to_string(out.sheet.applicant_rows[i]) + ": " + a.id +
                          " changed 类别 from " +
                          std::string(content::category_short(it->second->category)) + " to " +
                          std::string(content::category_short(a.category)) + "; its " +
                          std::to_string(it->second->reviews.size()) + " reviews were not kept");
    }
  }

  const std::string old_bytes = bundle_files[content::bundle_files::kNotices];
  const auto new_bytes = content::replace_applicants(old_bytes, notice_id, applicants, problems);
  if (new_bytes) {
    // Validate the bundle as the kiosk would load it, with the new notices.json. A manifest would
    // no longer match, so it is left out (and left alone on disk).
    bundle_files[content::bundle_files::kNotices] = *new_bytes;
    const auto loaded = content::load_bundle(bundle_files);
    problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
  }
  if (!problems.empty()) {
    out.notes.clear();
    return out;
  }

  out.changed = *new_bytes != old_bytes;
  if (out.changed) {
    struct stat st {};
    const unsigned mode = ::stat(out.notices_path.c_str(), &st) == 0 ? (st.st_mode & 0777u) : 0644u;
    if (const auto written = files::write_atomic(out.notices_path, *new_bytes, mode); !written) {
      problems.push_back({out.notices_path.string(), "", written.error().what});
      out.notes.clear();
      out.changed = false;
      return out;
    }
  }
  out.imported = applicants.size();
  out.manifest_stale = out.changed && has_manifest;
  return out;
}

Result<std::string> applicant_template() {
  sheet::Template t;
  t.sheet_name = "申报单位";
  t.help_sheet_name = "填写说明";
  t.rows = content::limits::kMaxApplicantsPerNotice;
  t.help_lines = {
      "社区建设示范(模范)单位申报名单:在“申报单位”表中每行填写一个申报单位,第1行表头不要改动。",
      "街道(镇)填写联系人、地址留空;居委会填写地址、联系人留空。",
      "保存为 .xlsx(Excel 工作簿)或 CSV 后,用 kioskctl import "
      "或管理页面导入;有任何一行不合格时不导入,"
      "并逐行说明问题。",
  };
  std::vector<std::string> categories;
  for (const auto c : content::kAllCategories) categories.emplace_back(content::category_short(c));
  std::string category_help = "从下拉列表选择:";
  for (std::size_t i = 0; i < categories.size(); ++i)
    category_help += (i == 0 ? "" : "、") + categories[i];
  // Help and width by heading; the headings themselves are the import's own.
  const std::map<std::string, std::pair<std::string, double>> help{
      {"类别", {category_help + "(也可填写完整名称)", 24}},
      {"名称", {"申报单位名称,必填,最多200字;同一类别中不可重复", 28}},
      {"负责人", {"负责人姓名,必填,最多50字", 12}},
      {"联系人", {"街道(镇)填写,最多50字;居委会留空", 12}},
      {"地址", {"居委会填写,最多200字;街道(镇)留空", 28}},
      {"电话", {"联系电话,必填,如 021-5555 1234 或 13800138000(本列为文本格式,数字不会变形)", 18}},
      {"基本情况", {"基本情况,可分段(单元格内换行),最多10000字", 40}},
      {"申报依据", {"申报依据,可分段,最多10000字", 40}},
      {"编号",
       {"可选:申报单位编号(字母、数字、-、_,最多64个);留空则按类别和名称自动生成,"
        "重新导入同一表格时编号不变",
        16}},
      {"所属街镇",
       {"可选:申报单位所在的街道或镇,如 赵巷镇,最多200字;名单较长时触摸屏按所属街镇分组索引", 14}},
  };
  for (const auto& heading : content::applicant_headings()) {
    sheet::TemplateColumn col;
    col.heading = heading;
    if (const auto it = help.find(heading); it != help.end()) {
      col.help = it->second.first;
      col.width = it->second.second;
    }
    col.wrap = heading == "基本情况" || heading == "申报依据";
    if (heading == "类别") col.choices = categories;
    t.columns.push_back(std::move(col));
  }
  return sheet::write_template(t);
}

}  // namespace kiosk::admin
