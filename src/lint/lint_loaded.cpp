// zice::lint_loaded(): what `zice lint` and zice_lint_file() report for one
// ruleset file (include/zice/lint.hpp): the loader's diagnostics plus the deep
// lint, in one order. The loader and lint() report disjoint codes (every lint
// code has one owner, src/lint/lint.cpp), so nothing is de-duplicated here.
#include <algorithm>
#include <iterator>
#include <tuple>

#include "ruleset/model.hpp"
#include "zice/lint.hpp"

namespace zice {

std::vector<Diagnostic> lint_loaded(LoadResult loaded, const LintOptions& options, bool deep) {
  std::vector<Diagnostic> out = std::move(loaded.diagnostics);
  if (!loaded.ruleset || !deep) return out;
  std::vector<Diagnostic> more = lint(*loaded.ruleset, options);
  out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  // Files in chain order (the ruleset, then what it extends), then position
  // order within each file; a position of 0 (unknown) sorts first.
  const auto& chain = loaded.ruleset->model().chain;
  auto rank = [&](const Diagnostic& d) {
    for (std::size_t k = 0; k < chain.size(); ++k)
      if (chain[k].file == d.file) return k;
    return chain.size();
  };
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(rank(a), a.line, a.column) < std::tuple(rank(b), b.line, b.column);
  });
  return out;
}

}  // namespace zice
