// The 维护 screen (any resident can open it) never shows a URL's user:password, and shows a
// configuration that did not load as its first row.
#include <gtest/gtest.h>

#include <string>

#include "harness.hpp"

namespace kiosk::ui {
namespace {

using testing::Driver;
using testing::make_model;

std::string joined(const DisplayList& dl) {
  std::string out;
  for (const char c : testing::all_text(dl)) {
    if (c != '\n') out += c;
  }
  return out;
}

// What 维护 says from its top to its end (scrolled through), with line breaks taken out so a
// wrapped word is still found.
std::string maintenance_text(Driver& d) {
  d.send(Open{route_to(ScreenId::Diagnostics)});
  std::string text = joined(d.last);
  for (int i = 0; i < 12; ++i) {
    const ScrollArea* page = d.page_area();
    if (page == nullptr) break;
    const Rect r = page->viewport;
    d.drag({r.x + r.w / 2, r.y + r.h * 0.8F}, {r.x + r.w / 2, r.y + r.h * 0.2F}, 300);
    d.run(3000);
    text += joined(d.last);
  }
  return text;
}

// Issue 11 item 7: credentials in content.server_url, and in sync reasons that quote the URL.
TEST(Diagnostics, NeverShowsAUrlsPassword) {
  for (const Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
    Driver d(make_model(testing::fixture_bundle()), size);
    d.state.diagnostics.server = "https://kiosk:Pw9secret@cms.example.org/q/";
    d.state.diagnostics.last_error =
        "https://kiosk:Pw9secret@cms.example.org/q/manifest.json: HTTP 401";
    d.state.diagnostics.last_sync_result =
        "09:30 https://kiosk:Pw9secret@cms.example.org/q/manifest.json: HTTP 401";
    d.state.diagnostics.config_error =
        "kiosk.json: content.server_url: expected a port from 1 to 65535, found \"0\" in "
        "\"http://kiosk:Pw9secret@cms.example.org:0/\"";
    const std::string text = maintenance_text(d);
    for (const char* part : {"Pw9secret", "Pw9sec", "kiosk:Pw"}) {
      EXPECT_EQ(text.find(part), std::string::npos) << part << " in:\n"
                                                    << testing::all_text(d.last);
    }
    EXPECT_NE(text.find("https://***@cms.example.org/q/"), std::string::npos) << text;
  }
}

// Issue 11 item 17: a kiosk started with a broken configuration says so on 维护, first.
TEST(Diagnostics, AConfigurationErrorIsTheFirstRow) {
  Driver d(make_model(testing::fixture_bundle()));
  const std::string fine = maintenance_text(d);
  EXPECT_EQ(fine.find("配置错误"), std::string::npos) << "no row while the configuration is fine";
  d.state.diagnostics.config_error =
      "kiosk.json: line 4, column 3: expected valid JSON, found syntax error";
  const std::string text = maintenance_text(d);
  const auto row = text.find("配置错误");
  ASSERT_NE(row, std::string::npos) << testing::all_text(d.last);
  EXPECT_NE(text.find("line 4, column 3: expected valid JSON"), std::string::npos)
      << testing::all_text(d.last);
  EXPECT_LT(row, text.find("内容签发")) << "before every other row:\n" << testing::all_text(d.last);
}

}  // namespace
}  // namespace kiosk::ui
