// Catalog: several versions of one id, resolved by version and by date, in C++
// (zice::Catalog) and through the C API (zice_catalog_*).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "capi_support.hpp"
#include "zice/zice.h"
#include "zice/zice.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using zice::Catalog;
using zice::CatalogLoad;

namespace {

/// A fresh directory under the system temp dir, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "zice-catalog-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string write(const std::string& name, const std::string& text) const {
    std::string p = (fs::path(path_) / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::string path_;
};

/// A minimal valid ruleset. `effective` is the <effective> element (or "").
std::string ruleset(const std::string& id, const std::string& version, const std::string& effective,
                    const std::string& title = "测试") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<ruleset id=\"" + id + "\" version=\"" + version + "\" format=\"1\" lang=\"zh-CN\" langs=\"zh-CN en\">\n"
         "<meta><title>" + title + "</title><title xml:lang=\"en\">Test</title>" + effective + "</meta>\n"
         "<questionnaire>\n"
         "<question id=\"q\" type=\"boolean\"><label>问</label></question>\n"
         "</questionnaire>\n"
         "</ruleset>\n";
}

/// Two versions of "demo" (2020 with an end date, 2024 open) and one "other".
void write_versions(const TempDir& d) {
  // File names sort against the effective dates on purpose.
  d.write("z-demo-2020.xml", ruleset("demo", "2020.1", "<effective from=\"2020-01-01\" to=\"2023-12-31\"/>", "旧版"));
  d.write("a-demo-2024.xml", ruleset("demo", "2024.1", "<effective from=\"2024-01-01\"/>", "新版"));
  d.write("m-other.xml", ruleset("other", "1", ""));
  d.write("notes.txt", "not a ruleset");
  d.write("old.xml.bak", "not a ruleset either");
  fs::create_directory(fs::path(d.path()) / "sub");
  d.write("sub/ignored.xml", "<broken");  // not recursive
}

Catalog must_open(const std::string& dir) {
  CatalogLoad r = Catalog::open(dir);
  std::string all;
  for (const zice::Diagnostic& d : r.diagnostics) all += d.format() + "\n";
  if (!r.catalog) throw std::runtime_error("catalog did not open:\n" + all);
  return *r.catalog;
}

TEST(Catalog, ListsSortedByIdThenEffectiveDate) {
  TempDir d;
  write_versions(d);
  Catalog c = must_open(d.path());
  const auto& l = c.list();
  ASSERT_EQ(l.size(), 3u);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(l[0].id, "demo");
  EXPECT_EQ(l[0].version, "2020.1");
  EXPECT_EQ(l[0].title, "旧版");
  EXPECT_EQ(l[0].effective_from, "2020-01-01");
  EXPECT_EQ(l[0].effective_to, "2023-12-31");
  EXPECT_EQ(l[0].file, (fs::path(d.path()) / "z-demo-2020.xml").string());
  EXPECT_EQ(l[0].sha256.size(), 64u);
  EXPECT_EQ(l[1].version, "2024.1");
  EXPECT_EQ(l[1].effective_to, "");
  EXPECT_EQ(l[2].id, "other");
  EXPECT_EQ(l[2].effective_from, "");
  for (std::size_t i = 0; i < l.size(); ++i) {
    EXPECT_EQ(c.at(i).version(), l[i].version);
    EXPECT_EQ(c.index_of(&c.at(i)), i);
  }
  EXPECT_EQ(c.index_of(nullptr), c.size());
}

TEST(Catalog, ResolvesByVersion) {
  TempDir d;
  write_versions(d);
  Catalog c = must_open(d.path());
  const zice::Ruleset* r = c.get("demo", "2020.1");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->version(), "2020.1");
  ASSERT_NE(c.get("demo", "2024.1"), nullptr);
  EXPECT_EQ(c.get("demo", "2024.1")->title(), "新版");
  // No version: the latest effective_from.
  ASSERT_NE(c.get("demo"), nullptr);
  EXPECT_EQ(c.get("demo")->version(), "2024.1");
  EXPECT_EQ(c.get("demo", "1999.1"), nullptr);
  EXPECT_EQ(c.get("nope"), nullptr);
  EXPECT_EQ(c.get("other")->id(), "other");
}

TEST(Catalog, ResolvesByDateInForce) {
  TempDir d;
  write_versions(d);
  Catalog c = must_open(d.path());
  auto version_on = [&](const char* date) -> std::string {
    const zice::Ruleset* r = c.in_force("demo", date);
    return r ? r->version() : "none";
  };
  EXPECT_EQ(version_on("2019-12-31"), "none");
  EXPECT_EQ(version_on("2020-01-01"), "2020.1");  // both ends inclusive
  EXPECT_EQ(version_on("2022-06-15"), "2020.1");
  EXPECT_EQ(version_on("2023-12-31"), "2020.1");
  EXPECT_EQ(version_on("2024-01-01"), "2024.1");
  EXPECT_EQ(version_on("2099-01-01"), "2024.1");
  EXPECT_EQ(version_on("2024-13-01"), "none");  // not a date
  EXPECT_EQ(version_on("yesterday"), "none");
  // Open effective dates: always in force.
  ASSERT_NE(c.in_force("other", "1900-01-01"), nullptr);
  EXPECT_EQ(c.in_force("nope", "2024-01-01"), nullptr);
}

TEST(Catalog, OverlappingPeriodsPreferLatestStart) {
  TempDir d;
  d.write("a.xml", ruleset("x", "1", "<effective from=\"2020-01-01\"/>"));
  d.write("b.xml", ruleset("x", "2", "<effective from=\"2022-01-01\" to=\"2022-12-31\"/>"));
  Catalog c = must_open(d.path());
  EXPECT_EQ(c.in_force("x", "2021-06-01")->version(), "1");
  EXPECT_EQ(c.in_force("x", "2022-06-01")->version(), "2");
  EXPECT_EQ(c.in_force("x", "2023-06-01")->version(), "1");
  EXPECT_EQ(c.get("x")->version(), "2");
}

TEST(Catalog, SameStartDateOrdersVersionsNumerically) {
  TempDir d;
  d.write("a.xml", ruleset("x", "2.10", "<effective from=\"2020-01-01\"/>"));
  d.write("b.xml", ruleset("x", "2.9", "<effective from=\"2020-01-01\"/>"));
  Catalog c = must_open(d.path());
  ASSERT_EQ(c.list().size(), 2u);
  EXPECT_EQ(c.list()[0].version, "2.9");
  EXPECT_EQ(c.list()[1].version, "2.10");
  EXPECT_EQ(c.get("x")->version(), "2.10");  // ties: the last one listed
  EXPECT_EQ(c.in_force("x", "2021-01-01")->version(), "2.10");
}

TEST(Catalog, DuplicateIdAndVersionNamesBothFiles) {
  TempDir d;
  std::string a = d.write("a.xml", ruleset("x", "1", ""));
  std::string b = d.write("b.xml", ruleset("x", "1", "", "另一个"));
  CatalogLoad r = Catalog::open(d.path());
  EXPECT_FALSE(r.catalog);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  const zice::Diagnostic& e = r.diagnostics[0];
  EXPECT_EQ(e.severity, zice::Severity::error);
  EXPECT_EQ(e.code, "duplicate-ruleset");
  EXPECT_EQ(e.file, b);
  EXPECT_NE(e.message.find(a), std::string::npos) << e.message;
  EXPECT_NE(e.message.find(b), std::string::npos) << e.message;
}

TEST(Catalog, BrokenFileIsLocatedAndEveryFileIsRead) {
  TempDir d;
  d.write("a.xml", ruleset("x", "1", ""));
  std::string b = d.write("b.xml", "<?xml version=\"1.0\"?>\n<ruleset id=\"y\">\n  <meta>\n</ruleset>\n");
  std::string c = d.write("c.xml", "<ruleset");
  CatalogLoad r = Catalog::open(d.path());
  EXPECT_FALSE(r.catalog);
  ASSERT_GE(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics.front().file, b);
  EXPECT_GT(r.diagnostics.front().line, 0);
  EXPECT_EQ(r.diagnostics.back().file, c);
}

TEST(Catalog, MissingDirectoryIsIo) {
  CatalogLoad r = Catalog::open("/nonexistent/zice-catalog");
  EXPECT_FALSE(r.catalog);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "io");
  EXPECT_EQ(r.diagnostics[0].file, "/nonexistent/zice-catalog");

  TempDir d;
  std::string f = d.write("file.xml", ruleset("x", "1", ""));
  r = Catalog::open(f);  // a file, not a directory
  EXPECT_FALSE(r.catalog);
  EXPECT_EQ(r.diagnostics.at(0).code, "io");
}

TEST(Catalog, EmptyDirectoryIsAnEmptyCatalog) {
  TempDir d;
  Catalog c = must_open(d.path());
  EXPECT_TRUE(c.list().empty());
  EXPECT_EQ(c.get("x"), nullptr);
}

TEST(Catalog, ShippedRulesets) {
  Catalog c = must_open(std::string(ZICE_SOURCE_DIR) + "/rulesets");
  std::vector<std::string> ids;
  for (const auto& e : c.list()) ids.push_back(e.id);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_NE(std::find(ids.begin(), ids.end(), "miit-innovative-sme-2022"), ids.end());
  EXPECT_EQ(c.in_force("miit-zjtx-sme-2022", "2026-03-31")->id(), "miit-zjtx-sme-2022");
  EXPECT_EQ(c.in_force("miit-zjtx-sme-2022", "2026-04-01"), nullptr);
}

TEST(Catalog, CopiesShareRulesetsAcrossThreads) {
  TempDir d;
  write_versions(d);
  const zice::Ruleset* r = nullptr;
  {
    Catalog c = must_open(d.path());
    Catalog copy = c;  // NOLINT: the copy keeps the rulesets alive
    r = copy.get("demo");
    EXPECT_EQ(r, c.get("demo"));
    std::vector<std::thread> threads;
    std::vector<std::string> out(4);
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        zice::AssessOptions o;
        o.date = "2026-01-01";
        for (int n = 0; n < 20; ++n)
          out[t] = zice::to_json_text(zice::assess(*copy.in_force("demo", "2025-01-01"),
                                                   json::parse("{\"q\": true}"), o).result);
      });
    for (std::thread& th : threads) th.join();
    for (const std::string& s : out) EXPECT_EQ(s, out[0]);
  }
}

// ---- the same through the C API ----------------------------------------------

using zice::test::take;

TEST(CApiCatalog, VersionsByIdVersionAndDate) {
  TempDir d;
  write_versions(d);
  zice_catalog* cat = nullptr;
  ASSERT_EQ(zice_catalog_open(d.path().c_str(), &cat), ZICE_OK);
  EXPECT_EQ(zice_error_last(), nullptr);

  char* out = nullptr;
  ASSERT_EQ(zice_catalog_list(cat, &out), ZICE_OK);
  json::array list = json::parse(take(out)).as_array();
  ASSERT_EQ(list.size(), 3u);
  const json::object& first = list[0].as_object();
  std::vector<std::string> keys;
  for (const auto& kv : first) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "version", "title", "effective_from", "effective_to", "sha256", "file"}));
  EXPECT_EQ(first.at("version"), "2020.1");
  EXPECT_EQ(first.at("effective_to"), "2023-12-31");
  EXPECT_EQ(list[1].at("version"), "2024.1");
  EXPECT_EQ(list[1].at("effective_to"), "");

  const zice_ruleset* rs = nullptr;
  ASSERT_EQ(zice_catalog_get(cat, "demo", "2020.1", &rs), ZICE_OK);
  EXPECT_STREQ(zice_ruleset_version(rs), "2020.1");
  EXPECT_STREQ(zice_ruleset_title(rs), "旧版");
  EXPECT_STREQ(zice_ruleset_sha256(rs), first.at("sha256").as_string().c_str());
  ASSERT_EQ(zice_catalog_get(cat, "demo", nullptr, &rs), ZICE_OK);
  EXPECT_STREQ(zice_ruleset_version(rs), "2024.1");
  const zice_ruleset* again = nullptr;
  ASSERT_EQ(zice_catalog_get(cat, "demo", "2024.1", &again), ZICE_OK);
  EXPECT_EQ(again, rs);  // one handle per catalog entry

  ASSERT_EQ(zice_catalog_get_in_force(cat, "demo", "2023-12-31", &rs), ZICE_OK);
  EXPECT_STREQ(zice_ruleset_version(rs), "2020.1");
  ASSERT_EQ(zice_catalog_get_in_force(cat, "demo", "2024-01-01", &rs), ZICE_OK);
  EXPECT_STREQ(zice_ruleset_version(rs), "2024.1");
  ASSERT_EQ(zice_catalog_get_in_force(cat, "demo", nullptr, &rs), ZICE_OK);  // today
  EXPECT_STREQ(zice_ruleset_version(rs), "2024.1");

  // A borrowed ruleset assesses like any other.
  zice_assess_options o = ZICE_ASSESS_OPTIONS_INIT;
  o.date = "2026-01-01";
  ASSERT_EQ(zice_ruleset_assess(rs, "{\"q\": true}", 0, &o, &out), ZICE_OK);
  EXPECT_EQ(json::parse(take(out)).at("ruleset").at("version"), "2024.1");

  // Not found.
  rs = reinterpret_cast<const zice_ruleset*>(0x1);
  EXPECT_EQ(zice_catalog_get(cat, "nope", nullptr, &rs), ZICE_ENOTFOUND);
  EXPECT_EQ(rs, nullptr);
  EXPECT_EQ(zice_error_last()->code, ZICE_ENOTFOUND);
  EXPECT_NE(std::string(zice_error_last()->message).find("nope"), std::string::npos);
  EXPECT_EQ(zice_catalog_get(cat, "demo", "1999.1", &rs), ZICE_ENOTFOUND);
  EXPECT_NE(std::string(zice_error_last()->message).find("1999.1"), std::string::npos);
  EXPECT_EQ(zice_catalog_get_in_force(cat, "demo", "2019-12-31", &rs), ZICE_ENOTFOUND);
  EXPECT_NE(std::string(zice_error_last()->message).find("2019-12-31"), std::string::npos);
  EXPECT_EQ(zice_catalog_get_in_force(cat, "nope", "2024-01-01", &rs), ZICE_ENOTFOUND);
  EXPECT_EQ(zice_catalog_get_in_force(cat, "demo", "2024-1-1", &rs), ZICE_EINVAL);
  EXPECT_EQ(rs, nullptr);

  zice_catalog_free(cat);
}

TEST(CApiCatalog, OpenErrors) {
  zice_catalog* cat = reinterpret_cast<zice_catalog*>(0x1);
  EXPECT_EQ(zice_catalog_open("/nonexistent/zice-catalog", &cat), ZICE_EIO);
  EXPECT_EQ(cat, nullptr);
  EXPECT_STREQ(zice_error_last()->file, "/nonexistent/zice-catalog");

  TempDir d;
  d.write("a.xml", ruleset("x", "1", ""));
  std::string b = d.write("b.xml", ruleset("x", "1", ""));
  EXPECT_EQ(zice_catalog_open(d.path().c_str(), &cat), ZICE_ERULESET);
  EXPECT_EQ(std::string(zice_error_last()->file), b);
  EXPECT_NE(std::string(zice_error_last()->message).find("a.xml"), std::string::npos);

  fs::remove(b);
  d.write("b.xml", "<?xml version=\"1.0\"?>\n<ruleset id=\"y\">\n  <meta>\n</ruleset>\n");
  EXPECT_EQ(zice_catalog_open(d.path().c_str(), &cat), ZICE_ERULESET);
  EXPECT_EQ(std::string(zice_error_last()->file), b);
  EXPECT_GT(zice_error_last()->line, 0);
  EXPECT_EQ(cat, nullptr);
}

TEST(CApiCatalog, ShippedRulesetsAssess) {
  zice_catalog* cat = nullptr;
  ASSERT_EQ(zice_catalog_open(ZICE_SOURCE_DIR "/rulesets", &cat), ZICE_OK);
  const zice_ruleset* rs = nullptr;
  ASSERT_EQ(zice_catalog_get_in_force(cat, "miit-innovative-sme-2022", "2026-11-28", &rs), ZICE_OK);
  std::ifstream in(ZICE_SOURCE_DIR "/examples/enterprises/miit-innovative-sme-2022.answers.json");
  std::string answers((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  zice_assess_options o = ZICE_ASSESS_OPTIONS_INIT;
  o.date = "2026-11-28";
  char* out = nullptr;
  ASSERT_EQ(zice_ruleset_assess(rs, answers.c_str(), 0, &o, &out), ZICE_OK);
  EXPECT_EQ(json::parse(take(out)).at("grade").at("id"), "qualified");
  zice_catalog_free(cat);
}

}  // namespace
