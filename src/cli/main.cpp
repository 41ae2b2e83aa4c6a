// zice command line: dispatches to one verb per file (assess, validate, lint,
// describe, test). Every error ends up here as an exit code, never a crash.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "util/text_width.hpp"

namespace zice::cli {
namespace {

std::string general_help() {
  std::string out =
      "Usage: zice VERB [options] [arguments]\n"
      "       zice --version | --help | help VERB\n\n"
      "Compliance self-assessment for SMEs: score answers against an XML ruleset.\n\n"
      "Verbs:\n";
  for (const Verb* v : all_verbs()) out += "  " + util::pad(v->name, 10) + v->summary + "\n";
  out +=
      "\nOptions:\n"
      "  -h [ --help ]     show this help (or `zice VERB --help` for a verb)\n"
      "  -V [ --version ]  print the version\n\n"
      "Exit codes: 0 ok, 1 assessment/lint/test failures, 2 usage or input errors.\n\n"
      "Examples:\n"
      "  zice assess examples/innovation-demo.xml examples/innovation-demo.answers.json\n"
      "  zice lint rulesets/*.xml\n"
      "  zice help assess\n";
  return out;
}

// `zice help [VERB]`.
int help(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cout << general_help();
    return kOk;
  }
  const Verb* v = find_verb(args[0]);
  if (!v) throw UsageError(fmt::format("unknown verb '{}'", args[0]));
  std::cout << verb_help(*v);
  return kOk;
}

int dispatch(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << general_help();
    return kUsage;
  }
  const std::string& first = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (first == "--version" || first == "-V") {
    std::cout << "zice " << zice::version() << "\n";
    return kOk;
  }
  if (first == "--help" || first == "-h") return help({});
  if (first == "help") return help(rest);
  const Verb* verb = find_verb(first);
  if (!verb) {
    if (!first.empty() && first[0] == '-') throw UsageError(fmt::format("unknown option '{}'", first));
    throw UsageError(fmt::format("unknown verb '{}'", first));
  }
  try {
    return run_verb(*verb, rest);
  } catch (const UsageError& e) {
    print_error(e.what());
    std::cerr << fmt::format("Try 'zice {} --help'.\n", verb->name);
    return kUsage;
  }
}

}  // namespace
}  // namespace zice::cli

int main(int argc, char** argv) {
  using namespace zice::cli;
  try {
    return dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const UsageError& e) {
    print_error(e.what());
    std::cerr << "Try 'zice --help'.\n";
  } catch (const InputError& e) {
    print_error(e.what());
  } catch (const std::exception& e) {
    print_error(fmt::format("internal error: {}", e.what()));
  } catch (...) {
    print_error("internal error");
  }
  return kUsage;
}
