// zice::Catalog: the rulesets of one directory, resolved by id, version and date.
#include "zice/catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "expr/value.hpp"

namespace zice {

namespace fs = std::filesystem;

struct Catalog::Impl {
  std::vector<Entry> entries;
  std::vector<Ruleset> rulesets;  // rulesets[i] belongs to entries[i]
};

namespace {

/// "2.10" > "2.9": runs of digits compare as numbers, everything else bytewise.
int natural_compare(std::string_view a, std::string_view b) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t i0 = i, j0 = j;
      while (i0 < a.size() && a[i0] == '0') ++i0;  // leading zeros do not count
      while (j0 < b.size() && b[j0] == '0') ++j0;
      std::size_t i1 = i0, j1 = j0;
      while (i1 < a.size() && digit(a[i1])) ++i1;
      while (j1 < b.size() && digit(b[j1])) ++j1;
      if (i1 - i0 != j1 - j0) return i1 - i0 < j1 - j0 ? -1 : 1;
      if (int c = a.substr(i0, i1 - i0).compare(b.substr(j0, j1 - j0)); c != 0) return c < 0 ? -1 : 1;
      i = i1;
      j = j1;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
    ++i;
    ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);  // "01" vs "1": keep a total order
}

bool entry_less(const Catalog::Entry& a, const Catalog::Entry& b) {
  if (a.id != b.id) return a.id < b.id;
  if (a.effective_from != b.effective_from) return a.effective_from < b.effective_from;  // "" (open) first
  if (int c = natural_compare(a.version, b.version); c != 0) return c < 0;
  return a.file < b.file;
}

Diagnostic io_error(const std::string& file, std::string message) {
  Diagnostic d;
  d.code = "io";
  d.file = file;
  d.message = std::move(message);
  return d;
}

}  // namespace

CatalogLoad Catalog::open(const std::string& dir) {
  CatalogLoad out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    out.diagnostics.push_back(io_error(dir, ec ? fmt::format("cannot read directory: {}", ec.message())
                                               : std::string("not a directory")));
    return out;
  }

  std::vector<std::string> names;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& e = *it;
    std::error_code ec2;
    if (e.path().extension() != ".xml" || !e.is_regular_file(ec2)) continue;
    names.push_back(e.path().filename().string());
  }
  if (ec) {
    out.diagnostics.push_back(io_error(dir, fmt::format("cannot read directory: {}", ec.message())));
    return out;
  }
  std::sort(names.begin(), names.end());

  struct Loaded {
    Entry entry;
    Ruleset ruleset;
  };
  std::vector<Loaded> loaded;
  bool failed = false;
  std::map<std::pair<std::string, std::string>, std::string> seen;  // (id, version) -> file
  for (const std::string& name : names) {
    std::string path = (fs::path(dir) / name).string();
    LoadResult r = Ruleset::load_file(path);
    for (Diagnostic& d : r.diagnostics) out.diagnostics.push_back(std::move(d));
    if (!r.ruleset) {
      failed = true;
      continue;
    }
    const Ruleset& rs = *r.ruleset;
    auto [pos, fresh] = seen.emplace(std::make_pair(rs.id(), rs.version()), path);
    if (!fresh) {
      Diagnostic d;
      d.code = "duplicate-ruleset";
      d.file = path;
      d.message = fmt::format("ruleset '{}' version '{}' is defined twice: in {} and in {}", rs.id(),
                              rs.version(), pos->second, path);
      out.diagnostics.push_back(std::move(d));
      failed = true;
      continue;
    }
    Entry e{rs.id(), rs.version(), rs.title(), rs.effective_from(), rs.effective_to(), rs.sha256(), path};
    loaded.push_back(Loaded{std::move(e), rs});
  }
  if (failed) return out;

  std::stable_sort(loaded.begin(), loaded.end(),
                   [](const Loaded& a, const Loaded& b) { return entry_less(a.entry, b.entry); });
  auto impl = std::make_shared<Impl>();
  impl->entries.reserve(loaded.size());
  impl->rulesets.reserve(loaded.size());
  for (Loaded& l : loaded) {
    impl->entries.push_back(std::move(l.entry));
    impl->rulesets.push_back(std::move(l.ruleset));
  }
  out.catalog = Catalog(std::move(impl));
  return out;
}

const std::vector<Catalog::Entry>& Catalog::list() const noexcept { return impl_->entries; }

const Ruleset& Catalog::at(std::size_t i) const { return impl_->rulesets.at(i); }

std::size_t Catalog::size() const noexcept { return impl_->entries.size(); }

const Ruleset* Catalog::get(std::string_view id, std::string_view version) const {
  const Ruleset* found = nullptr;
  for (std::size_t i = 0; i < impl_->entries.size(); ++i) {
    const Entry& e = impl_->entries[i];
    if (e.id != id) continue;
    if (!version.empty() && e.version != version) continue;
    found = &impl_->rulesets[i];  // sorted by effective_from: the last match is the latest
  }
  return found;
}

const Ruleset* Catalog::in_force(std::string_view id, std::string_view date) const {
  if (!expr::parse_iso_date(date)) return nullptr;
  const Ruleset* found = nullptr;
  for (std::size_t i = 0; i < impl_->entries.size(); ++i) {
    const Entry& e = impl_->entries[i];
    if (e.id != id) continue;
    // ISO dates of the same shape compare correctly as strings.
    bool started = e.effective_from.empty() || e.effective_from <= date;
    bool ended = !e.effective_to.empty() && date > e.effective_to;
    if (started && !ended) found = &impl_->rulesets[i];
  }
  return found;
}

std::size_t Catalog::index_of(const Ruleset* rs) const noexcept {
  const std::vector<Ruleset>& v = impl_->rulesets;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (&v[i] == rs) return i;
  return v.size();
}

}  // namespace zice
