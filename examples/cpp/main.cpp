// zice C++ API example: load a ruleset (or pick one from a catalog
// directory), assess an answers file, print the grade and the text report.
//
//   zice-cpp-example RULESET.xml|RULESETS_DIR ANSWERS.json [YYYY-MM-DD]
//
// With a directory, the catalog picks the version in force on the date for
// the id named by the answers file ("<id>.answers.json").
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include <boost/json.hpp>
#include <zice/zice.hpp>

namespace fs = std::filesystem;

static std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

static void print_diagnostics(const std::vector<zice::Diagnostic>& diags) {
  for (const zice::Diagnostic& d : diags) std::cerr << d.format() << "\n";
}

int main(int argc, char** argv) try {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: " << argv[0] << " RULESET.xml|RULESETS_DIR ANSWERS.json [YYYY-MM-DD]\n";
    return 2;
  }
  std::cerr << "zice " << zice::version() << " (C++ API)\n";
  zice::AssessOptions options;
  if (argc > 3) options.date = argv[3];  // empty = today (UTC)

  std::optional<zice::Ruleset> ruleset;
  std::optional<zice::Catalog> catalog;  // keeps catalog rulesets alive
  if (fs::is_directory(argv[1])) {
    zice::CatalogLoad cl = zice::Catalog::open(argv[1]);
    print_diagnostics(cl.diagnostics);
    if (!cl.catalog) return 1;
    catalog = std::move(cl.catalog);
    std::string name = fs::path(argv[2]).filename().string();
    std::string id = name.substr(0, name.find(".answers.json"));
    const zice::Ruleset* rs = catalog->in_force(id, options.date.empty() ? "2026-01-01" : options.date);
    if (!rs) {
      std::cerr << "no ruleset '" << id << "' in force\n";
      return 1;
    }
    ruleset = *rs;  // cheap: copies share the compiled model
  } else {
    zice::LoadResult lr = zice::Ruleset::load_file(argv[1]);
    print_diagnostics(lr.diagnostics);  // warnings, or the errors
    if (!lr.ruleset) return 1;
    ruleset = std::move(lr.ruleset);
  }
  std::cerr << "ruleset " << ruleset->id() << " " << ruleset->version() << ": " << ruleset->title() << "\n";

  boost::json::value answers = boost::json::parse(read_file(argv[2]));
  zice::Assessment a = zice::assess(*ruleset, answers, options);
  for (const zice::AnswerProblem& p : a.problems)
    std::cerr << (p.question.empty() ? "answers" : p.question) << ": [" << p.code << "] " << p.message << "\n";
  if (!a.ok) return 1;

  const boost::json::value& grade = a.result.at("grade");
  std::cout << "grade: " << (grade.is_null() ? "(none)" : grade.at("id").as_string().c_str()) << "\n\n";
  std::cout << zice::render_text_report(a.result);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "error: " << e.what() << "\n";
  return 1;
}
