// Shared plumbing of the zice CLI: verb table, option parsing, reading files
// or stdin, parsing JSON with positions, and loading rulesets with their
// diagnostics on stderr.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/program_options.hpp>

#include "zice/zice.hpp"

namespace zice::cli {
namespace po = boost::program_options;

/// Process exit codes (docs/cli.md).
enum Exit : int {
  kOk = 0,
  kFailed = 1,  ///< the assessment, lint or test found problems
  kUsage = 2,   ///< bad command line, unreadable input, unusable ruleset
};

/// A bad command line: reported with a pointer to the verb's help; exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// Unreadable or malformed input (file, stdin, JSON); exit 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A positional argument; `many` takes all remaining ones (one or more).
struct Positional {
  const char* name;
  bool many = false;
};

/// One CLI verb: its help texts, options and implementation.
struct Verb {
  const char* name;
  const char* summary;      ///< one line for `zice --help`
  const char* usage;        ///< "zice assess RULESET ANSWERS [options]"
  const char* description;  ///< paragraph(s) under the usage line
  const char* examples;     ///< ready-to-run command lines, one per line
  const char* failure;      ///< what exit code 1 means for this verb
  std::vector<Positional> positionals;
  void (*add_options)(po::options_description&);
  int (*run)(const po::variables_map&);
};

const Verb& assess_verb();
const Verb& validate_verb();
const Verb& lint_verb();
const Verb& describe_verb();
const Verb& test_verb();
const Verb& stats_verb();
const Verb& doc_verb();
const Verb& explain_verb();
const Verb& run_questionnaire_verb();  ///< `zice run`
const Verb& batch_verb();
const Verb& diff_verb();
/// All verbs in the order `zice --help` lists them.
std::vector<const Verb*> all_verbs();
const Verb* find_verb(std::string_view name);

/// Full help of a verb: usage, description, options, examples.
std::string verb_help(const Verb&);
/// Parses `args` (after the verb name) and runs the verb; --help prints help.
int run_verb(const Verb&, const std::vector<std::string>& args);

/// "zice: error: …" on stderr.
void print_error(std::string_view message);
void print_warning(std::string_view message);

/// Resource limits of one run: the defaults changed by --limit (docs/security.md).
struct InputLimits {
  RulesetLimits ruleset;
  AnswerLimits answers;
};
/// The limits a verb reads rulesets and answers with: the defaults with the
/// verb's --limit options applied. Throws UsageError for a bad --limit.
InputLimits input_limits(const po::variables_map&);

/// Whole file, or stdin for "-". Throws InputError.
std::string read_input(const std::string& path);
/// Writes `text` to `path` atomically (cli/atomic_write.hpp), or to stdout
/// when `path` is empty or "-". Throws InputError.
void write_output(const std::string& path, std::string_view text);
/// Parses JSON; errors become InputError "name:line:col: invalid JSON: …".
boost::json::value parse_json(std::string_view text, const std::string& name);
/// Reads and parses an answers document, which must be a JSON object.
boost::json::value read_answers(const std::string& path, const AnswerLimits&);

/// Loads a ruleset; on failure prints every diagnostic to stderr and returns
/// nullopt. Warnings of a usable ruleset are left to `zice lint`.
std::optional<Ruleset> load_ruleset(const std::string& path, const RulesetLimits&);

/// Rejects an option value outside `allowed` with a UsageError.
void require_one_of(const std::string& option, const std::string& value, std::initializer_list<const char*> allowed);
/// Rejects a date that is not YYYY-MM-DD with a UsageError.
void require_iso_date(const std::string& option, const std::string& value);

/// Prints answer problems as "question: [code] message" lines.
std::string format_problems(const std::vector<AnswerProblem>&);
bool has_fatal(const std::vector<AnswerProblem>&);
/// Answer problems as a JSON array (question, code, message, fatal).
boost::json::value problems_json(const std::vector<AnswerProblem>&);

bool stdout_is_terminal();

/// Pretty JSON text ending in exactly one newline.
std::string json_text(const boost::json::value&);

}  // namespace zice::cli
