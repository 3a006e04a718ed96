// Topological order, ancestry, critical paths and budget splitting over a bundle's step DAG.
#include "workflow/catalog/route.hpp"

#include <algorithm>

namespace ow::catalog {

std::int64_t limit_minutes(const calendar::Limit& l, std::int64_t minutes_per_day) {
  switch (l.kind) {
    case calendar::Limit::Kind::working_days: return l.amount * minutes_per_day;
    case calendar::Limit::Kind::working_hours: return std::int64_t{l.amount} * 60;
    case calendar::Limit::Kind::working_minutes: return l.amount;
    case calendar::Limit::Kind::natural_days: return l.amount * minutes_per_day * 5 / 7;
  }
  return 0;
}

RouteOrder topological_order(const Bundle& b) {
  std::map<std::string, int> indegree;
  std::map<std::string, std::vector<std::string>> next;
  for (const auto& s : b.steps) indegree[s.id] += 0;
  for (const auto& s : b.steps)
    for (const auto& p : s.after) {
      ++indegree[s.id];
      next[p].push_back(s.id);
    }
  RouteOrder r;
  std::vector<std::string> ready;
  for (const auto& s : b.steps)  // keep the declared order among equals
    if (indegree[s.id] == 0) ready.push_back(s.id);
  std::reverse(ready.begin(), ready.end());
  while (!ready.empty()) {
    std::string id = ready.back();
    ready.pop_back();
    r.order.push_back(id);
    std::vector<std::string> freed;
    for (const auto& n : next[id])
      if (--indegree[n] == 0) freed.push_back(n);
    ready.insert(ready.end(), freed.rbegin(), freed.rend());
  }
  if (r.order.size() != indegree.size())
    for (const auto& s : b.steps)
      if (indegree[s.id] > 0) {
        r.cycle_at = s.id;
        break;
      }
  return r;
}

std::map<std::string, std::set<std::string>> ancestors(const Bundle& b, const RouteOrder& order) {
  std::map<std::string, const Step*> by_id;
  for (const auto& s : b.steps) by_id[s.id] = &s;
  std::map<std::string, std::set<std::string>> out;
  for (const auto& id : order.order) {
    auto& mine = out[id];
    for (const auto& p : by_id[id]->after) {
      mine.insert(p);
      mine.insert(out[p].begin(), out[p].end());
    }
  }
  return out;
}

namespace {

// Heaviest path weight ending at each step and starting at each step.
void path_weights(const Bundle& b, const std::map<std::string, std::int64_t>& w,
                  std::map<std::string, std::int64_t>& to, std::map<std::string, std::int64_t>& from) {
  const auto order = topological_order(b).order;
  std::map<std::string, const Step*> by_id;
  std::map<std::string, std::vector<std::string>> next;
  for (const auto& s : b.steps) {
    by_id[s.id] = &s;
    for (const auto& p : s.after) next[p].push_back(s.id);
  }
  for (const auto& id : order) {
    std::int64_t best = 0;
    for (const auto& p : by_id[id]->after) best = std::max(best, to[p]);
    to[id] = best + w.at(id);
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    std::int64_t best = 0;
    for (const auto& n : next[*it]) best = std::max(best, from[n]);
    from[*it] = best + w.at(*it);
  }
}

}  // namespace

std::set<std::string> steps_before_limit(const Bundle& b) {
  std::set<std::string> out;
  if (!b.limit_starts) return out;
  const auto before = ancestors(b, topological_order(b));
  auto it = before.find(b.limit_starts->after_step);
  if (it == before.end()) return out;
  out = it->second;
  out.insert(b.limit_starts->after_step);
  return out;
}

std::map<std::string, std::int64_t> step_budgets(const Catalog& c, const Bundle& b, std::int64_t minutes_per_day) {
  const auto outside = steps_before_limit(b);
  std::map<std::string, std::int64_t> weight, own;
  for (const auto& s : b.steps) {
    auto it = c.items.find(s.item);
    const std::int64_t w = it == c.items.end() ? 0 : limit_minutes(it->second.committed, minutes_per_day);
    own[s.id] = std::max<std::int64_t>(w, 60);
    weight[s.id] = outside.contains(s.id) ? 0 : own[s.id];
  }
  std::map<std::string, std::int64_t> to, from;
  path_weights(b, weight, to, from);
  const std::int64_t total = limit_minutes(b.committed, minutes_per_day);
  std::map<std::string, std::int64_t> budgets;
  for (const auto& s : b.steps) {
    if (s.budget) {
      budgets[s.id] = limit_minutes(*s.budget, minutes_per_day);
      continue;
    }
    if (outside.contains(s.id)) {
      budgets[s.id] = own[s.id];
      continue;
    }
    const std::int64_t through = to[s.id] + from[s.id] - weight[s.id];
    budgets[s.id] = through > 0 ? total * weight[s.id] / through : 0;
  }
  return budgets;
}

std::vector<std::string> critical_path(const Bundle& b, const std::map<std::string, std::int64_t>& budgets) {
  const auto order = topological_order(b).order;
  std::map<std::string, const Step*> by_id;
  for (const auto& s : b.steps) by_id[s.id] = &s;
  std::map<std::string, std::int64_t> to;
  std::map<std::string, std::string> via;
  std::string end;
  for (const auto& id : order) {
    std::int64_t best = 0;
    for (const auto& p : by_id[id]->after)
      if (to[p] >= best) {
        best = to[p];
        via[id] = p;
      }
    to[id] = best + budgets.at(id);
    if (end.empty() || to[id] > to[end]) end = id;
  }
  std::vector<std::string> path;
  for (std::string id = end; !id.empty(); id = via.contains(id) ? via[id] : std::string()) path.push_back(id);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace ow::catalog
