// zice batch RULESET INPUT: assesses many enterprises at once. INPUT is JSON
// Lines (one answers object per line) or CSV (a header row of question ids);
// the output is one result per record, in input order, as JSON Lines or CSV.
//
// Streaming: the reader hands records in chunks to --jobs worker threads
// through a bounded window, and the results are written in input order (by
// whichever worker holds the next chunk), so memory stays flat however long
// the input is. Ruleset is immutable and shared.
#include <sys/stat.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/answer_text.hpp"
#include "cli/atomic_write.hpp"
#include "cli/common.hpp"
#include "report/text_layout.hpp"
#include "ruleset/model.hpp"
#include "util/text_width.hpp"

namespace zice::cli {
namespace {

namespace json = boost::json;

void add_options(po::options_description& d) {
  d.add_options()
    ("output,o", po::value<std::string>()->value_name("FILE"), "write the results to FILE instead of stdout")
    ("format,f", po::value<std::string>()->value_name("FORMAT"),
     "output format: jsonl or csv (default: csv for an --output *.csv)")
    ("input-format", po::value<std::string>()->value_name("FORMAT"),
     "input format: jsonl or csv (default: csv for an INPUT *.csv)")
    ("jobs,j", po::value<int>()->value_name("N"), "worker threads (default: the number of CPUs)")
    ("lang,l", po::value<std::string>()->value_name("LANG"), "result language, e.g. zh-CN or en (default: the ruleset's)")
    ("date,d", po::value<std::string>()->value_name("DATE"), "assessment date YYYY-MM-DD (default: today, UTC)")
    ("strict", "a record with any fatal answer problem fails (reported, no result)")
    ("analysis", "add the improvement plan and partial-answer analysis (slower)");
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// ---------------------------------------------------------------- CSV

std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Whether `text` ends inside a quoted field (a record that continues on the next line).
bool open_quote(std::string_view text) {
  bool in = false;
  for (char c : text)
    if (c == '"') in = !in;
  return in;
}

// RFC 4180 fields of one record (quoted fields may hold commas, quotes, newlines).
std::vector<std::string> csv_fields(std::string_view rec) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < rec.size(); ++i) {
    char c = rec[i];
    if (quoted) {
      if (c == '"' && i + 1 < rec.size() && rec[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"' && (cur.empty() || trim(cur).empty()) && !was_quoted) {
      cur.clear();
      quoted = was_quoted = true;
    } else if (c == ',') {
      out.push_back(was_quoted ? cur : trim(cur));
      cur.clear();
      was_quoted = false;
    } else {
      cur += c;
    }
  }
  out.push_back(was_quoted ? cur : trim(cur));
  return out;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    if (util::next_code_point(s, i) == 0xFFFD && s.substr(start, 3) != "\xEF\xBF\xBD") return false;
  }
  return true;
}

// ---------------------------------------------------------------- records

struct Record {
  std::size_t line = 0;
  std::string text;                 // JSONL
  std::vector<std::string> fields;  // CSV
};

struct Outcome {
  bool ok = false;
  std::string output;  // one JSONL line or CSV row, with its newline
  std::string error;   // for a failed record
  std::string grade;   // "" = no grade
  std::vector<std::optional<double>> dims;
  std::optional<double> total;
};

struct Column {
  enum Kind { kIgnored, kId, kQuestion } kind = kIgnored;
  const QuestionRef* question = nullptr;
};

double number_of(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double()) return v.get_double();
  return 0;
}

std::string text_of(const json::value& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_bool()) return v.get_bool() ? "true" : "false";
  if (v.is_number()) return report::format_number(v);
  return to_json_text(v, false);
}

class Batch {
 public:
  Batch(const Ruleset& rs, AssessOptions opt, const AnswerLimits& limits, std::string input_name, bool csv_in,
        bool csv_out)
      : rs_(rs),
        m_(rs.model()),
        opt_(std::move(opt)),
        limits_(limits),
        name_(std::move(input_name)),
        csv_in_(csv_in),
        csv_out_(csv_out) {
    questionnaire_ = rs_.questionnaire(opt_.lang);
    questions_ = flatten_questionnaire(questionnaire_);
    for (const QuestionRef& q : questions_) question_ids_[q.id] = &q;
    std::string lang = opt_.lang.empty() ? rs_.default_lang() : opt_.lang;
    zh_ = lang.rfind("zh", 0) == 0;
  }

  const std::vector<Column>& columns() const { return columns_; }

  /// The CSV header: which columns are questions, which is the id.
  void set_header(const std::vector<std::string>& cells, std::size_t line) {
    columns_.clear();
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::string name = cells[i];
      if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name = name.substr(3);
      Column c;
      if ((name == "id" || name == "_id") && !question_ids_.count(name)) {
        c.kind = Column::kId;
      } else if (auto it = question_ids_.find(name); it != question_ids_.end()) {
        c.kind = Column::kQuestion;
        c.question = it->second;
      } else {
        print_warning(fmt::format("{}:{}: column '{}' is not a question of {}; ignored", name_, line,
                                  name.empty() ? std::to_string(i + 1) : name, rs_.id()));
      }
      if (!name.empty() && seen[name]++)
        print_warning(fmt::format("{}:{}: column '{}' appears twice; the last one wins", name_, line, name));
      columns_.push_back(c);
    }
  }

  std::string csv_header() const {
    std::string h = "id,line,grade,total,percent";
    for (const detail::Dimension& d : m_.dimensions) {
      h += ',';
      h += csv_cell(fmt::format("score.{}", d.id));
    }
    h += ",failed_gates,critical,high,medium,low,info,complete,problems\n";
    return h;
  }

  Outcome process(const Record& r) const {
    Outcome out;
    json::value id;
    // The record's answers live in a few KiB on this stack (more from the
    // heap only for a large record) and are dropped at once, without a walk.
    unsigned char arena_buffer[8192];
    json::monotonic_resource arena(arena_buffer, sizeof arena_buffer);
    json::storage_ptr storage(&arena);
    json::value answers(storage);
    auto fail = [&](const std::string& msg) {
      std::string who = id.is_null() ? "" : fmt::format(" (id {})", text_of(id));
      out.error = fmt::format("{}:{}{}: {}", name_, r.line, who, msg);
      return out;
    };
    if (csv_in_) {
      if (r.fields.size() != columns_.size())
        return fail(fmt::format("expected {} fields as in the header, got {}", columns_.size(), r.fields.size()));
      json::object o(storage);
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        const Column& c = columns_[i];
        const std::string& cell = r.fields[i];
        if (c.kind == Column::kId) id = json::string(cell);
        if (c.kind != Column::kQuestion || cell.empty()) continue;
        std::string error;
        auto v = parse_answer_text(*c.question, cell, AnswerSyntax::csv, zh_, error);
        // Text that does not fit the type goes to the engine as it is, which
        // reports it like any other wrong answer (wrong_type).
        o[c.question->id] = v ? std::move(*v) : json::value(json::string(cell));
      }
      answers = std::move(o);
    } else {
      std::string_view text = r.text;
      if (r.line == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
      AnswersParse parsed = parse_answers(text, limits_, storage);
      if (!parsed) {
        if (parsed.code == "not_object") return fail("answers must be a JSON object keyed by question id");
        if (parsed.line > 0)
          out.error = fmt::format("{}:{}:{}: {}", name_, r.line, parsed.column, parsed.error);
        else
          out.error = fmt::format("{}:{}: {}", name_, r.line, parsed.error);
        return out;
      }
      answers = std::move(parsed.value);
      json::object& o = answers.get_object();
      // if_contains, not operator[]: operator[] reserves room for an insert
      // first, which regrows (and rehashes) an object the parser made full.
      for (const char* key : {"id", "_id"})
        if (const json::value* v = o.if_contains(key); v && !question_ids_.count(key)) {
          if (id.is_null()) id = *v;
          o.erase(key);
        }
    }

    // Written straight to text (JSON Lines) or not at all (CSV): no result tree.
    AssessmentText a = assess_to_json(rs_, answers, opt_, csv_out_ ? ResultText::none : ResultText::compact);
    if (!a.ok) {
      std::string problems;
      for (const AnswerProblem& p : a.problems)
        if (p.fatal)
          problems += fmt::format("{}{}: [{}] {}", problems.empty() ? "" : "; ", p.question.empty() ? "(answers)" : p.question,
                                  p.code, p.message);
      return fail((opt_.strict ? "answer problems (strict): " : "unusable answers: ") + problems);
    }
    const AssessmentSummary& sum = a.summary;
    out.ok = true;
    out.grade = sum.grade;
    if (sum.total.is_number()) out.total = number_of(sum.total);
    out.dims.resize(m_.dimensions.size());
    for (std::size_t i = 0; i < sum.dimensions.size() && i < out.dims.size(); ++i)
      if (sum.dimensions[i].is_number()) out.dims[i] = number_of(sum.dimensions[i]);

    if (!csv_out_) {
      // {"id": …, "line": …, then the result's own fields}.
      out.output = fmt::format("{{\"id\":{},\"line\":{},", to_json_text(id, false), r.line);
      out.output.append(a.json, 1, std::string::npos);
      out.output += '\n';
      return out;
    }
    // Appended in place: no temporary string per cell.
    std::string row = csv_cell(text_of(id));
    row += ',';
    row += std::to_string(r.line);
    row += ',';
    row += csv_cell(out.grade);
    row += ',';
    row += text_of(sum.total);
    row += ',';
    row += text_of(sum.percent);
    for (const std::optional<double>& d : out.dims) {
      row += ',';
      if (d) row += report::format_number(json::value(*d));
    }
    std::string failed;
    for (const std::string& g : sum.failed_gates) {
      if (!failed.empty()) failed += ';';
      failed += g;
    }
    row += ',';
    row += csv_cell(failed);
    for (int n : sum.findings) {
      row += ',';
      row += std::to_string(n);
    }
    row += sum.complete ? ",true," : ",false,";
    row += std::to_string(sum.problems);
    row += '\n';
    out.output = std::move(row);
    return out;
  }

  /// Summary lines for stderr.
  std::string summary() const {
    std::string s = fmt::format("zice batch: {} record{}: {} ok, {} failed\n", ok_ + failed_, ok_ + failed_ == 1 ? "" : "s",
                                ok_, failed_);
    if (ok_ == 0) return s;
    if (!m_.grades.empty()) {
      std::string g;
      for (const detail::Grade& gr : m_.grades) {
        auto it = grades_.find(gr.id);
        g += fmt::format("{}{} {}", g.empty() ? "" : ", ", gr.id, it == grades_.end() ? 0 : it->second);
      }
      if (auto it = grades_.find(""); it != grades_.end()) g += fmt::format(", (none) {}", it->second);
      s += "  grades: " + g + "\n";
    }
    if (total_n_ > 0) {
      std::string d = fmt::format("total {}", mean(total_sum_, total_n_));
      for (std::size_t i = 0; i < m_.dimensions.size(); ++i)
        if (dim_n_[i] > 0) d += fmt::format(", {} {}", m_.dimensions[i].id, mean(dim_sum_[i], dim_n_[i]));
      s += "  mean score: " + d + "\n";
    }
    return s;
  }

  void count(const Outcome& o) {
    if (!o.ok) {
      ++failed_;
      return;
    }
    ++ok_;
    ++grades_[o.grade];
    if (o.total) total_sum_ += *o.total, ++total_n_;
    dim_sum_.resize(o.dims.size());
    dim_n_.resize(o.dims.size());
    for (std::size_t i = 0; i < o.dims.size(); ++i)
      if (o.dims[i]) dim_sum_[i] += *o.dims[i], ++dim_n_[i];
  }

  std::size_t failed() const { return failed_; }
  std::size_t done() const { return ok_ + failed_; }

 private:
  const Ruleset& rs_;
  const detail::Model& m_;
  AssessOptions opt_;
  AnswerLimits limits_;
  std::string name_;
  bool csv_in_, csv_out_;
  bool zh_ = true;
  json::value questionnaire_;
  std::vector<QuestionRef> questions_;
  std::map<std::string, const QuestionRef*> question_ids_;
  std::vector<Column> columns_;
  // Summary (updated by the one thread writing output at a time).
  std::size_t ok_ = 0, failed_ = 0;
  std::map<std::string, std::size_t> grades_;
  double total_sum_ = 0;
  std::size_t total_n_ = 0;
  std::vector<double> dim_sum_;
  std::vector<std::size_t> dim_n_;

  static std::string mean(double sum, std::size_t n) {
    double m = sum / static_cast<double>(n);
    return fmt::format("{:.2f}", m);
  }
};

// ---------------------------------------------------------------- the pipeline

/// Reader → bounded window → workers, which also write the results in input
/// order: the worker that finishes the next record to be written writes it
/// and every later one already done, while the others go on assessing (no
/// writer thread to wake per record). At most `window` records are in flight
/// (queued, being assessed, or waiting for an earlier one to be written), so
/// memory does not grow with the input.
class Pipeline {
 public:
  Pipeline(Batch& batch, std::ostream& out, int jobs, bool progress, std::uintmax_t input_size)
      : batch_(batch), out_(out), jobs_(jobs), window_(static_cast<std::size_t>(jobs) + 2),
        progress_(progress), input_size_(input_size) {
    pending_.reserve(kChunk);
  }

  void start() {
    for (int i = 0; i < jobs_; ++i) workers_.emplace_back([this] { work(); });
  }

  /// Queues a record (called by the reader only). Records travel in chunks
  /// of up to kChunk: one lock, one wake-up and one ordered hand-over per
  /// chunk instead of per record (with a futex call per record, two workers
  /// spent a third of their time in the kernel). A chunk leaves early when a
  /// worker is idle, so a slow stream on stdin is not held back.
  void push(Record r, std::size_t bytes_read) {
    pending_.push_back(std::move(r));
    pending_bytes_ = bytes_read;
    if (pending_.size() >= kChunk || idle_.load(std::memory_order_relaxed) > 0) send_pending();
  }

  void finish() {
    send_pending();
    {
      std::lock_guard lock(mu_);
      eof_ = true;
    }
    work_.notify_all();
    for (std::thread& t : workers_) t.join();
    if (progress_) std::cerr << "\r\x1b[K" << std::flush;
    if (write_failed_) throw InputError("cannot write the results");
  }

 private:
  static constexpr std::size_t kChunk = 16;
  struct Chunk {
    std::size_t seq = 0;
    std::vector<Record> records;
  };

  Batch& batch_;
  std::ostream& out_;
  int jobs_;
  std::size_t window_;  // chunks issued and not yet written, at most
  bool progress_;
  std::uintmax_t input_size_;
  std::vector<Record> pending_;  // the reader's chunk being filled
  std::size_t pending_bytes_ = 0;
  std::atomic<int> idle_{0};     // workers waiting for a chunk
  std::mutex mu_;
  std::condition_variable work_, space_;
  std::deque<Chunk> queue_;
  std::map<std::size_t, std::vector<Outcome>> done_;
  std::size_t issued_ = 0, written_ = 0, bytes_read_ = 0;
  bool eof_ = false, write_failed_ = false;
  bool writing_ = false;  // a worker is writing results (one at a time, in order)
  std::vector<std::thread> workers_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now(), last_draw_ = started_;

  void send_pending() {
    if (pending_.empty()) return;
    std::unique_lock lock(mu_);
    // A full window is refilled only once half of it has been written: the
    // reader then sleeps once per window/2 chunks instead of once per chunk.
    if (issued_ - written_ >= window_) space_.wait(lock, [&] { return issued_ - written_ <= window_ / 2; });
    queue_.push_back({issued_++, std::move(pending_)});
    bytes_read_ = pending_bytes_;
    lock.unlock();
    work_.notify_one();
    pending_.clear();  // valid but unspecified after the move: make it empty
    pending_.reserve(kChunk);
  }

  void work() {
    for (;;) {
      Chunk c;
      {
        std::unique_lock lock(mu_);
        if (queue_.empty() && !eof_) {
          idle_.fetch_add(1, std::memory_order_relaxed);
          work_.wait(lock, [&] { return !queue_.empty() || eof_; });
          idle_.fetch_sub(1, std::memory_order_relaxed);
        }
        if (queue_.empty()) return;
        c = std::move(queue_.front());
        queue_.pop_front();
      }
      std::vector<Outcome> outcomes;
      outcomes.reserve(c.records.size());
      for (const Record& r : c.records) outcomes.push_back(batch_.process(r));
      std::unique_lock lock(mu_);
      done_.emplace(c.seq, std::move(outcomes));
      if (writing_) continue;  // the worker writing now will also write this one, in its turn
      writing_ = true;
      for (auto it = done_.find(written_); it != done_.end(); it = done_.find(written_)) {
        std::vector<Outcome> next = std::move(it->second);
        done_.erase(it);
        lock.unlock();
        for (const Outcome& o : next) emit(o);
        lock.lock();
        ++written_;
        if (issued_ - written_ == window_ / 2 || (eof_ && written_ == issued_)) space_.notify_one();
      }
      writing_ = false;
    }
  }

  // One result or error to the output (only by the worker holding writing_).
  void emit(const Outcome& o) {
    if (o.ok) {
      out_ << o.output;
      if (!out_) write_failed_ = true;
    } else {
      if (progress_) std::cerr << "\r\x1b[K";
      print_error(o.error);
    }
    batch_.count(o);
    if (progress_) {
      auto now = std::chrono::steady_clock::now();
      if (now - last_draw_ > std::chrono::milliseconds(100)) {
        last_draw_ = now;
        draw(now - started_);
      }
    }
  }

  void draw(std::chrono::steady_clock::duration elapsed) {
    std::size_t bytes;
    {
      std::lock_guard lock(mu_);
      bytes = bytes_read_;
    }
    double secs = std::chrono::duration<double>(elapsed).count();
    std::string rate = secs > 0 ? fmt::format("{:.0f}/s", static_cast<double>(batch_.done()) / secs) : "";
    if (input_size_ > 0) {
      double f = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(input_size_));
      int filled = static_cast<int>(f * 30);
      std::cerr << fmt::format("\r[{}{}] {:3.0f}%  {} records  {}\x1b[K", std::string(filled, '#'),
                               std::string(30 - filled, '.'), f * 100, batch_.done(), rate)
                << std::flush;
    } else {
      std::cerr << fmt::format("\r{} records  {}\x1b[K", batch_.done(), rate) << std::flush;
    }
  }
};

int run(const po::variables_map& vm) {
#if defined(__GLIBC__)
  // The workers free a chunk's results together (16 JSON documents of
  // ~14 KB) and allocate the next ones at once; glibc would hand the freed
  // top of each heap back to the kernel every time (madvise) and fault it in
  // again, two page faults per record. The memory in flight is bounded by
  // the pipeline's window, so keeping it costs at most that window.
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
  std::string input = vm["input"].as<std::string>();
  std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  std::string in_format = vm.count("input-format") ? vm["input-format"].as<std::string>()
                          : ends_with(lower(input), ".csv") ? "csv"
                                                            : "jsonl";
  require_one_of("input-format", in_format, {"jsonl", "csv"});
  std::string out_format = vm.count("format") ? vm["format"].as<std::string>()
                           : ends_with(lower(output), ".csv") ? "csv"
                                                              : "jsonl";
  require_one_of("format", out_format, {"jsonl", "csv"});
  int jobs = vm.count("jobs") ? vm["jobs"].as<int>() : static_cast<int>(std::thread::hardware_concurrency());
  if (vm.count("jobs") && (jobs < 1 || jobs > 256))
    throw UsageError(fmt::format("invalid value '{}' for --jobs (expected 1 to 256)", jobs));
  jobs = std::max(1, jobs);
  AssessOptions opt;
  if (vm.count("lang")) opt.lang = vm["lang"].as<std::string>();
  if (vm.count("date")) {
    opt.date = vm["date"].as<std::string>();
    require_iso_date("date", opt.date);
  }
  opt.strict = vm.count("strict") > 0;
  opt.analyse = vm.count("analysis") > 0;

  InputLimits limits = input_limits(vm);
  std::optional<Ruleset> rs = load_ruleset(vm["ruleset"].as<std::string>(), limits.ruleset);
  if (!rs) return kUsage;

  std::ifstream file;
  std::istream* in = &std::cin;
  std::uintmax_t size = 0;
  std::string name = input == "-" ? "<stdin>" : input;
  if (input != "-") {
    file.open(input, std::ios::binary);
    if (!file) throw InputError(fmt::format("cannot read {}: {}", input, std::strerror(errno)));
    in = &file;
    struct stat st {};
    if (::stat(input.c_str(), &st) == 0 && S_ISREG(st.st_mode)) size = static_cast<std::uintmax_t>(st.st_size);
  }
  // A file output is written atomically: complete after a successful run,
  // untouched (no partial file) after an error.
  std::optional<AtomicOutput> ofile;
  std::optional<FdOutput> piped;
  std::ostream* out = &std::cout;
  if (!output.empty() && output != "-") {
    ofile.emplace(output);
    out = &ofile->stream();
  } else if (::isatty(STDOUT_FILENO) != 1) {
    // Redirected to a file or pipe: 64 KiB writes (std::cout made one or two
    // write(2) calls per JSON Lines result). A terminal keeps std::cout, which
    // shows each result as its line is complete.
    std::cout.flush();
    piped.emplace(STDOUT_FILENO);
    out = &piped->stream();
  }

  Batch batch(*rs, opt, limits.answers, name, in_format == "csv", out_format == "csv");
  bool progress = ::isatty(STDERR_FILENO) == 1;
  std::size_t line_no = 0, bytes = 0;
  std::string line;
  auto next_line = [&]() -> bool {
    if (!std::getline(*in, line)) return false;
    ++line_no;
    bytes += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  };

  if (in_format == "csv") {
    // The header: the first line that is not blank.
    bool have_header = false;
    while (!have_header && next_line()) {
      if (trim(line).empty()) continue;
      if (!valid_utf8(line))
        throw InputError(fmt::format("{}:{}: the CSV is not UTF-8 text (in Excel, save as \"CSV UTF-8\")", name, line_no));
      std::size_t start = line_no;
      std::string rec = line;
      while (open_quote(rec) && next_line()) rec += "\n" + line;
      batch.set_header(csv_fields(rec), start);
      have_header = true;
    }
    if (out_format == "csv") *out << batch.csv_header();
    if (!have_header) {
      if (ofile) ofile->commit();
      std::cerr << batch.summary();
      return kOk;
    }
  } else if (out_format == "csv") {
    *out << batch.csv_header();
  }

  Pipeline pipe(batch, *out, jobs, progress, size);
  pipe.start();
  try {
    while (next_line()) {
      if (trim(line).empty()) continue;
      Record r;
      r.line = line_no;
      if (in_format == "csv") {
        std::string rec = line;
        while (open_quote(rec) && next_line()) rec += "\n" + line;
        r.fields = csv_fields(rec);
      } else {
        r.text = std::move(line);
      }
      pipe.push(std::move(r), bytes);
    }
  } catch (...) {
    pipe.finish();
    throw;
  }
  bool read_error = in->bad();
  try {
    pipe.finish();
  } catch (const InputError&) {
    if (ofile) ofile->commit();  // throws the precise error ("cannot write FILE: No space left on device")
    throw;
  }
  if (read_error) throw InputError(fmt::format("cannot read {}", name));
  if (ofile) {
    ofile->commit();
  } else {
    out->flush();
    if (!*out) throw InputError("cannot write to standard output");
  }
  std::cerr << batch.summary();
  return batch.failed() > 0 ? kFailed : kOk;
}

}  // namespace

const Verb& batch_verb() {
  static const Verb v{
      "batch",
      "assess many enterprises from a JSON Lines or CSV file",
      "zice batch RULESET INPUT [options]",
      "INPUT (\"-\" reads stdin) is JSON Lines, one answers object per line, or CSV\n"
      "with a header row of question ids (multi-choice cells separated by ';', an\n"
      "empty cell is unanswered, [] an empty selection, yes/no as true/false, 1/0,\n"
      "是/否 or y/n). A field or column \"id\" (or \"_id\") names the record and is\n"
      "carried to the output.\n"
      "The output lists one result per record in input order: JSON Lines (the result\n"
      "document of docs/result-schema.md, compact, with \"id\" and \"line\" first) or\n"
      "CSV (id, line, grade, total, percent, each dimension's score, failed gates,\n"
      "findings per severity, complete, problems). A bad record is reported on stderr\n"
      "as INPUT:LINE and skipped; a summary (records, grades, mean scores) ends the run.\n"
      "Records are assessed by --jobs threads with memory bounded however long the\n"
      "input; the improvement plan is off unless --analysis is given.",
      "zice batch examples/innovation-demo.xml enterprises.jsonl -o results.jsonl\n"
      "zice batch rulesets/sme-size-2011.xml enterprises.csv -o results.csv --date 2026-06-30\n"
      "cat answers.jsonl | zice batch RULESET - --format csv --jobs 4",
      "a record failed (unparseable, wrong shape or, with --strict, answer problems)",
      {{"ruleset"}, {"input"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
