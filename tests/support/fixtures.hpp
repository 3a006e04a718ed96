// Test data shared by the integration and e2e suites: staff users with the actor their session would give,
// and complete applications for the demo bundles the tests use.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::testing {

// Inserts a staff user (region 330106; clerks at hall XH01, window W01) and returns its actor.
platform::Actor staff(store::PgPool& pool, const std::string& login, platform::Role role,
                      std::optional<std::string> department = std::nullopt);

// A 退休一件事 (TXYJS) application with every material on paper: accepted at the window, or (channel
// "online") submitted for pre-review. Its route is inbox-only: 人社 then 人社 ‖ 医保 then 人社.
boost::json::object retirement_application(const std::string& channel = "window");
// A two-page PDF (hand-made, enough for the type by magic bytes and the page count) for material file uploads.
const std::string& two_page_pdf();

// A complete 出生一件事 (CSYJS) application by 张三 (11010519491231002X), accepted at the window: the parents' ID
// cards and the marriage certificate as e-licences (the library has both, and gives their documents), the
// household register on paper.
boost::json::object birth_application();
// A complete 企业开办 (QYKB) application, accepted at the window; registration (市场监管) first.
boost::json::object company_application(bool needs_invoice, bool needs_bank_account);
// A complete 获得用电 (HDYD) application accepted at the window: its first step is 供电's (GD, a push department).
boost::json::object power_application();

// An instant written as China Standard Time wall time, "2026-06-01T10:00:00".
calendar::Instant at(const std::string& cst);

}  // namespace ow::testing
