// The embedded default bundle: it loads, and it says exactly what 青民〔2011〕8号 says.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "content/parse.hpp"
#include "core/files.hpp"

namespace kiosk::content {
namespace {

std::string read_seed() {
  const auto r = files::read(std::string(KIOSK_TEST_DATA) + "/seed.txt", 1u << 20);
  EXPECT_TRUE(r.ok()) << r.error().what;
  return r.value_or("");
}

// The seed's paragraphs: each line with its indentation (ASCII and U+3000 spaces) trimmed.
std::set<std::string> seed_paragraphs() {
  std::set<std::string> out;
  std::istringstream in(read_seed());
  std::string line;
  while (std::getline(in, line)) {
    const auto is_space_at = [&](std::size_t i) {
      return line.compare(i, 1, " ") == 0 || line.compare(i, 3, "\u3000") == 0 ||
             line.compare(i, 2, "\u00a0") == 0 || line.compare(i, 1, "\r") == 0;
    };
    std::size_t b = 0;
    while (b < line.size() && is_space_at(b))
      b += line.compare(b, 3, "\u3000") == 0 ? 3 : line.compare(b, 2, "\u00a0") == 0 ? 2 : 1;
    std::size_t e = line.size();
    while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\r')) --e;
    if (e > b) out.insert(line.substr(b, e - b));
  }
  return out;
}

TEST(DefaultBundle, EmbeddedLoadsWithoutProblems) {
  const auto result = load_embedded_bundle();
  for (const auto& p : result.problems) ADD_FAILURE() << p.line();
  ASSERT_TRUE(result.bundle.has_value());
  EXPECT_EQ(result.bundle->document.standards.size(), 10u);
  EXPECT_EQ(result.bundle->document.steps.size(), 4u);
  EXPECT_EQ(result.bundle->document.forms.size(), 5u);
}

TEST(DefaultBundle, SourceTreeCopyEqualsEmbedded) {
  for (const auto& [name, bytes] : embedded_bundle_files()) {
    const auto r = files::read(std::string(KIOSK_SOURCE_ROOT) + "/content/" + name, 16u << 20);
    ASSERT_TRUE(r) << name;
    EXPECT_EQ(*r, bytes) << name << " changed after the build embedded it";
  }
  EXPECT_TRUE(load_bundle(std::string(KIOSK_SOURCE_ROOT) + "/content").bundle.has_value());
}

TEST(DefaultBundle, EveryStandardIsWordForWordTheSourceDocument) {
  const auto paragraphs = seed_paragraphs();
  const auto bundle = load_embedded_bundle().bundle;
  ASSERT_TRUE(bundle);
  static const char* kLabels[] = {"(一)", "(二)", "(三)", "(四)", "(五)",
                                  "(六)", "(七)", "(八)", "(九)", "(十)"};
  for (const auto& s : bundle->document.standards) {
    SCOPED_TRACE(s.full_text().substr(0, 60));
    EXPECT_EQ(s.label, kLabels[s.number - 1]);
    EXPECT_TRUE(paragraphs.contains(s.full_text()));
    for (const auto& ind : s.indicators) EXPECT_NE(s.text.find(ind.quote), std::string::npos);
  }
}

TEST(DefaultBundle, TheIndicatorsTheProductNamesArePickedOut) {
  const auto bundle = load_embedded_bundle().bundle;
  ASSERT_TRUE(bundle);
  std::set<std::string> values;
  for (const auto& s : bundle->document.standards) {
    for (const auto& ind : s.indicators) values.insert(ind.quote);
  }
  for (const char* q :
       {"党小组对居(村)民小组覆盖率100%", "社区志愿者人数占总人数的15%", "绿化率30%以上"}) {
    EXPECT_TRUE(std::any_of(values.begin(), values.end(), [&](const std::string& v) {
      return v.find(q) != std::string::npos;
    })) << q;
  }
  const auto& tenth = bundle->document.standards[9];
  ASSERT_FALSE(tenth.indicators.empty());
  EXPECT_NE(tenth.indicators[0].quote.find("640平方米以上"), std::string::npos);
}

TEST(DefaultBundle, EveryParagraphOfTheDocumentIsInTheSource) {
  const auto paragraphs = seed_paragraphs();
  const auto bundle = load_embedded_bundle().bundle;
  ASSERT_TRUE(bundle);
  const auto& d = bundle->document;
  std::vector<std::string> all = d.preamble;
  for (const auto& s : d.sections) {
    all.push_back(s.heading);
    all.insert(all.end(), s.paragraphs.begin(), s.paragraphs.end());
    for (const auto& sub : s.subsections) {
      all.push_back(sub.heading);
      all.insert(all.end(), sub.paragraphs.begin(), sub.paragraphs.end());
    }
  }
  for (const auto& step : d.steps) {
    all.insert(all.end(), step.paragraphs.begin(), step.paragraphs.end());
    EXPECT_TRUE(paragraphs.contains(step.label + step.title + ":(" + step.period + ")"))
        << step.title;
  }
  all.push_back(d.addressee);
  all.push_back(d.signature_issuer);
  all.push_back(d.signature_date);
  all.push_back(d.title);
  all.push_back(d.doc_number);
  for (const auto& p : all) EXPECT_TRUE(paragraphs.contains(p)) << p;
  // The original numbers two sections 四; both headings are kept as written.
  int fours = 0;
  for (const auto& s : d.sections) fours += s.heading.rfind("四、", 0) == 0;
  EXPECT_EQ(fours, 2);
}

TEST(DefaultBundle, FormsFollowTheFiveAttachments) {
  const auto bundle = load_embedded_bundle().bundle;
  ASSERT_TRUE(bundle);
  const auto paragraphs = seed_paragraphs();
  for (const auto c : kAllCategories) {
    const Form* f = bundle->document.form_for(c);
    ASSERT_NE(f, nullptr);
    EXPECT_TRUE(paragraphs.contains(f->title)) << f->title;
    EXPECT_EQ(f->has_field(FieldKey::Contact), is_street(c));
    EXPECT_EQ(f->has_field(FieldKey::Address), !is_street(c));
    EXPECT_EQ(f->reviews.size(), 3u);
  }
  EXPECT_EQ(bundle->document.form_for(Category::CommitteeDemo)->reviews[0].label,
            "街道(镇)验收意见");
}

TEST(DefaultBundle, StepsCarryTheir2011DatesAndTheCurrentOneFollowsTheDate) {
  const auto bundle = load_embedded_bundle().bundle;
  ASSERT_TRUE(bundle);
  const auto& d = bundle->document;
  EXPECT_EQ(d.current_step(*CivilDate::parse("2011-03-15")), 0u);
  EXPECT_EQ(d.current_step(*CivilDate::parse("2011-05-01")), 1u);
  EXPECT_EQ(d.current_step(*CivilDate::parse("2011-08-31")), 2u);
  EXPECT_EQ(d.current_step(*CivilDate::parse("2011-10-31")), 3u);
  EXPECT_EQ(d.current_step(*CivilDate::parse("2026-11-25")), std::nullopt);
}

TEST(DefaultBundle, DemoContentIsMarkedAndFictional) {
  const auto bundle = load_embedded_bundle().bundle;
  ASSERT_TRUE(bundle);
  for (const auto& n : bundle->notices) {
    EXPECT_TRUE(n.demo);
    EXPECT_NE(n.title.find("示例"), std::string::npos);
    // A fresh install today shows the demo as current, never a past 公示.
    EXPECT_TRUE(n.window.contains(*CivilDate::parse("2026-11-25")));
    for (const auto& a : n.applicants) EXPECT_EQ(a.phone.rfind("021-0000", 0), 0u) << a.phone;
  }
  for (const auto& h : bundle->hotlines) {
    EXPECT_TRUE(h.demo);
    EXPECT_NE(h.name.find("示例"), std::string::npos);
  }
}

TEST(Model, NoticeWindowCountsDaysLeftInclusively) {
  const NoticeWindow w{*CivilDate::parse("2026-11-20"), *CivilDate::parse("2026-11-26")};
  EXPECT_EQ(w.days_left(*CivilDate::parse("2026-11-25")), 2);
  EXPECT_EQ(w.days_left(*CivilDate::parse("2026-11-26")), 1);
  EXPECT_EQ(w.days_left(*CivilDate::parse("2026-11-27")), 0);
  EXPECT_EQ(w.days_left(*CivilDate::parse("2026-11-01")), 7);
  EXPECT_FALSE(w.contains(*CivilDate::parse("2026-11-19")));
  EXPECT_TRUE(w.contains(*CivilDate::parse("2026-11-20")));
  EXPECT_TRUE(w.ended(*CivilDate::parse("2026-11-27")));
}

TEST(Model, CategoriesReadTheirChineseNames) {
  EXPECT_EQ(category_from_chinese("示范街道(镇)"), Category::StreetDemo);
  EXPECT_EQ(category_from_chinese("示范街道（镇）"), Category::StreetDemo);
  EXPECT_EQ(category_from_chinese("上海市和谐社区建设示范居委会"), Category::CommitteeHarmony);
  EXPECT_EQ(category_from_chinese("模范居委会"), Category::CommitteeModel);
  EXPECT_EQ(category_from_chinese("示范"), std::nullopt);
}

TEST(Model, HotlineTelUriKeepsOnlyDigits) {
  Hotline h;
  h.number = "021-0000 0090";
  EXPECT_EQ(h.tel_uri(), "tel:02100000090");
  h.number = "+86 (21) 0000-0090";
  EXPECT_EQ(h.tel_uri(), "tel:+862100000090");
}

}  // namespace
}  // namespace kiosk::content
