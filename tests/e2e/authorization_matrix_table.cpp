// The authorization matrix's table (the cells' meaning: authorization_matrix_e2e_test.cpp).
#include "tests/e2e/authorization_matrix_table.hpp"

namespace ow::testing::authz {

// The callers, in the table's column order.
const std::vector<std::string> kCallers = {
    "anon",     // anonymous
    "hall",     // clerk of the case's hall (XH01, 330106)
    "xhall",    // clerk of another hall of the same region (XH02, 330106)
    "xregion",  // clerk of another region (SC01, 330102)
    "hold",     // approver of 人社 holding the case's task
    "dept",     // approver of 人社 not holding it
    "xdept",    // approver of another department (住建 ZJ, no task in the case)
    "sup",      // supervisor of 330106
    "xsup",     // supervisor of another region (330102)
    "admin",    // admin (330100)
    "aud",      // auditor (330100): the personal-data access log only
    "key",      // 人社's department API key
    "xkey",     // another department's key (SCJG)
};

// clang-format off
// Each row: method, pattern (as the router has it), the request (target, body), whether it needs a fresh case,
// then the cells in this order:
//  anon hall xhall xregion hold dept xdept sup  xsup admin aud  key  xkey
const std::vector<Row> kTable = {
  {"GET", "/healthz", "/healthz", "", Fresh::no,
   "ok   ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/readyz", "/readyz", "", Fresh::no,
   "ok   ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/metrics", "/metrics", "", Fresh::no,
   "ok   ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/openapi.json", "/api/v1/openapi.json", "", Fresh::no,
   "ok   ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/test/routes", "/api/v1/test/routes", "", Fresh::no,
   "ok   ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"POST", "/api/v1/test/clock", "/api/v1/test/clock", R"({"offset_seconds":0})", Fresh::no,
   "ok   ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"POST", "/api/v1/sessions", "/api/v1/sessions", R"({"login":"nobody-{caller}","password":"not-the-password"})", Fresh::no,
   "401  401  401   401     401  401  401   401  401  401   401  401  401"},
  {"DELETE", "/api/v1/sessions/current", "/api/v1/sessions/current", "", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/me", "/api/v1/me", "", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"POST", "/api/v1/me/password", "/api/v1/me/password", R"({"current_password":"{password}","new_password":"Zq8#wLt5mN2vRk"})", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   403  403"},
  {"GET", "/api/v1/users", "/api/v1/users", "", Fresh::no,
   "401  403  403   403     403  403  403   403  403  ok    403  403  403"},
  {"GET", "/api/v1/bundles", "/api/v1/bundles", "", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/bundles/{code}", "/api/v1/bundles/TXYJS", "", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/calendar/working-days", "/api/v1/calendar/working-days?working_days=3&bundle=QYKB", "", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/items/{code}", "/api/v1/items/{item}", "", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/departments", "/api/v1/departments", "", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/halls", "/api/v1/halls", "", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/catalog/versions", "/api/v1/catalog/versions", "", Fresh::no,
   "401  ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"POST", "/api/v1/catalog/reload", "/api/v1/catalog/reload", "", Fresh::no,
   "401  403  403   403     403  403  403   403  403  ok    403  403  403"},
  {"POST", "/api/v1/cases", "/api/v1/cases", "{application}", Fresh::no,
   "401  ok   ok    ok      403  403  403   403  403  403   403  403  403"},
  {"GET", "/api/v1/cases", "/api/v1/cases", "", Fresh::no,
   "401  ok   ok    ok      403  403  403   ok   ok   403   403  403  403"},
  {"POST", "/api/v1/case-search", "/api/v1/case-search", R"({"id_number":"11010519491231002X"})", Fresh::no,
   "401  ok   ok    ok      403  403  403   ok   ok   403   403  403  403"},
  {"POST", "/api/v1/redispatches", "/api/v1/redispatches", R"({"department":"SCJG"})", Fresh::no,
   "401  403  403   403     403  403  403   ok   ok   403   403  403  403"},
  {"GET", "/api/v1/cases/{number}", "/api/v1/cases/{number}", "", Fresh::no,
   "401  ok   ok    404     ok   ok   404   ok   404  403   403  403  403"},
  {"GET", "/api/v1/cases/{number}/documents/{kind}", "/api/v1/cases/{number}/documents/receipt", "", Fresh::no,
   "401  ok   403   404     ok   403  404   403  404  403   403  403  403"},
  {"POST", "/api/v1/cases/{number}/decision", "/api/v1/cases/{number}/decision", R"({"materials":[],"decision":{"kind":"accept"}})", Fresh::no,
   "401  ok   404   404     403  403  403   403  403  403   403  403  403"},
  {"POST", "/api/v1/cases/{number}/supplement", "/api/v1/cases/{number}/supplement", R"({"materials":["id_card"]})", Fresh::no,
   "401  ok   404   404     403  403  403   403  403  403   403  403  403"},
  {"POST", "/api/v1/cases/{number}/deferred-materials", "/api/v1/cases/{number}/deferred-materials", R"({"material":"id_card"})", Fresh::no,
   "401  ok   404   404     403  403  403   403  403  403   403  403  403"},
  {"POST", "/api/v1/cases/{number}/delivery", "/api/v1/cases/{number}/delivery", R"({"method":"window"})", Fresh::no,
   "401  ok   404   404     403  403  403   403  403  403   403  403  403"},
  {"POST", "/api/v1/cases/{number}/withdrawal", "/api/v1/cases/{number}/withdrawal", R"({"reason":"申请人撤回申请"})", Fresh::case_,
   "401  ok   404   404     403  403  403   403  403  403   403  403  403"},
  {"POST", "/api/v1/elicense-lookups", "/api/v1/elicense-lookups", R"({"holder":"11010519491231002X","types":["结婚证"]})",
   Fresh::no,
   "401  ok   ok    ok      403  403  403   403  403  403   403  403  403"},
  {"GET", "/api/v1/pii-access", "/api/v1/pii-access?case={number}", "", Fresh::no,
   "401  403  403   403     403  403  403   403  403  ok    ok   403  403"},
  {"GET", "/api/v1/public/progress", "/api/v1/public/progress?number={number}&{secretq}", "", Fresh::no,
   "ok   ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"POST", "/api/v1/public/evaluations", "/api/v1/public/evaluations", R"({"number":"{concluded}",{secret},"score":2})", Fresh::no,
   "ok   ok   ok    ok      ok   ok   ok    ok   ok   ok    ok   ok   ok"},
  {"GET", "/api/v1/tasks", "/api/v1/tasks", "", Fresh::no,
   "401  403  403   403     ok   ok   ok    403  403  403   403  403  403"},
  {"GET", "/api/v1/task-decisions", "/api/v1/task-decisions?scope=department", "", Fresh::no,
   "401  403  403   403     ok   ok   ok    403  403  403   403  403  403"},
  {"GET", "/api/v1/tasks/{id}", "/api/v1/tasks/{task}", "", Fresh::no,
   "401  403  403   403     ok   ok   404   403  403  403   403  403  403"},
  {"POST", "/api/v1/tasks/{id}/claim", "/api/v1/tasks/{task}/claim", "", Fresh::no,
   "401  403  403   403     ok   ok   404   403  403  403   403  403  403"},
  {"POST", "/api/v1/tasks/{id}/release", "/api/v1/tasks/{task}/release", "", Fresh::case_,
   "401  403  403   403     ok   ok   404   403  403  403   403  403  403"},
  {"POST", "/api/v1/tasks/{id}/transfer", "/api/v1/tasks/{task}/transfer", R"({"to":"dept"})", Fresh::case_,
   "401  403  403   403     ok   ok   404   403  403  403   403  403  403"},
  {"POST", "/api/v1/tasks/{id}/decision", "/api/v1/tasks/{task}/decision", R"({"kind":"approve","opinion":"同意"})", Fresh::case_,
   "401  403  403   403     ok   ok   404   403  403  403   403  403  403"},
  {"POST", "/api/v1/tasks/{id}/redispatch", "/api/v1/tasks/{task}/redispatch", R"({"reason":"重新推送"})", Fresh::no,
   "401  403  403   403     403  403  403   ok   404  403   403  403  403"},
  {"POST", "/api/v1/tasks/{id}/extension-requests", "/api/v1/tasks/{task}/extension-requests", R"({"working_days":2,"reason":"需现场核查"})", Fresh::case_,
   "401  403  403   403     ok   ok   404   403  403  403   403  403  403"},
  {"GET", "/api/v1/extension-requests", "/api/v1/extension-requests", "", Fresh::no,
   "401  403  403   403     ok   ok   ok    ok   ok   403   403  403  403"},
  {"POST", "/api/v1/extension-requests/{id}/grant", "/api/v1/extension-requests/{extension}/grant", "", Fresh::extension,
   "401  403  403   403     403  403  403   ok   404  403   403  403  403"},
  {"POST", "/api/v1/extension-requests/{id}/refuse", "/api/v1/extension-requests/{extension}/refuse", R"({"reason":"理由不足"})", Fresh::extension,
   "401  403  403   403     403  403  403   ok   404  403   403  403  403"},
  {"GET", "/api/v1/departments/{code}/tasks", "/api/v1/departments/RS/tasks", "", Fresh::no,
   "401  403  403   403     403  403  403   403  403  403   403  ok   401"},
  {"POST", "/api/v1/departments/{code}/events", "/api/v1/departments/RS/events", "{event}", Fresh::case_,
   "401  403  403   403     403  403  403   403  403  403   403  ok   401"},
  {"GET", "/api/v1/alerts", "/api/v1/alerts", "", Fresh::no,
   "401  403  403   403     403  403  403   ok   ok   403   403  403  403"},
  {"GET", "/api/v1/alerts/stream", "/api/v1/alerts/stream", "", Fresh::no,
   "401  403  403   403     403  403  403   -    -    403   403  403  403"},
  {"POST", "/api/v1/alerts/{id}/acknowledge", "/api/v1/alerts/999999999/acknowledge", "", Fresh::no,
   "401  403  403   403     403  403  403   404  404  403   403  403  403"},
  {"GET", "/api/v1/stats", "/api/v1/stats", "", Fresh::no,
   "401  403  403   403     403  403  403   ok   ok   403   403  403  403"},
  {"GET", "/api/v1/reports/weekly", "/api/v1/reports/weekly", "", Fresh::no,
   "401  403  403   403     403  403  403   ok   ok   403   403  403  403"},
  {"GET", "/api/v1/followups", "/api/v1/followups", "", Fresh::no,
   "401  403  403   403     403  403  403   ok   ok   403   403  403  403"},
  {"POST", "/api/v1/followups/{number}/{part}", "/api/v1/followups/{concluded}/callback", R"({"note":"已回访"})", Fresh::no,
   "401  403  403   403     403  403  403   ok   404  403   403  403  403"},
  {"GET", "/api/v1/supervision-orders", "/api/v1/supervision-orders", "", Fresh::no,
   "401  403  403   403     ok   ok   ok    ok   ok   403   403  403  403"},
  {"POST", "/api/v1/supervision-orders", "/api/v1/supervision-orders", R"({"case_number":"{number}","department":"RS","content":"请尽快办理","due_date":"2030-01-02"})", Fresh::no,
   "401  403  403   403     403  403  403   ok   404  403   403  403  403"},
  {"POST", "/api/v1/supervision-orders/{id}/reply", "/api/v1/supervision-orders/{order}/reply", R"({"reply":"已办理"})", Fresh::case_,
   "401  403  403   403     ok   ok   404   403  403  403   403  403  403"},
  {"POST", "/api/v1/hotline/tickets", "/api/v1/hotline/tickets", R"({"id":"MATRIX-X","kind":"投诉"})", Fresh::no,
   "401  403  403   403     403  403  403   403  403  403   403  401  401"},
  {"GET", "/api/v1/hotline/tickets", "/api/v1/hotline/tickets", "", Fresh::no,
   "401  403  403   403     ok   ok   ok    ok   ok   403   403  403  403"},
  {"POST", "/api/v1/hotline/tickets/{id}/answer", "/api/v1/hotline/tickets/{ticket}/answer", R"({"answer":"已答复","direct":true})", Fresh::no,
   "401  403  403   403     ok   ok   404   ok   404  403   403  403  403"},
};
// clang-format on

}  // namespace ow::testing::authz
