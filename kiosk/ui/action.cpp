// The text form of hotspot actions (snapshots, tests, logs).
#include "ui/action.hpp"

namespace kiosk::ui {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

const char* place_name(act::Place p) {
  switch (p) {
    case act::Place::Notices:
      return "notices";
    case act::Place::Standards:
      return "standards";
    case act::Place::Hotlines:
      return "hotlines";
    case act::Place::Steps:
      return "steps";
    case act::Place::Document:
      return "document";
    case act::Place::Diagnostics:
      return "diagnostics";
    case act::Place::Archive:
      return "archive";
  }
  return "?";
}

}  // namespace

std::string to_string(const Act& action) {
  return std::visit(
      Overloaded{
          [](const act::Back&) -> std::string { return "back"; },
          [](const act::Home&) -> std::string { return "home"; },
          [](const act::LargeText&) -> std::string { return "large-text"; },
          [](const act::Admin&) -> std::string { return "admin"; },
          [](const act::Go& g) -> std::string { return std::string("go:") + place_name(g.place); },
          [](const act::Notice& n) -> std::string { return "notice:" + n.id; },
          [](const act::NoticePage& n) -> std::string { return "notice-page:" + n.id; },
          [](const act::Category& c) -> std::string {
            return "category:" + std::string(content::category_code(c.category));
          },
          [](const act::Applicant& a) -> std::string {
            return "applicant:" + a.notice_id + "/" + a.applicant_id;
          },
          [](const act::Standard& s) -> std::string {
            return "standard:" + std::to_string(s.number);
          },
          [](const act::StandardStep& s) -> std::string {
            return s.by < 0 ? "standard-prev" : "standard-next";
          },
          [](const act::ScrollTo& s) -> std::string { return "scroll-to:" + std::to_string(s.y); },
          [](const act::Pin& p) -> std::string {
            switch (p.key) {
              case act::Pin::Key::Digit:
                return std::string("pin:") + p.digit;
              case act::Pin::Key::Del:
                return "pin:del";
              case act::Pin::Key::Clear:
                return "pin:clear";
              case act::Pin::Key::Exit:
                return "pin:exit";
            }
            return "pin:?";
          },
      },
      action);
}

}  // namespace kiosk::ui
