#include "cli/common.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/atomic_write.hpp"
#include "util/source_map.hpp"

namespace zice::cli {
namespace json = boost::json;

std::vector<const Verb*> all_verbs() {
  return {&assess_verb(), &explain_verb(), &run_questionnaire_verb(), &batch_verb(), &validate_verb(),
          &lint_verb(), &describe_verb(), &test_verb(), &stats_verb(), &diff_verb(), &doc_verb()};
}

const Verb* find_verb(std::string_view name) {
  for (const Verb* v : all_verbs())
    if (name == v->name) return v;
  return nullptr;
}

// ---------------------------------------------------------------- options

namespace {

po::options_description visible_options(const Verb& verb) {
  po::options_description desc("Options", 100, 50);
  verb.add_options(desc);
  desc.add_options()("limit", po::value<std::vector<std::string>>()->composing()->value_name("NAME=N"),
                     "change a resource limit (repeatable; names and defaults in docs/security.md)");
  desc.add_options()("help,h", "show this help");
  return desc;
}

std::string indent_lines(std::string_view text, std::string_view indent) {
  std::string out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) out += std::string(indent) + line + "\n";
  return out;
}

// The positional names become hidden options so that program_options can
// place them; `many` collects the rest.
void add_positionals(const Verb& verb, po::options_description& hidden, po::positional_options_description& pos) {
  for (const Positional& p : verb.positionals) {
    if (p.many) {
      hidden.add_options()(p.name, po::value<std::vector<std::string>>());
      pos.add(p.name, -1);
    } else {
      hidden.add_options()(p.name, po::value<std::string>());
      pos.add(p.name, 1);
    }
  }
}

void check_positionals(const Verb& verb, const po::variables_map& vm) {
  for (const Positional& p : verb.positionals)
    if (!vm.count(p.name)) throw UsageError(fmt::format("missing argument {}", p.name));
}

}  // namespace

std::string verb_help(const Verb& verb) {
  std::ostringstream out;
  out << "Usage: " << verb.usage << "\n\n" << verb.summary << "\n";
  if (*verb.description) out << "\n" << verb.description << "\n";
  out << "\n" << visible_options(verb);
  if (*verb.examples) out << "\nExamples:\n" << indent_lines(verb.examples, "  ");
  out << "\nExit codes: 0 ok, " << (*verb.failure ? "1 " + std::string(verb.failure) + ", " : "")
      << "2 usage or input errors (see docs/cli.md).\n";
  return out.str();
}

int run_verb(const Verb& verb, const std::vector<std::string>& args) {
  po::options_description visible = visible_options(verb);
  po::options_description hidden;
  po::positional_options_description pos;
  add_positionals(verb, hidden, pos);
  po::options_description all;
  all.add(visible).add(hidden);
  po::variables_map vm;
  try {
    // Long options only in full ("--form" is not "--format") so that scripts
    // keep working when options are added; "-" stays a positional (stdin).
    auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(args).options(all).positional(pos).style(style).run(), vm);
    if (vm.count("help")) {
      std::cout << verb_help(verb);
      return kOk;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  input_limits(vm);  // a bad --limit is a usage error before any work
  check_positionals(verb, vm);
  return verb.run(vm);
}

void require_one_of(const std::string& option, const std::string& value, std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (value == a) return;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  throw UsageError(fmt::format("invalid value '{}' for --{} (expected one of: {})", value, option, list));
}

void require_iso_date(const std::string& option, const std::string& value) {
  bool shape = value.size() == 10 && value[4] == '-' && value[7] == '-';
  for (std::size_t i = 0; shape && i < value.size(); ++i)
    if (i != 4 && i != 7 && (value[i] < '0' || value[i] > '9')) shape = false;
  int month = shape ? std::stoi(value.substr(5, 2)) : 0;
  int day = shape ? std::stoi(value.substr(8, 2)) : 0;
  if (!shape || month < 1 || month > 12 || day < 1 || day > 31)
    throw UsageError(fmt::format("invalid value '{}' for --{} (expected YYYY-MM-DD)", value, option));
}

// ---------------------------------------------------------------- messages

void print_error(std::string_view message) { std::cerr << "zice: error: " << message << "\n"; }
void print_warning(std::string_view message) { std::cerr << "zice: warning: " << message << "\n"; }

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

std::string json_text(const json::value& v) {
  std::string text = to_json_text(v);
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

// ---------------------------------------------------------------- input / output

std::string read_input(const std::string& path) {
  if (path == "-") {
    std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    if (std::cin.bad()) throw InputError("cannot read standard input");
    return text;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw InputError(fmt::format("cannot read {}", path));
  return text;
}

InputLimits input_limits(const po::variables_map& vm) {
  InputLimits limits;
  if (!vm.count("limit")) return limits;
  for (const std::string& item : vm["limit"].as<std::vector<std::string>>()) {
    std::size_t eq = item.find('=');
    if (eq == std::string::npos) throw UsageError(fmt::format("invalid --limit '{}' (expected NAME=N)", item));
    if (auto err = set_limit(limits.ruleset, limits.answers, item.substr(0, eq), item.substr(eq + 1)))
      throw UsageError(*err);
  }
  return limits;
}

void write_output(const std::string& path, std::string_view text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw InputError("cannot write to standard output");
    return;
  }
  write_file_atomically(path, text);
}

json::value parse_json(std::string_view text, const std::string& name) {
  // A UTF-8 byte order mark is common in files saved by Windows editors.
  std::size_t skip = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t used = parser.write(text.data() + skip, text.size() - skip, ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    util::SourceMap::Position pos = util::SourceMap(text).position(used + skip);
    throw InputError(fmt::format("{}:{}:{}: invalid JSON: {}", name, pos.line, pos.column, ec.message()));
  }
  return parser.release();
}

json::value read_answers(const std::string& path, const AnswerLimits& limits) {
  std::string name = path == "-" ? "<stdin>" : path;
  // Read at most one byte past the size limit: a huge file is rejected
  // without being read, let alone parsed.
  std::string text;
  {
    std::error_code ec;
    if (path != "-" && std::filesystem::is_directory(path, ec))
      throw InputError(fmt::format("cannot read {}: it is a directory", path));
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
      file.open(path, std::ios::binary);
      if (!file) throw InputError(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
      in = &file;
    }
    char buf[65536];
    while (*in && text.size() <= limits.max_bytes) {
      in->read(buf, sizeof buf);
      text.append(buf, static_cast<std::size_t>(in->gcount()));
    }
    if (in->bad()) throw InputError(fmt::format("cannot read {}", name));
  }
  AnswersParse p = parse_answers(text, limits);
  if (!p) {
    if (p.line > 0) throw InputError(fmt::format("{}:{}:{}: {}", name, p.line, p.column, p.error));
    throw InputError(fmt::format("{}: {}", name, p.error));
  }
  return std::move(p.value);
}

std::optional<Ruleset> load_ruleset(const std::string& path, const RulesetLimits& limits) {
  // Checked first so that a missing file reads like any other I/O error.
  std::ifstream probe(path, std::ios::binary);
  if (!probe) throw InputError(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(fmt::format("cannot read {}: it is a directory", path));
  LoadResult r = Ruleset::load_file(path, limits);
  if (r.ruleset) return std::move(r.ruleset);
  for (const Diagnostic& d : r.diagnostics) std::cerr << d.format() << "\n";
  print_error(fmt::format("cannot load ruleset {}", path));
  return std::nullopt;
}

// ---------------------------------------------------------------- problems

std::string format_problems(const std::vector<AnswerProblem>& problems) {
  std::string out;
  for (const AnswerProblem& p : problems) {
    out += fmt::format("{}: [{}] {}", p.question.empty() ? "(answers)" : p.question, p.code, p.message);
    out += p.fatal ? "\n" : " (note)\n";
  }
  return out;
}

bool has_fatal(const std::vector<AnswerProblem>& problems) {
  return std::any_of(problems.begin(), problems.end(), [](const AnswerProblem& p) { return p.fatal; });
}

json::value problems_json(const std::vector<AnswerProblem>& problems) {
  json::array out;
  for (const AnswerProblem& p : problems)
    out.push_back(json::object{{"question", p.question}, {"code", p.code}, {"message", p.message}, {"fatal", p.fatal}});
  return out;
}

}  // namespace zice::cli
