// zice — a catalog: every ruleset in a directory, several versions per id.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zice/diagnostic.hpp"
#include "zice/ruleset.hpp"

namespace zice {

struct CatalogLoad;

/// The rulesets of one directory, loaded and compiled once. Immutable after
/// opening: copies share the same rulesets, and any number of threads may use
/// one catalog (and the rulesets it hands out) at the same time.
class Catalog {
 public:
  /// What list() says about one ruleset.
  struct Entry {
    std::string id;
    std::string version;
    std::string title;           ///< in the ruleset's default language
    std::string effective_from;  ///< ISO date, empty when open
    std::string effective_to;    ///< ISO date, empty when open
    std::string sha256;          ///< hex SHA-256 of the file's bytes
    std::string file;            ///< path as found: `dir` joined with the file name
  };

  /// Loads every `*.xml` regular file directly in `dir` (not recursive), in
  /// file-name order. Never throws on bad input: a directory that cannot be
  /// read (diagnostic code "io"), a ruleset with errors (its own diagnostics,
  /// file:line:col) or two files with the same id and version (code
  /// "duplicate-ruleset", naming both files) make the load fail; every file is
  /// still read so that all problems are reported at once.
  static CatalogLoad open(const std::string& dir);

  /// Every ruleset, sorted by id, then effective_from (open first), then
  /// version (numeric runs compared as numbers: "2.10" after "2.9").
  const std::vector<Entry>& list() const noexcept;
  /// The ruleset of list()[i].
  const Ruleset& at(std::size_t i) const;
  std::size_t size() const noexcept;

  /// With `version` non-empty, that exact version of `id`; otherwise the one
  /// with the latest effective_from (ties: the last one listed). nullptr when
  /// there is none. The pointer lives as long as any copy of this catalog.
  const Ruleset* get(std::string_view id, std::string_view version = {}) const;

  /// The version of `id` in force on `date` ("YYYY-MM-DD"): effective_from <=
  /// date (or open) and date <= effective_to (or open, both inclusive); when
  /// several qualify, the one with the latest effective_from (ties: the last
  /// one listed). nullptr when none is in force or `date` is not a valid date.
  const Ruleset* in_force(std::string_view id, std::string_view date) const;

  /// Index in list() of a ruleset returned by get()/in_force()/at(), or
  /// size() when it does not belong to this catalog.
  std::size_t index_of(const Ruleset* rs) const noexcept;

 private:
  struct Impl;
  explicit Catalog(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

struct CatalogLoad {
  std::optional<Catalog> catalog;        ///< set when there is no error
  std::vector<Diagnostic> diagnostics;   ///< errors and warnings of every file, in file order
  explicit operator bool() const noexcept { return catalog.has_value(); }
};

}  // namespace zice
