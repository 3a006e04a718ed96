// The personal-data rule, in one place: how much of a case's applicant (name, ID number, contact phone) a
// viewer may see, and the masks for everyone else. Pure: no I/O; the views and documents take its decision.
//
//   viewer                                              sees
//   clerk of the hall that holds the case               full (recorded in pii_access)
//   clerk of another hall of the region                 masked
//   approver holding one of the case's tasks            full (recorded) — holding: assignee and the task in
//                                                       Received or SupplementRequested
//   approver of a department with a task in the case    masked
//   approver whose department has no task in the case   hidden (404, as a case of another region)
//   supervisor                                          masked
//   admin, auditor, department system                   refused (403: no case bodies at all)
//   anyone outside the case's region                    hidden (404)
//
// Masks: a person's name 张*明, ID number 330***********1234, phone 138****5678. An enterprise's name and
// unified social credit code are public registration data (国家企业信用信息公示系统) and stay as they are; its
// contact phone is masked like anyone's.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "services/platform/actor.hpp"
#include "services/store/case_store.hpp"

namespace ow::casework {

enum class CaseSight {
  hidden,   // 404: outside the viewer's scope
  refused,  // 403: the viewer's role reads no case bodies
  masked,   // the case with the applicant's personal data masked
  full,     // unmasked; every such read is recorded
};

const char* to_string(CaseSight s);

// What `viewer` may see of case `c` whose tasks are `tasks`.
CaseSight personal_data_access(const platform::Actor& viewer, const store::CaseRow& c,
                               const std::vector<store::TaskRow>& tasks);

// Whether the task is being worked by its assignee (claimed, not finished).
bool task_held(const store::TaskRow& t);

// "张三明" → "张*明", "张三" → "张*", "李" → "*" (by characters, not bytes).
std::string mask_name(std::string_view name);
// The applicant object (stored JSON) as `sight` allows: unchanged when full, else masked (and without the
// clerk's free-text override reason). Only for full or masked.
boost::json::object applicant_for(const boost::json::object& applicant, CaseSight sight);
std::string phone_for(const std::string& phone, CaseSight sight);

}  // namespace ow::casework
