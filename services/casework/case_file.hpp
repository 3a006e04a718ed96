// One case as casework holds it while working on it: the stored case and its tasks, and the flow's record
// rebuilt from them (states as enums, clocks as instants). Services decide on the record; the rows are what
// the views print.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/case_store.hpp"
#include "workflow/flow/case_record.hpp"

namespace ow::casework {

// How a case is named by a request: its number, its id, or the id of one of its tasks.
struct CaseKey {
  enum class By { number, id, task } by = By::number;
  std::string number;
  std::int64_t id = 0;

  static CaseKey of_number(std::string number) { return {By::number, std::move(number), 0}; }
  static CaseKey of_id(std::int64_t id) { return {By::id, {}, id}; }
  static CaseKey of_task(std::int64_t task_id) { return {By::task, {}, task_id}; }
  // "no case 3301…" / "no task 12": what a 404 says.
  std::string missing() const;
};

struct CaseFile {
  store::CaseRow row;
  std::vector<store::TaskRow> tasks;
  flow::CaseRecord record;
  std::optional<std::int64_t> focus_task;  // the task the key named (CaseKey::of_task)

  const store::TaskRow* task(const std::string& step) const;
  const store::TaskRow* task_by_id(std::int64_t id) const;
  // The task the key named; nullptr unless the case was reached by a task id.
  const store::TaskRow* focus() const { return focus_task ? task_by_id(*focus_task) : nullptr; }
  const flow::TaskRecord* record_of(const std::string& step) const { return record.task(step); }
};

}  // namespace ow::casework
