// The console API's answer conventions (reply.hpp).
#include "console/reply.hpp"

#include <string>

#include "admin/edits.hpp"
#include "admin/working_copy.hpp"
#include "json/reader.hpp"

namespace kiosk::console {

void reply(httplib::Response& res, int status, const OrderedJson& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, OrderedJson::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

OrderedJson problems_json(const Problems& problems) {
  OrderedJson list = OrderedJson::array();
  for (const auto& p : problems) {
    OrderedJson one = OrderedJson::object();
    if (!p.file.empty()) one["file"] = p.file;
    if (!p.where.empty()) one["where"] = p.where;
    if (const std::string field = admin::field_of(p.where); !field.empty()) one["field"] = field;
    one["message"] = p.message;
    list.push_back(std::move(one));
  }
  return list;
}

void refused(httplib::Response& res, const Problems& problems) {
  for (const auto& p : problems) {
    if (p.message.rfind(admin::kNotFound, 0) == 0)
      return reply(res, 404,
                   {{"error", "找不到：" + p.line()}, {"problems", problems_json(problems)}});
  }
  reply(res, 422,
        {{"error", "未保存：有 " + std::to_string(problems.size()) + " 个问题"},
         {"problems", problems_json(problems)}});
}

std::optional<OrderedJson> body_json(const httplib::Request& req, httplib::Response& res) {
  Problems problems;
  if (!json::parse(req.body, "request", problems)) {
    reply(res, 400,
          {{"error", "请求内容不是有效的 JSON：" + first_problem_line(problems)},
           {"problems", problems_json(problems)}});
    return std::nullopt;
  }
  return OrderedJson::parse(req.body, nullptr, false);
}

}  // namespace kiosk::console
