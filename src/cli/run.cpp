// zice run RULESET: the questionnaire as a conversation in the terminal. Walks
// the questions in order, asks only those that apply to the answers so far
// (the engine decides: not_applicable.questions of an assessment), checks
// every answer with zice::validate and asks again with the reason, saves the
// answers file atomically after every answer and resumes from it, and prints
// the text report at the end. Reads stdin line by line, so answers can also
// be piped in.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/answer_text.hpp"
#include "cli/atomic_write.hpp"
#include "cli/common.hpp"
#include "report/text_layout.hpp"

namespace zice::cli {
namespace {

namespace json = boost::json;

void add_options(po::options_description& d) {
  d.add_options()
    ("answers,a", po::value<std::string>()->value_name("FILE"),
     "file to resume from and save to (default: ./<ruleset-id>.answers.json)")
    ("lang,l", po::value<std::string>()->value_name("LANG"), "language, e.g. zh-CN or en (default: the ruleset's)")
    ("date,d", po::value<std::string>()->value_name("DATE"), "assessment date YYYY-MM-DD (default: today, UTC)")
    ("color", po::value<std::string>()->default_value("auto")->value_name("WHEN"), "colour: auto, always or never");
}

// ---------------------------------------------------------------- signals

// Every answer is saved as soon as it is given, so Ctrl-C only has to say so
// — unless it arrives while a save is under way, which then finishes first.
volatile std::sig_atomic_t g_saving = 0;
volatile std::sig_atomic_t g_interrupted = 0;
char g_interrupt_note[1024];

void on_interrupt(int) {
  if (g_saving) {
    g_interrupted = 1;
    return;
  }
  ssize_t ignored = ::write(STDOUT_FILENO, g_interrupt_note, std::strlen(g_interrupt_note));
  (void)ignored;
  ::_exit(130);
}

void install_interrupt_handler(const std::string& note) {
  std::snprintf(g_interrupt_note, sizeof g_interrupt_note, "%s", note.c_str());
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// The answers file is always either the old or the new version
// (cli/atomic_write.hpp); Ctrl-C during a save waits for it to finish.
void write_atomically(const std::string& path, const std::string& text) {
  g_saving = 1;
  try {
    write_file_atomically(path, text);
  } catch (...) {
    g_saving = 0;
    throw;
  }
  g_saving = 0;
  if (g_interrupted) on_interrupt(SIGINT);
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// ---------------------------------------------------------------- the interview

enum class Outcome { finished, quit, eof };

class Interview {
 public:
  Interview(const Ruleset& rs, AssessOptions opt, std::string path, bool tty, bool color)
      : rs_(rs), opt_(std::move(opt)), path_(std::move(path)), tty_(tty), color_(color) {
    questionnaire_ = rs_.questionnaire(opt_.lang);
    const json::value* lang = questionnaire_.get_object().if_contains("lang");
    zh_ = lang && lang->is_string() && std::string_view(lang->get_string()).rfind("zh", 0) == 0;
    questions_ = flatten_questionnaire(questionnaire_);
    for (std::size_t i = 0; i < questions_.size(); ++i) index_[questions_[i].id] = static_cast<int>(i);
  }

  const char* t(const char* zh, const char* en) const { return zh_ ? zh : en; }
  bool zh() const { return zh_; }

  /// Starts from saved answers; :back can go to any of them.
  void load(const json::object& answers) {
    answers_ = answers;
    State st = state(answers_);
    history_.clear();
    for (std::size_t i = 0; i < questions_.size(); ++i)
      if (st.applicable[i] && answered(static_cast<int>(i))) history_.push_back(static_cast<int>(i));
  }
  /// Asks the saved answers again first (Enter keeps each).
  void review() {
    redo_.assign(history_.rbegin(), history_.rend());
    history_.clear();
  }

  Outcome run();

  /// Final report of the saved answers.
  std::string report() const {
    AssessOptions o = opt_;
    o.analyse = true;
    Assessment a = assess(rs_, saved_answers(state(answers_)), o);
    return a.ok ? render_text_report(a.result, color_) : format_problems(a.problems);
  }

 private:
  struct State {
    std::vector<bool> applicable;
    std::map<std::string, std::vector<std::string>> problems;  // fatal, per question
    std::size_t applicable_count = 0;
  };

  const Ruleset& rs_;
  AssessOptions opt_;
  std::string path_;
  bool tty_, color_;
  bool zh_ = true;
  json::value questionnaire_;
  std::vector<QuestionRef> questions_;
  std::map<std::string, int> index_;
  json::object answers_;
  std::vector<int> history_;  // questions answered, most recent last (:back)
  std::vector<int> redo_;     // questions to revisit after :back, next last
  std::vector<std::string> shown_sections_;

  static bool counts_as_problem(const AnswerProblem& p) {
    return p.fatal && p.code != "missing_required" && !p.question.empty();
  }

  // Which questions apply to `answers` and which answers have problems: one
  // assessment without the what-if analyses.
  State state(const json::object& answers) const {
    AssessOptions o = opt_;
    o.analyse = false;
    Assessment a = assess(rs_, answers, o);
    State st;
    st.applicable.assign(questions_.size(), true);
    if (a.ok) {
      const json::value& na = a.result.at("not_applicable").at("questions");
      for (const json::value& q : na.get_array())
        if (auto it = index_.find(std::string(q.get_string())); it != index_.end()) st.applicable[it->second] = false;
    }
    for (const AnswerProblem& p : a.problems)
      if (counts_as_problem(p)) st.problems[p.question].push_back(p.message);
    st.applicable_count = static_cast<std::size_t>(std::count(st.applicable.begin(), st.applicable.end(), true));
    return st;
  }

  bool answered(int i) const { return answers_.contains(questions_[i].id); }

  /// First applicable question without an answer or with a bad one; -1 when done.
  int next_question(const State& st) const {
    for (std::size_t i = 0; i < questions_.size(); ++i)
      if (st.applicable[i] && (!answered(static_cast<int>(i)) || st.problems.count(questions_[i].id)))
        return static_cast<int>(i);
    return -1;
  }

  /// The saved form: answers to applicable questions in questionnaire order,
  /// then keys that are no question (kept, the report lists them).
  json::object saved_answers(const State& st) const {
    json::object out;
    for (std::size_t i = 0; i < questions_.size(); ++i)
      if (st.applicable[i])
        if (const json::value* v = answers_.if_contains(questions_[i].id)) out[questions_[i].id] = *v;
    for (const auto& kv : answers_)
      if (!index_.count(std::string(kv.key()))) out[kv.key()] = kv.value();
    return out;
  }

  void save() { write_atomically(path_, json_text(saved_answers(state(answers_)))); }

  std::string bold(std::string_view s) const { return report::paint(s, report::ansi::bold, color_); }
  std::string dim(std::string_view s) const { return report::paint(s, report::ansi::dim, color_); }
  std::string red(std::string_view s) const { return report::paint(s, report::ansi::red, color_); }

  static std::string field(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  }

  void print_help() const {
    std::cout << t("命令：\n"
                   "  :back  返回上一题\n"
                   "  :skip  跳过本题（仅限选答题）\n"
                   "  :quit  保存并退出；再次运行同一命令即可继续\n"
                   "  :help  显示本帮助\n",
                   "Commands:\n"
                   "  :back  go back to the previous question\n"
                   "  :skip  skip this question (optional questions only)\n"
                   "  :quit  save and exit; run the same command again to continue\n"
                   "  :help  show this help\n")
              << fmt::format(fmt::runtime(t("每答一题都会保存到 {}。\n", "Every answer is saved to {} at once.\n")), path_);
  }

  // Section titles (and help) when the question enters new sections.
  void show_sections(const QuestionRef& q) {
    std::vector<std::string> ids;
    for (const json::object* s : q.sections) ids.push_back(field(*s, "id"));
    std::size_t common = 0;
    while (common < ids.size() && common < shown_sections_.size() && ids[common] == shown_sections_[common]) ++common;
    for (std::size_t k = common; k < q.sections.size(); ++k) {
      std::string indent(2 * k, ' ');
      std::string title = field(*q.sections[k], "title");
      if (title.empty()) title = ids[k];
      std::cout << "\n" << indent << bold(k == 0 ? "【" + title + "】" : "▸ " + title) << "\n";
      std::string help = field(*q.sections[k], "help");
      if (!help.empty()) std::cout << indent << "  " << report::wrap(help, indent.size() + 2, indent.size() + 2) << "\n";
    }
    shown_sections_ = ids;
  }

  std::string hint(const QuestionRef& q) const {
    const json::object& o = *q.question;
    std::string unit = field(o, "unit");
    auto num = [&](const char* key) {
      const json::value* v = o.if_contains(key);
      return v && v->is_number() ? report::format_number(*v) : std::string();
    };
    std::string range;
    std::string lo = num("min"), hi = num("max");
    if (!lo.empty() && !hi.empty()) range = fmt::format("{}–{}", lo, hi);
    else if (!lo.empty()) range = "≥ " + lo;
    else if (!hi.empty()) range = "≤ " + hi;
    std::vector<std::string> keys = option_keys(q);
    std::string keyrange = keys.empty() ? "" : keys.front() + "–" + keys.back();
    std::vector<std::string> parts;
    if (q.type == "boolean") parts.push_back(t("是/否（y/n）", "yes/no (y/n)"));
    else if (q.type == "choice") parts.push_back(fmt::format(fmt::runtime(t("输入编号 {}", "enter a number {}")), keyrange));
    else if (q.type == "multi-choice") parts.push_back(fmt::format(fmt::runtime(t("多选：编号用逗号分隔，如 {},{}", "several: numbers separated by commas, e.g. {},{}")), keys.empty() ? "1" : keys.front(), keys.size() > 2 ? keys[2] : keys.empty() ? "2" : keys.back()));
    else if (q.type == "integer") parts.push_back(t("整数", "whole number"));
    else if (q.type == "number") parts.push_back(t("数字", "number"));
    else if (q.type == "date") parts.push_back(t("日期 YYYY-MM-DD", "date YYYY-MM-DD"));
    else if (q.type == "text") {
      std::string n = num("max_length");
      parts.push_back(n.empty() ? t("文本", "text") : fmt::format(fmt::runtime(t("文本，最多 {} 字", "text, at most {} characters")), n));
    }
    if (!unit.empty()) parts.push_back(fmt::format(fmt::runtime(t("单位：{}", "unit: {}")), unit));
    if (!range.empty()) parts.push_back(fmt::format(fmt::runtime(t("范围：{}", "range: {}")), range));
    if (q.type == "multi-choice") {
      std::string sel, mn = num("min_selected"), mx = num("max_selected");
      if (!mn.empty() || !mx.empty())
        parts.push_back(fmt::format(fmt::runtime(t("选 {}–{} 项", "choose {}–{}")), mn.empty() ? "0" : mn, mx.empty() ? t("不限", "any") : mx));
    }
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : t("；", "; ")) + p;
    return "[" + out + "]";
  }

  void show_question(int i, const State& st) const {
    const QuestionRef& q = questions_[i];
    const json::object& o = *q.question;
    std::size_t n = static_cast<std::size_t>(std::count(st.applicable.begin(), st.applicable.begin() + i, true)) + 1;
    std::string label = field(o, "label");
    if (label.empty()) label = q.id;
    std::string head = fmt::format("({}/{}) ", n, st.applicable_count);
    std::cout << "\n" << head << bold(label);
    if (!q.required) std::cout << dim(t("（选答，:skip 跳过）", " (optional, :skip to skip)"));
    std::cout << "\n";
    std::string help = field(o, "help");
    if (!help.empty()) std::cout << "  " << report::wrap(help, 2, 2) << "\n";
    if (const json::value* opts = o.if_contains("options"); opts && opts->is_array()) {
      std::vector<std::string> keys = option_keys(q);
      std::size_t w = 0;
      for (const std::string& k : keys) w = std::max(w, k.size());
      for (std::size_t k = 0; k < opts->get_array().size(); ++k) {
        const json::value& opt = opts->get_array()[k];
        std::string ol = field(opt.get_object(), "label");
        std::string value = field(opt.get_object(), "value");
        std::cout << "  " << std::string(w - keys[k].size(), ' ') << keys[k] << ") " << (ol.empty() ? value : ol);
        if (const json::value* ex = opt.get_object().if_contains("exclusive"); ex && ex->is_bool() && ex->get_bool())
          std::cout << dim(t("（不能与其他选项同选）", " (cannot be combined)"));
        std::cout << "\n";
      }
    }
    std::cout << "  " << dim(hint(q)) << "\n";
    if (const json::value* cur = answers_.if_contains(q.id)) {
      std::string shown = cur->is_null() ? std::string(t("（已跳过）", "(skipped)")) : answer_display(q, *cur, zh_);
      std::cout << "  " << fmt::format(fmt::runtime(t("当前答案：{}（直接回车保留）", "Current answer: {} (press Enter to keep)")), shown)
                << "\n";
    }
  }

  /// Reads one line after the prompt; false at end of input.
  bool read_line(std::string& line) const {
    std::cout << "> " << std::flush;
    if (!std::getline(std::cin, line)) {
      std::cout << "\n";
      return false;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!tty_) std::cout << line << "\n";  // a transcript that reads like the session
    return true;
  }

  void say_problem(std::string_view message) const { std::cout << "  " << red("✗ " + std::string(message)) << "\n"; }
};

Outcome Interview::run() {
  int forced = -1;  // a question chosen by :back
  for (;;) {
    State st = state(answers_);
    int i = -1;
    if (forced >= 0) {
      i = forced;
      forced = -1;
    } else {
      while (!redo_.empty() && i < 0) {
        int r = redo_.back();
        redo_.pop_back();
        if (st.applicable[r]) i = r;
      }
      if (i < 0) i = next_question(st);
    }
    if (i < 0) return Outcome::finished;
    const QuestionRef& q = questions_[i];
    show_sections(q);
    show_question(i, st);
    if (auto p = st.problems.find(q.id); p != st.problems.end() && answered(i))
      for (const std::string& m : p->second) say_problem(m);

    for (bool done = false; !done;) {
      std::string line;
      if (!read_line(line)) return Outcome::eof;
      std::string text = trim(line);
      if (text == ":quit" || text == ":q") return Outcome::quit;
      if (text == ":help" || text == ":h" || text == "?") {
        print_help();
        continue;
      }
      if (text == ":back" || text == ":b") {
        while (!history_.empty() && !st.applicable[history_.back()]) history_.pop_back();
        if (history_.empty()) {
          std::cout << "  " << t("已经是第一题。", "This is the first question.") << "\n";
          continue;
        }
        redo_.push_back(i);
        forced = history_.back();
        history_.pop_back();
        break;
      }
      json::value value;
      if (text == ":skip" || text == ":s" || (text.empty() && !answers_.contains(q.id) && !q.required)) {
        if (q.required) {
          std::cout << "  " << t("此题必答，不能跳过。", "This question is required and cannot be skipped.") << "\n";
          continue;
        }
        value = nullptr;
      } else if (text.empty() && answers_.contains(q.id)) {
        if (st.problems.count(q.id)) {
          say_problem(t("当前答案有误，请重新回答。", "The current answer has a problem; please answer again."));
          continue;
        }
        history_.push_back(i);
        break;  // keep the current answer
      } else if (text.empty()) {
        std::cout << "  " << t("此题必答，请输入答案（:help 查看命令）。", "This question is required; please answer (:help for commands).")
                  << "\n";
        continue;
      } else if (text[0] == ':') {
        std::cout << "  " << fmt::format(fmt::runtime(t("未知命令 {}（:help 查看命令）", "unknown command {} (:help lists them)")), text) << "\n";
        continue;
      } else {
        std::string error;
        auto parsed = parse_answer_text(q, text, AnswerSyntax::prompt, zh_, error);
        if (!parsed) {
          say_problem(error);
          continue;
        }
        value = std::move(*parsed);
        json::object candidate = answers_;
        candidate[q.id] = value;
        std::vector<std::string> reasons;
        for (const AnswerProblem& p : validate(rs_, candidate, opt_))
          if (p.question == q.id && counts_as_problem(p)) reasons.push_back(p.message);
        if (!reasons.empty()) {
          for (const std::string& r : reasons) say_problem(r);
          continue;
        }
      }
      answers_[q.id] = std::move(value);
      save();
      history_.push_back(i);
      done = true;
    }
  }
}

int run(const po::variables_map& vm) {
  AssessOptions opt;
  if (vm.count("lang")) opt.lang = vm["lang"].as<std::string>();
  if (vm.count("date")) {
    opt.date = vm["date"].as<std::string>();
    require_iso_date("date", opt.date);
  }
  std::string color_mode = vm["color"].as<std::string>();
  require_one_of("color", color_mode, {"auto", "always", "never"});
  std::optional<Ruleset> rs = load_ruleset(vm["ruleset"].as<std::string>(), input_limits(vm).ruleset);
  if (!rs) return kUsage;
  std::string path = vm.count("answers") ? vm["answers"].as<std::string>() : rs->id() + ".answers.json";
  if (path == "-") throw UsageError("--answers must name a file (stdin carries the typed answers)");

  bool tty = ::isatty(STDIN_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  bool color = color_mode == "always" || (color_mode == "auto" && tty && stdout_is_terminal() && !(no_color && *no_color));
  Interview iv(*rs, opt, path, tty, color);
  auto t = [&](const char* zh, const char* en) { return iv.t(zh, en); };

  std::cout << iv.t("【", "") << rs->title(opt.lang) << iv.t("】", "") << "  " << rs->id() << " " << rs->version() << "\n";
  bool resumed = file_exists(path);
  std::size_t loaded = 0;
  if (resumed) {
    json::value answers = read_answers(path, input_limits(vm).answers);
    loaded = answers.get_object().size();
    iv.load(answers.get_object());
    std::cout << fmt::format(fmt::runtime(t("继续上次的作答：已从 {0} 读取 {1} 个答案。\n", "Resuming: {1} answers read from {0}.\n")),
                             path, loaded);
  } else {
    std::cout << fmt::format(fmt::runtime(t("答案将保存到 {}（每答一题保存一次）。\n", "Answers are saved to {} after every question.\n")),
                             path);
  }
  std::cout << t("输入 :help 查看命令（:back 上一题，:quit 保存退出）。\n",
                 "Type :help for commands (:back previous question, :quit save and exit).\n");
  install_interrupt_handler(fmt::format(fmt::runtime(t("\n已中断。答案已保存到 {}；再次运行同一命令即可继续。\n",
                                          "\nInterrupted. The answers are saved in {}; run the same command again to continue.\n")),
                                        path));
  if (resumed && loaded > 0) {
    std::cout << t("先复查已有答案吗？[y/N] ", "Review the saved answers first? [y/N] ") << std::flush;
    std::string line;
    if (!std::getline(std::cin, line)) {
      std::cout << "\n" << t("输入结束，未作更改。\n", "End of input; nothing changed.\n");
      return kOk;
    }
    if (!tty) std::cout << line << "\n";
    std::string error;
    QuestionRef yesno;
    yesno.type = "boolean";
    auto yes = parse_answer_text(yesno, line, AnswerSyntax::prompt, iv.zh(), error);
    if (yes && yes->is_bool() && yes->get_bool()) iv.review();
  }
  Outcome o = iv.run();
  if (o == Outcome::quit) {
    std::cout << fmt::format(fmt::runtime(t("已保存到 {}；再次运行同一命令即可继续。\n", "Saved to {}; run the same command again to continue.\n")),
                             path);
    return kOk;
  }
  if (o == Outcome::eof) {
    std::cout << fmt::format(fmt::runtime(t("输入结束：答案已保存到 {}；再次运行同一命令即可继续。\n",
                               "End of input: the answers are saved in {}; run the same command again to continue.\n")),
                             path);
    return kOk;
  }
  std::cout << "\n" << fmt::format(fmt::runtime(t("全部问题已回答，答案已保存到 {}。\n\n", "All questions answered; the answers are saved in {}.\n\n")), path);
  std::cout << iv.report();
  return kOk;
}

}  // namespace

const Verb& run_questionnaire_verb() {
  static const Verb v{
      "run",
      "fill in a ruleset's questionnaire interactively in the terminal",
      "zice run RULESET [options]",
      "Asks the questions of RULESET one by one, in order, skipping those that do not\n"
      "apply to the answers so far; shows section titles, help, units and numbered\n"
      "options (choice: a number or the value; several choices: numbers separated by\n"
      "commas; yes/no: y/n or 是/否). A wrong answer is asked again with the reason.\n"
      "Commands at the prompt: :back (previous question), :skip (optional questions),\n"
      ":quit (save and exit), :help. The answers file is saved atomically after every\n"
      "answer, so Ctrl-C loses nothing; running the command again resumes (only\n"
      "unanswered questions are asked; the saved answers can be reviewed first). At\n"
      "the end the text report is printed. Standard input may be a pipe: one answer\n"
      "per line; end of input saves and exits 0.",
      "zice run examples/innovation-demo.xml\n"
      "zice run rulesets/sme-size-2011.xml --answers acme.json --date 2026-06-30\n"
      "printf 'y\\n2016-05-18\\n' | zice run examples/innovation-demo.xml --answers demo.json",
      "",
      {{"ruleset"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
