// The list of every module's named statements.
#include "services/store/statements.hpp"

#include "services/store/admin_store.hpp"
#include "services/store/applicant_store.hpp"
#include "services/store/archive_queue_store.hpp"
#include "services/store/audit_chain_store.hpp"
#include "services/store/case_store.hpp"
#include "services/store/catalog_store.hpp"
#include "services/store/delivery_choice_store.hpp"
#include "services/store/dispatch_store.hpp"
#include "services/store/extension_store.hpp"
#include "services/store/file_store.hpp"
#include "services/store/gathered_writes.hpp"
#include "services/store/hotline_store.hpp"
#include "services/store/idempotency_store.hpp"
#include "services/store/inspection_store.hpp"
#include "services/store/kpi_store.hpp"
#include "services/store/order_store.hpp"
#include "services/store/pii_access_store.hpp"
#include "services/store/query_code_store.hpp"
#include "services/store/sealed_rows_store.hpp"
#include "services/store/sealed_tickets_store.hpp"
#include "services/store/sms_store.hpp"
#include "services/store/staff_evaluation_store.hpp"
#include "services/store/supervision_store.hpp"
#include "services/store/survey_store.hpp"
#include "services/store/task_history_store.hpp"
#include "services/store/user_store.hpp"

namespace ow::store {

const std::vector<Statement>& all_statements() {
  static const std::vector<Statement> all = [] {
    std::vector<Statement> out;
    for (const auto* list : {&user_statements(),
                             &catalog_statements(),
                             &case_statements(),
                             &idempotency_statements(),
                             &dispatch_statements(),
                             &supervision_statements(),
                             &kpi_statements(),
                             &order_statements(),
                             &pii_access_statements(),
                             &extension_statements(),
                             &query_code_statements(),
                             &sealed_rows_statements(),
                             &audit_chain_statements(),
                             &task_history_statements(),
                             &survey_statements(),
                             &hotline_statements(),
                             &inspection_statements(),
                             &staff_evaluation_statements(),
                             &sealed_tickets_statements(),
                             &applicant_statements(),
                             &file_statements(),
                             &sms_statements(),
                             &archive_queue_statements(),
                             &delivery_choice_statements(),
                             &admin_statements(),
                             &gathered_write_statements()})
      out.insert(out.end(), list->begin(), list->end());
    return out;
  }();
  return all;
}

}  // namespace ow::store
