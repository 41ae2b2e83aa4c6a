// Plan blocks: one allocation per expression (make_plan), or one for all the
// expressions of a ruleset (pack_programs). See plan.hpp for the layout.
#include "expr/plan.hpp"

#include <cstring>
#include <new>
#include <unordered_map>

namespace zice::expr::detail {
namespace {

constexpr std::size_t kAlign = 16;
static_assert(alignof(Value) <= kAlign && alignof(Plan) <= kAlign);

constexpr std::size_t round_up(std::size_t n) { return (n + kAlign - 1) / kAlign * kAlign; }

/// Offsets of the parts within a block.
struct Layout {
  std::size_t nodes, constants, spans, deps, source, total;
  explicit Layout(const PlanView& v) {
    nodes = round_up(sizeof(Plan));
    constants = round_up(nodes + v.nodes.size() * sizeof(PNode));
    spans = constants + v.constants.size() * sizeof(Value);
    deps = spans + v.spans.size() * sizeof(SourceSpan);
    source = deps + v.deps.size() * sizeof(std::uint32_t);
    total = round_up(source + v.source.size());
  }
};

}  // namespace

std::size_t plan_bytes(const PlanView& v) { return Layout(v).total; }

Plan* emplace_plan(void* at, const PlanView& v) {
  const Layout l(v);
  auto* base = static_cast<std::byte*>(at);
  auto* nodes = reinterpret_cast<PNode*>(base + l.nodes);
  if (!v.nodes.empty()) std::memcpy(nodes, v.nodes.data(), v.nodes.size() * sizeof(PNode));
  auto* constants = reinterpret_cast<Value*>(base + l.constants);
  std::size_t built = 0;
  try {
    for (; built < v.constants.size(); ++built) new (constants + built) Value(v.constants[built]);
  } catch (...) {
    while (built > 0) constants[--built].~Value();
    throw;
  }
  auto* spans = reinterpret_cast<SourceSpan*>(base + l.spans);
  if (!v.spans.empty()) std::memcpy(spans, v.spans.data(), v.spans.size() * sizeof(SourceSpan));
  auto* deps = reinterpret_cast<std::uint32_t*>(base + l.deps);
  if (!v.deps.empty()) std::memcpy(deps, v.deps.data(), v.deps.size() * sizeof(std::uint32_t));
  auto* source = reinterpret_cast<char*>(base + l.source);
  if (!v.source.empty()) std::memcpy(source, v.source.data(), v.source.size());
  return new (at) Plan{nodes,
                       constants,
                       v.type,
                       v.expected,
                       static_cast<std::uint32_t>(v.nodes.size()),
                       static_cast<std::uint32_t>(v.constants.size()),
                       static_cast<std::uint32_t>(v.deps.size()),
                       spans,
                       deps,
                       std::string_view(source, v.source.size())};
}

void destroy_plan(Plan* p) noexcept {
  Value* constants = const_cast<Value*>(p->constants);
  for (std::uint32_t i = 0; i < p->constant_count; ++i) constants[i].~Value();
  p->~Plan();
}

std::shared_ptr<const Plan> make_plan(const PlanView& v) {
  void* mem = ::operator new(plan_bytes(v), std::align_val_t{kAlign});
  Plan* p;
  try {
    p = emplace_plan(mem, v);
  } catch (...) {
    ::operator delete(mem, std::align_val_t{kAlign});
    throw;
  }
  return std::shared_ptr<const Plan>(p, [](const Plan* q) {
    destroy_plan(const_cast<Plan*>(q));
    ::operator delete(const_cast<Plan*>(q), std::align_val_t{kAlign});
  });
}

namespace {

/// One block holding many plans; the Programs that use them share it.
struct PlanBlock {
  void* memory = nullptr;
  std::vector<Plan*> plans;
  PlanBlock() = default;
  PlanBlock(const PlanBlock&) = delete;
  PlanBlock& operator=(const PlanBlock&) = delete;
  ~PlanBlock() {
    for (Plan* p : plans) destroy_plan(p);
    ::operator delete(memory, std::align_val_t{kAlign});
  }
};

}  // namespace

}  // namespace zice::expr::detail

namespace zice::expr {

struct ProgramPacker {
  static void pack(std::span<Program* const> programs) {
    using namespace detail;
    // Each distinct plan once, in the order first met.
    std::unordered_map<const Plan*, std::size_t> offset_of;
    std::vector<const Plan*> order;
    std::size_t total = 0;
    for (Program* p : programs) {
      const Plan* plan = p->plan_.get();
      if (offset_of.emplace(plan, total).second) {
        order.push_back(plan);
        total += plan_bytes(plan->view());
      }
    }
    if (order.empty()) return;
    auto block = std::make_shared<PlanBlock>();
    block->memory = ::operator new(total, std::align_val_t{kAlign});
    block->plans.reserve(order.size());
    std::unordered_map<const Plan*, const Plan*> moved;
    for (const Plan* plan : order) {
      Plan* copy = emplace_plan(static_cast<std::byte*>(block->memory) + offset_of[plan], plan->view());
      block->plans.push_back(copy);
      moved.emplace(plan, copy);
    }
    for (Program* p : programs) p->plan_ = std::shared_ptr<const Plan>(block, moved[p->plan_.get()]);
  }
};

void pack_programs(std::span<Program* const> programs) { ProgramPacker::pack(programs); }

}  // namespace zice::expr
