// C API under hostile use: NULL pointers, zero lengths, buffers without a
// terminating NUL, limits through the options structs (version 1 callers
// keep working), freed handles, and one ruleset shared by many threads while
// another thread loads and frees its own.
#include <atomic>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "capi_support.hpp"
#include "zice/zice.h"

namespace json = boost::json;

namespace {

const std::string kSource = ZICE_SOURCE_DIR;
const std::string kMiit = kSource + "/rulesets/miit-innovative-sme-2022.xml";
const std::string kMiitAnswers = kSource + "/examples/enterprises/miit-innovative-sme-2022.answers.json";
const std::string kDemo = kSource + "/examples/innovation-demo.xml";

using zice::test::read_file;
using zice::test::take;

std::string last_message() { return zice_error_last() ? zice_error_last()->message : "(no error)"; }

/// A heap copy of `s` with no terminating NUL: reading past it is caught by
/// AddressSanitizer in the sanitizer build.
std::unique_ptr<char[]> unterminated(const std::string& s) {
  std::unique_ptr<char[]> p(new char[s.size()]);
  std::memcpy(p.get(), s.data(), s.size());
  return p;
}

zice_assess_options dated() {
  zice_assess_options o = ZICE_ASSESS_OPTIONS_INIT;
  o.date = "2026-11-28";
  return o;
}

TEST(CApiHostile, NullPointersEverywhere) {
  char* out = reinterpret_cast<char*>(0x1);
  zice_ruleset* rs = reinterpret_cast<zice_ruleset*>(0x1);
  EXPECT_EQ(zice_ruleset_load_file_ex(nullptr, nullptr, &rs), ZICE_EINVAL);
  EXPECT_EQ(rs, nullptr);
  EXPECT_EQ(zice_ruleset_load_buffer_ex(nullptr, 0, nullptr, nullptr, &rs), ZICE_EINVAL);
  EXPECT_EQ(zice_ruleset_load_buffer_ex("<x/>", 0, nullptr, nullptr, nullptr), ZICE_EINVAL);
  EXPECT_EQ(zice_ruleset_validate(nullptr, "{}", 0, nullptr, &out), ZICE_EINVAL);
  EXPECT_EQ(out, nullptr);
  EXPECT_NE(last_message().find("must not be NULL"), std::string::npos) << last_message();
  EXPECT_EQ(zice_ruleset_assess(nullptr, nullptr, 0, nullptr, nullptr), ZICE_EINVAL);
  EXPECT_EQ(zice_ruleset_questionnaire(nullptr, nullptr, &out), ZICE_EINVAL);
  EXPECT_EQ(zice_result_render(nullptr, 0, nullptr, &out), ZICE_EINVAL);
  EXPECT_EQ(zice_catalog_list(nullptr, &out), ZICE_EINVAL);
  EXPECT_EQ(zice_catalog_get(nullptr, nullptr, nullptr, nullptr), ZICE_EINVAL);
  EXPECT_EQ(zice_assess_options_init(nullptr, 1), ZICE_EINVAL);
  EXPECT_EQ(zice_ruleset_id(nullptr), nullptr);
  EXPECT_EQ(zice_ruleset_title(nullptr), nullptr);
  zice_ruleset_free(nullptr);
  zice_catalog_free(nullptr);
  zice_free(nullptr);
}

TEST(CApiHostile, ZeroLengthsAndEmptyInputs) {
  zice_ruleset* rs = nullptr;
  // len 0 means "NUL-terminated": an empty string is not a ruleset.
  EXPECT_EQ(zice_ruleset_load_buffer("", 0, "empty.xml", &rs), ZICE_ERULESET);
  EXPECT_EQ(rs, nullptr);
  EXPECT_STREQ(zice_error_last()->file, "empty.xml");
  ASSERT_EQ(zice_ruleset_load_file(kMiit.c_str(), &rs), ZICE_OK) << last_message();
  char* out = nullptr;
  EXPECT_EQ(zice_ruleset_assess(rs, "", 0, nullptr, &out), ZICE_EJSON);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(zice_result_render("", 0, "text", &out), ZICE_EJSON);
  zice_ruleset_free(rs);
}

TEST(CApiHostile, UnterminatedBuffersWithLengths) {
  std::string xml = read_file(kMiit);
  auto xbuf = unterminated(xml);
  zice_ruleset* rs = nullptr;
  ASSERT_EQ(zice_ruleset_load_buffer(xbuf.get(), xml.size(), "miit.xml", &rs), ZICE_OK) << last_message();
  std::string answers = read_file(kMiitAnswers);
  auto abuf = unterminated(answers);
  zice_assess_options o = dated();
  char* out = nullptr;
  ASSERT_EQ(zice_ruleset_assess(rs, abuf.get(), answers.size(), &o, &out), ZICE_OK) << last_message();
  std::string result = take(out);
  auto rbuf = unterminated(result);
  ASSERT_EQ(zice_result_render(rbuf.get(), result.size(), "html", &out), ZICE_OK) << last_message();
  EXPECT_NE(take(out).find("<html"), std::string::npos);
  // A length that cuts the JSON short is a JSON error, not an over-read.
  EXPECT_EQ(zice_ruleset_validate(rs, abuf.get(), answers.size() / 2, &o, &out), ZICE_EJSON);
  zice_ruleset_free(rs);
}

TEST(CApiHostile, AnswerLimitsThroughOptionsVersion2) {
  zice_ruleset* rs = nullptr;
  ASSERT_EQ(zice_ruleset_load_file(kMiit.c_str(), &rs), ZICE_OK) << last_message();
  std::string answers = read_file(kMiitAnswers);
  zice_assess_options o = dated();
  char* out = nullptr;
  o.max_answers_bytes = answers.size();
  EXPECT_EQ(zice_ruleset_validate(rs, answers.data(), answers.size(), &o, &out), ZICE_OK) << last_message();
  zice_free(out);
  o.max_answers_bytes = answers.size() - 1;
  EXPECT_EQ(zice_ruleset_validate(rs, answers.data(), answers.size(), &o, &out), ZICE_ELIMIT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(zice_error_last()->code, ZICE_ELIMIT);
  EXPECT_NE(last_message().find("answers-bytes"), std::string::npos) << last_message();
  // 100 MB is refused by size at once (default limit 2 MiB).
  std::string huge(100u << 20, ' ');
  huge.front() = '{';
  huge.back() = '}';
  o = dated();
  EXPECT_EQ(zice_ruleset_assess(rs, huge.data(), huge.size(), &o, &out), ZICE_ELIMIT);
  // Depth, with a position.
  o.max_answers_depth = 2;
  EXPECT_EQ(zice_ruleset_assess(rs, "{\"a\": [[1]]}", 0, &o, &out), ZICE_ELIMIT);
  EXPECT_EQ(zice_error_last()->line, 1);
  EXPECT_GT(zice_error_last()->column, 1);
  EXPECT_NE(last_message().find("answers-depth"), std::string::npos) << last_message();
  // A depth above the ceiling is an invalid argument.
  o.max_answers_depth = 100000;
  EXPECT_EQ(zice_ruleset_assess(rs, "{}", 0, &o, &out), ZICE_EINVAL);
  EXPECT_NE(last_message().find("256"), std::string::npos) << last_message();
  EXPECT_STREQ(zice_strerror(ZICE_ELIMIT), "ZICE_ELIMIT: an input exceeds a resource limit");
  zice_ruleset_free(rs);
}

TEST(CApiHostile, AnalyseFlagAndVersion1Callers) {
  zice_ruleset* rs = nullptr;
  ASSERT_EQ(zice_ruleset_load_file(kMiit.c_str(), &rs), ZICE_OK) << last_message();
  // Incomplete answers: the analysis (improvement plan, partial-answer
  // analysis) then has something to say, and is null when turned off.
  std::string answers = "{}";
  auto run = [&](const zice_assess_options* o) {
    char* out = nullptr;
    EXPECT_EQ(zice_ruleset_assess(rs, answers.c_str(), 0, o, &out), ZICE_OK) << last_message();
    return json::parse(take(out));
  };
  zice_assess_options o = dated();
  EXPECT_EQ(o.analyse, 1);
  json::value full = run(&o);
  EXPECT_FALSE(full.at("improvement").is_null());
  EXPECT_FALSE(full.at("partial").is_null());
  o.analyse = 0;
  json::value cheap = run(&o);
  EXPECT_TRUE(cheap.at("improvement").is_null());
  EXPECT_TRUE(cheap.at("partial").is_null());

  // A version-1 caller: its struct ends before `analyse`. Initialising it
  // must not write past its end, and the fields it lacks keep their defaults.
  struct V1 {
    unsigned int version;
    const char* lang;
    int strict;
    int trace;
    const char* date;
  };
  struct {
    V1 v1;
    unsigned char canary[64];
  } buf;
  std::memset(&buf, 0xAB, sizeof buf);
  auto* as_opts = reinterpret_cast<zice_assess_options*>(&buf.v1);
  ASSERT_EQ(zice_assess_options_init(as_opts, 1), ZICE_OK);
  for (unsigned char c : buf.canary) ASSERT_EQ(c, 0xAB) << "zice_assess_options_init(1) wrote past a v1 struct";
  EXPECT_EQ(buf.v1.version, 1u);
  EXPECT_EQ(buf.v1.lang, nullptr);
  buf.v1.date = "2026-11-28";
  // Garbage after the v1 struct (0xAB…) must be ignored: analysis stays on,
  // no limit is taken from it.
  json::value r = run(as_opts);
  EXPECT_FALSE(r.at("improvement").is_null());
  zice_ruleset_free(rs);
}

TEST(CApiHostile, RulesetLimitsThroughLoadOptions) {
  zice_load_options lo = ZICE_LOAD_OPTIONS_INIT;
  zice_ruleset* rs = nullptr;
  lo.max_questions = 1;
  EXPECT_EQ(zice_ruleset_load_file_ex(kMiit.c_str(), &lo, &rs), ZICE_ELIMIT);
  EXPECT_EQ(rs, nullptr);
  const zice_error* e = zice_error_last();
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, ZICE_ELIMIT);
  EXPECT_EQ(std::string(e->file), kMiit);
  EXPECT_GT(e->line, 1);
  EXPECT_GT(e->column, 0);
  EXPECT_NE(std::string(e->message).find("limit questions"), std::string::npos) << e->message;
  lo = ZICE_LOAD_OPTIONS_INIT;
  lo.max_file_bytes = 100;
  EXPECT_EQ(zice_ruleset_load_file_ex(kMiit.c_str(), &lo, &rs), ZICE_ELIMIT);
  EXPECT_NE(last_message().find("ruleset-bytes"), std::string::npos) << last_message();
  lo.version = 2;
  EXPECT_EQ(zice_ruleset_load_file_ex(kMiit.c_str(), &lo, &rs), ZICE_EINVAL);
  lo = ZICE_LOAD_OPTIONS_INIT;
  lo.max_depth = 1000;
  EXPECT_EQ(zice_ruleset_load_file_ex(kMiit.c_str(), &lo, &rs), ZICE_EINVAL);
  lo = ZICE_LOAD_OPTIONS_INIT;  // all defaults
  ASSERT_EQ(zice_ruleset_load_file_ex(kMiit.c_str(), &lo, &rs), ZICE_OK) << last_message();
  zice_ruleset_free(rs);
}

TEST(CApiHostile, CatalogRulesetsCannotBeFreedByMistake) {
  zice_catalog* cat = nullptr;
  ASSERT_EQ(zice_catalog_open((kSource + "/rulesets").c_str(), &cat), ZICE_OK) << last_message();
  const zice_ruleset* rs = nullptr;
  ASSERT_EQ(zice_catalog_get(cat, "miit-innovative-sme-2022", nullptr, &rs), ZICE_OK);
  zice_ruleset_free(const_cast<zice_ruleset*>(rs));  // ignored: owned by the catalog
  EXPECT_STREQ(zice_ruleset_id(rs), "miit-innovative-sme-2022");
  zice_catalog_free(cat);
}

// A freed handle has its magic number overwritten. Using it afterwards reads
// freed memory: the library refuses it with ZICE_EINVAL while that memory is
// not reused (best effort), and AddressSanitizer reports it reliably.
#if defined(__SANITIZE_ADDRESS__)
#define ZICE_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZICE_TEST_ASAN 1
#endif
#endif

TEST(CApiHostile, UseAfterFreeIsRefused) {
  zice_ruleset* rs = nullptr;
  ASSERT_EQ(zice_ruleset_load_file(kMiit.c_str(), &rs), ZICE_OK) << last_message();
  zice_ruleset_free(rs);
  char* out = reinterpret_cast<char*>(0x1);
#ifdef ZICE_TEST_ASAN
  EXPECT_DEATH(zice_ruleset_assess(rs, "{}", 0, nullptr, &out), "heap-use-after-free");
#else
  EXPECT_EQ(zice_ruleset_assess(rs, "{}", 0, nullptr, &out), ZICE_EINVAL);
  EXPECT_EQ(out, nullptr);
  EXPECT_NE(last_message().find("not a live zice handle"), std::string::npos) << last_message();
  EXPECT_EQ(zice_ruleset_id(rs), nullptr);
  zice_ruleset_free(rs);  // a second free is ignored
  // A pointer that never was a handle.
  std::uint64_t junk[16] = {};
  EXPECT_EQ(zice_ruleset_validate(reinterpret_cast<zice_ruleset*>(junk), "{}", 0, nullptr, &out), ZICE_EINVAL);
  EXPECT_EQ(zice_catalog_list(reinterpret_cast<zice_catalog*>(junk), &out), ZICE_EINVAL);
#endif
}

// N threads assess against one shared ruleset while another thread loops
// loading and freeing rulesets of its own. Every result must equal the
// single-threaded one; nothing may crash or race (run under TSan in CI).
TEST(CApiConcurrency, SharedRulesetWhileAnotherThreadLoadsAndFrees) {
  zice_ruleset* shared = nullptr;
  ASSERT_EQ(zice_ruleset_load_file(kMiit.c_str(), &shared), ZICE_OK) << last_message();
  std::string answers = read_file(kMiitAnswers);
  zice_assess_options o = dated();
  char* out = nullptr;
  ASSERT_EQ(zice_ruleset_assess(shared, answers.c_str(), 0, &o, &out), ZICE_OK) << last_message();
  const std::string expected = take(out);
  std::string demo_xml = read_file(kDemo);

  constexpr int kThreads = 6, kRounds = 15;
  std::atomic<bool> stop{false};
  std::atomic<int> mismatches{0}, failures{0}, loads{0};
  std::thread loader([&] {
    while (!stop.load()) {
      zice_ruleset* own = nullptr;
      int rc = loads.load() % 2 ? zice_ruleset_load_file(kDemo.c_str(), &own)
                                : zice_ruleset_load_buffer(demo_xml.data(), demo_xml.size(), "demo.xml", &own);
      if (rc != ZICE_OK || !zice_ruleset_id(own)) ++failures;
      char* q = nullptr;
      if (zice_ruleset_questionnaire(own, nullptr, &q) != ZICE_OK) ++failures;
      zice_free(q);
      zice_ruleset_free(own);
      ++loads;
    }
  });
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        char* r = nullptr;
        zice_assess_options mine = dated();
        mine.analyse = (i + t) % 2;  // mix the cheap and the full path
        int rc = zice_ruleset_assess(shared, answers.c_str(), 0, &mine, &r);
        std::string text = take(r);
        if (rc != ZICE_OK) {
          ++failures;
          continue;
        }
        if (mine.analyse && text != expected) ++mismatches;
        // A bad call on this thread sets only this thread's error.
        char* bad = nullptr;
        if (zice_ruleset_assess(shared, "{", 0, &mine, &bad) != ZICE_EJSON || zice_error_last()->code != ZICE_EJSON)
          ++failures;
      }
    });
  for (std::thread& w : workers) w.join();
  stop = true;
  loader.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_GT(loads.load(), 0);
  zice_ruleset_free(shared);
}

}  // namespace
