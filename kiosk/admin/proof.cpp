// Proof of posting from the kiosks' verified display logs (see proof.hpp).
#include "admin/proof.hpp"

#include <algorithm>

#include "admin/html.hpp"
#include "content/parse.hpp"
#include "crypto/sha256.hpp"
#include "report/status.hpp"

namespace kiosk::admin {
namespace {

std::string when(const tz::Zone& zone, long long unix) {
  std::string t = zone.rfc3339(unix);  // 2026-11-25T09:00:00+08:00
  return t.substr(0, 10) + " " + t.substr(11, 8);
}

std::string duration(long long s) {
  if (s < 0) s = 0;
  const long long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
  std::string out;
  if (d > 0) out += std::to_string(d) + "天";
  if (h > 0 || d > 0) out += std::to_string(h) + "小时";
  out += std::to_string(m) + "分";
  return out;
}

std::string end_reason(const std::string& reason) {
  if (reason == "window_end") return "公示期结束";
  if (reason == "terminated") return "公示终止";
  if (reason == "content") return "内容更新后不再显示";
  if (reason == "stop") return "关机";
  return reason;
}

}  // namespace

KioskProof prove_kiosk(const ProofRequest& request, const std::string& kiosk_id,
                       const std::string& public_key, std::string_view log_text,
                       const std::optional<std::string>& status_text) {
  KioskProof k;
  k.kiosk_id = kiosk_id;
  k.public_key = public_key;
  const long long p0 = request.zone.start_of(request.start);
  const long long p1 = std::min(
      request.now_unix, request.zone.start_of(CivilDate::from_days(request.end.days() + 1)));
  auto records = fleet::verify_log(log_text, public_key);
  if (!records) {
    k.verification = "显示日志验证失败:" + records.error().what;
    return k;
  }
  k.verified = true;
  if (!records->empty()) {
    k.first_seq = records->front().seq;
    k.last_seq = records->back().seq;
  }
  // The status, when it verifies and names the log's head, proves the kiosk alive until its time.
  long long alive_until = records->empty() ? 0 : records->back().time_unix;
  if (status_text) {
    if (auto st = report::parse_status(*status_text);
        st && report::verify_status(*status_text, public_key) && st->kiosk_id == kiosk_id) {
      k.office_name = st->office_name;
      if (!records->empty() && st->log_head_seq == records->back().seq &&
          st->log_head_hash == records->back().body_sha256) {
        alive_until = std::max(alive_until, st->time_unix);
      }
    }
  }
  k.verification = "显示日志记录 " + std::to_string(k.first_seq) + "–" +
                   std::to_string(k.last_seq) + " 共 " + std::to_string(records->size()) +
                   " 条:哈希链完整,每条签名均以该屏登记的公钥验证通过";
  // Intervals the notice was on the board.
  std::vector<ProofInterval> shown;
  bool on = false;
  long long since = 0, last_time = 0;
  for (const auto& r : *records) {
    const bool ours =
        r.fields.is_object() && r.fields.value("notice", std::string()) == request.notice_id;
    if (r.event == "notice_on" && ours && !on) {
      on = true;
      since = r.time_unix;
    } else if (r.event == "notice_off" && ours && on) {
      shown.push_back({since, r.time_unix, end_reason(r.fields.value("reason", std::string()))});
      on = false;
    } else if (r.event == "stop" && on) {
      shown.push_back({since, r.time_unix, "关机"});
      on = false;
    } else if (r.event == "crash_restart") {
      if (on) {
        // Alive until the last record, or until the last whole report after it (alive_until,
        // the kiosk's own signed word at restart: nothing was logged between, so the board
        // was as the last record left it).
        long long until = last_time;
        std::string seen = "最后记录 " + when(request.zone, last_time);
        const auto reported = r.fields.is_object()
                                  ? parse_rfc3339(r.fields.value("alive_until", std::string()))
                                  : std::nullopt;
        if (reported && *reported > last_time && *reported < r.time_unix) {
          until = *reported;
          seen = "最后一次上报 " + when(request.zone, until);
        }
        shown.push_back(
            {since, until,
             "断电或崩溃(" + seen + ",重新启动于 " + when(request.zone, r.time_unix) + ")"});
        on = false;
      } else if (!shown.empty() && shown.back().why == "关机") {
        // nothing: it was off already
      }
      // A restart after a power cut while the notice was off changes nothing.
    } else if (r.event == "dim" && r.time_unix >= p0 && r.time_unix < p1) {
      ++k.dims;
    }
    last_time = r.time_unix;
  }
  if (on) shown.push_back({since, alive_until, "仍在显示(截至最后一次可验证的上报)"});
  // Clipped to the 公示期, and the gaps between.
  long long cursor = p0;
  std::string gap_why = "公示期开始时未显示";
  for (const auto& s : shown) {
    const long long a = std::max(s.from, p0), b = std::min(s.to, p1);
    if (b <= a) {
      if (s.to <= p0) gap_why = "公示期开始时未显示";
      continue;
    }
    if (a - cursor > kGraceSeconds) k.gaps.push_back({cursor, a, gap_why});
    k.shown.push_back({a, b, s.why});
    cursor = std::max(cursor, b);
    gap_why = s.why.rfind("仍在显示", 0) == 0 ? "此后尚无可验证的上报" : s.why;
  }
  if (p1 - cursor > kGraceSeconds) {
    k.gaps.push_back({cursor, p1, k.shown.empty() ? std::string("公示期内从未显示") : gap_why});
  }
  k.covered = k.gaps.empty() && p1 > p0;
  return k;
}

Result<ProofRequest> request_from_bundle(const std::filesystem::path& dir,
                                         const std::string& notice_id) {
  auto loaded = content::load_bundle(dir);
  if (!loaded.bundle) {
    return Error{
        dir.string() + ": " +
        (loaded.problems.empty() ? std::string("does not load") : loaded.problems.front().line())};
  }
  for (const auto& n : loaded.bundle->notices) {
    if (n.id == notice_id) {
      ProofRequest r;
      r.notice_id = n.id;
      r.notice_title = n.title;
      r.start = n.window.start;
      r.end = n.window.end;
      return r;
    }
  }
  return Error{dir.string() + ": notices.json: expected a notice " + quote_found(notice_id) +
               ", found none with that id"};
}

Result<Proof> prove(const ProofRequest& request, const ReportSource& source,
                    const std::filesystem::path& keys_dir) {
  Proof proof;
  proof.request = request;
  proof.period_from = request.zone.start_of(request.start);
  const long long end = request.zone.start_of(CivilDate::from_days(request.end.days() + 1));
  proof.period_to = std::min(end, request.now_unix);
  proof.ongoing = request.now_unix < end;
  auto keys = read_enrolled_keys(keys_dir);
  if (!keys) return keys.error();
  auto reader = ReportReader::open(source);
  if (!reader) return reader.error();
  for (const auto& [id, key] : *keys) {
    auto log = reader->display_log(id);
    std::optional<std::string> status;
    if (auto s = reader->get(id, "status.json", report::kMaxStatusBytes); s && *s) status = **s;
    if (!log) {
      KioskProof k;
      k.kiosk_id = id;
      k.public_key = key;
      if (status) {
        if (auto st = report::parse_status(*status); st && report::verify_status(*status, key))
          k.office_name = st->office_name;
      }
      k.verification = "无法读取显示日志:" + log.error().what;
      proof.kiosks.push_back(std::move(k));
      continue;
    }
    proof.kiosks.push_back(prove_kiosk(request, id, key, *log, status));
  }
  return proof;
}

std::string proof_html(const Proof& p) {
  const auto& z = p.request.zone;
  const auto e = [](std::string_view s) { return html_escape(s); };
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>公示张贴证明 ";
  h += e(p.request.notice_id) + "</title>\n<style>\n";
  h += "@page { size: A4; margin: 18mm 16mm; }\n"
       "body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif; font-size: "
       "10.5pt; color: #000; }\n"
       "h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }\n"
       "h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }\n"
       "table { border-collapse: collapse; width: 100%; margin: 2mm 0; table-layout: fixed; }\n"
       "section table th:nth-child(1), section table th:nth-child(2) { width: 24%; }\n"
       "section table th:nth-child(3) { width: 15%; }\n"
       "th, td { border: 1px solid #444; padding: 1mm 2mm; text-align: left; vertical-align: top; "
       "}\n"
       "th { background: #eee; }\n"
       ".ok { font-weight: bold; } .bad { font-weight: bold; color: #b00; }\n"
       "section { break-inside: avoid; page-break-inside: avoid; }\n"
       ".meta td:first-child { width: 28mm; background: #f6f6f6; }\n"
       ".small { font-size: 8.5pt; color: #333; word-break: break-all; }\n"
       "</style></head><body>\n";
  h += "<h1>公示张贴情况证明</h1>\n<table class=\"meta\">\n";
  h += "<tr><td>公示</td><td>" + e(p.request.notice_title) + "(" + e(p.request.notice_id) +
       ")</td></tr>\n";
  h += "<tr><td>公示期</td><td>" + p.request.start.chinese() + " 至 " + p.request.end.chinese() +
       "(" + e(z.name()) + " 时间)" +
       (p.ongoing ? ",尚未结束:统计截至 " + when(z, p.period_to) : "") + "</td></tr>\n";
  int covered = 0;
  for (const auto& k : p.kiosks) covered += k.covered ? 1 : 0;
  h += "<tr><td>结论</td><td>" + std::to_string(p.kiosks.size()) + " 块登记的屏幕中," +
       std::to_string(covered) + " 块在" + (p.ongoing ? "截至目前的" : "整个") +
       "公示期内持续显示本公示。</td></tr>\n";
  h += "<tr><td>生成时间</td><td>" + when(z, p.request.now_unix) + "</td></tr>\n</table>\n";
  h += "<p class=\"small\">依据:各屏幕的显示日志(逐条哈希链接并由屏幕自身密钥签名)与上报状态,"
       "以登记的公钥验证。办公时间外熄屏待机不计为中断;不超过 " +
       std::to_string(kGraceSeconds / 60) + " 分钟的间隔不计。</p>\n";
  for (const auto& k : p.kiosks) {
    h += "<section><h2>屏幕 " + e(k.kiosk_id) +
         (k.office_name.empty() ? "" : " · " + e(k.office_name)) + "</h2>\n";
    h += "<p>结论:";
    if (!k.verified) {
      h += "<span class=\"bad\">无法证明</span>(" + e(k.verification) + ")</p>\n";
    } else {
      h += k.covered ? "<span class=\"ok\">已覆盖" +
                           std::string(p.ongoing ? "截至目前的" : "整个") + "公示期</span>"
                     : "<span class=\"bad\">未覆盖整个公示期</span>(中断 " +
                           std::to_string(k.gaps.size()) + " 处)";
      h += "</p>\n<p class=\"small\">" + e(k.verification) +
           "。公钥 SHA-256:" + crypto::sha256_hex(k.public_key).substr(0, 16) + "…</p>\n";
      h += "<table><tr><th>显示自</th><th>至</th><th>时长</th><th>结束原因</th></tr>\n";
      if (k.shown.empty()) h += "<tr><td colspan=\"4\">公示期内未显示</td></tr>\n";
      for (const auto& s : k.shown) {
        h += "<tr><td>" + when(z, s.from) + "</td><td>" + when(z, s.to) + "</td><td>" +
             duration(s.to - s.from) + "</td><td>" + e(s.why) + "</td></tr>\n";
      }
      h += "</table>\n";
      if (!k.gaps.empty()) {
        h += "<table><tr><th>中断自</th><th>至</th><th>时长</th><th>原因</th></tr>\n";
        for (const auto& g : k.gaps) {
          h += "<tr><td>" + when(z, g.from) + "</td><td>" + when(z, g.to) + "</td><td>" +
               duration(g.to - g.from) + "</td><td>" + e(g.why) + "</td></tr>\n";
        }
        h += "</table>\n";
      }
      if (k.dims > 0) {
        h += "<p class=\"small\">办公时间外熄屏待机 " + std::to_string(k.dims) +
             " 次(公示仍在屏上,不计为中断)。</p>\n";
      }
    }
    h += "</section>\n";
  }
  h += "</body></html>\n";
  return h;
}

}  // namespace kiosk::admin
