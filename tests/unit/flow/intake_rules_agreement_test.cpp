// The core's intake rules on the cases the console's mirror is also tested on (tests/unit/intake_rules_cases.json,
// read by tests/unit/console/intake_rules.test.ts): which steps apply, what is missing, which decisions are open.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/support/embedded_intake_cases.hpp"
#include "workflow/flow/intake_rules.hpp"

using namespace ow;
namespace json = boost::json;

namespace {

std::vector<std::string> strings(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& s : v.as_array()) out.emplace_back(s.as_string());
  return out;
}

}  // namespace

TEST(IntakeRules, TheCoreAgreesWithTheSharedCases) {
  const json::value spec = json::parse(ow::testing::embedded_intake_rules_cases());
  catalog::Bundle bundle;
  bundle.code = "SPEC";
  catalog::Guide guide;
  guide.bundle = &bundle;
  for (const auto& s : spec.at("route").as_array()) {
    catalog::Step step;
    step.id = s.at("id").as_string();
    if (const auto* after = s.as_object().if_contains("after")) step.after = strings(*after);
    if (const auto* c = s.as_object().if_contains("condition"))
      step.condition =
          catalog::Condition{std::string(c->at("attribute").as_string()), std::string(c->at("equals").as_string())};
    bundle.steps.push_back(step);
    catalog::GuideStep g;
    g.id = step.id;
    guide.steps.push_back(g);
  }
  for (const auto& m : spec.at("materials").as_array()) {
    catalog::GuideMaterial g;
    g.id = m.at("id").as_string();
    g.required = m.at("required").as_bool();
    g.key = m.at("key").as_bool();
    g.steps = strings(m.at("steps"));
    guide.materials.push_back(g);
  }
  int n = 0;
  for (const auto& c : spec.at("cases").as_array()) {
    std::map<std::string, std::string> attributes;
    for (const auto& kv : c.at("attributes").as_object()) attributes[std::string(kv.key())] = kv.value().as_string();
    const auto received = strings(c.at("received"));
    const auto check =
        flow::check_materials(guide, flow::active_steps(bundle, attributes), {received.begin(), received.end()});
    std::vector<std::string> missing;  // in the guide's order, key or not
    for (const auto& g : guide.materials)
      if (std::count(check.missing_key.begin(), check.missing_key.end(), g.id) ||
          std::count(check.missing_deferrable.begin(), check.missing_deferrable.end(), g.id))
        missing.push_back(g.id);
    EXPECT_EQ(missing, strings(c.at("missing"))) << "case " << n;
    const auto open = flow::open_decisions(check);
    std::vector<std::string> opened;
    if (open.accept) opened.emplace_back("accept");
    if (open.accept_with_deferral) opened.emplace_back("accept_with_deferral");
    if (open.supplement) opened.emplace_back("supplement");
    if (open.refuse) opened.emplace_back("refuse");
    EXPECT_EQ(opened, strings(c.at("open"))) << "case " << n;
    ++n;
  }
  EXPECT_EQ(n, 10);
}
