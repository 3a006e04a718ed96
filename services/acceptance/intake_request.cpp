// Parsing of intake requests.
#include "services/acceptance/intake_request.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <regex>

#include "services/platform/problem.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::problems::bad_request;

const json::value* member(const json::object& o, const char* name) {
  auto it = o.find(name);
  return it == o.end() || it->value().is_null() ? nullptr : &it->value();
}

std::string text(const json::object& o, const char* name, const std::string& field, bool required = true,
                 std::size_t max = 200) {
  const json::value* v = member(o, name);
  if (!v) {
    if (required) throw bad_request("'" + field + "' is required", field);
    return {};
  }
  if (!v->is_string()) throw bad_request("'" + field + "' must be a string", field);
  std::string s(v->as_string());
  if (required && s.empty()) throw bad_request("'" + field + "' must not be empty", field);
  if (s.size() > max) throw bad_request("'" + field + "' is too long", field);
  return s;
}

const json::array& array_of(const json::object& o, const char* name, const std::string& field) {
  static const json::array empty;
  const json::value* v = member(o, name);
  if (!v) return empty;
  if (!v->is_array()) throw bad_request("'" + field + "' must be a list", field);
  return v->as_array();
}

const json::object& object_of(const json::value& v, const std::string& field) {
  if (!v.is_object()) throw bad_request("'" + field + "' must be an object", field);
  return v.as_object();
}

Agent parse_agent(const json::object& o) {
  const json::value* v = member(o, "agent");
  if (!v) throw bad_request("an establishment names its agent (applicant.agent)", "applicant.agent");
  const auto& ao = object_of(*v, "applicant.agent");
  return {text(ao, "name", "applicant.agent.name", true, 50),
          text(ao, "id_number", "applicant.agent.id_number", true, 18)};
}

Newborn parse_newborn(const json::value& v) {
  const auto& o = object_of(v, "applicant.newborn");
  Newborn n{text(o, "name", "applicant.newborn.name", true, 50), text(o, "sex", "applicant.newborn.sex", true, 8),
            text(o, "birth_date", "applicant.newborn.birth_date", true, 10),
            text(o, "certificate_number", "applicant.newborn.certificate_number", true, 20)};
  if (n.sex != "男" && n.sex != "女")
    throw bad_request("applicant.newborn.sex must be 男 or 女", "applicant.newborn.sex");
  return n;
}

Applicant parse_applicant(const json::object& body) {
  const json::value* v = member(body, "applicant");
  if (!v) throw bad_request("'applicant' is required", "applicant");
  const auto& o = object_of(*v, "applicant");
  Applicant a;
  a.kind = text(o, "kind", "applicant.kind");
  if (a.kind != "person" && a.kind != "enterprise")
    throw bad_request("applicant.kind must be person or enterprise", "applicant.kind");
  a.name = text(o, "name", "applicant.name", true, 100);
  if (const json::value* e = member(o, "establishment")) {
    if (!e->is_bool()) throw bad_request("applicant.establishment must be true or false", "applicant.establishment");
    a.establishment = e->as_bool();
  }
  if (a.kind == "person") {
    if (a.establishment) throw bad_request("only an enterprise is established", "applicant.establishment");
    a.id_number = text(o, "id_number", "applicant.id_number", true, 18);
    if (const json::value* n = member(o, "newborn")) a.newborn = parse_newborn(*n);
  } else if (a.establishment) {
    // 设立登记: the company has no credit code yet; the agent's ID number stands for it.
    if (member(o, "credit_code")) throw bad_request("an establishment has no credit code yet", "applicant.credit_code");
    a.agent = parse_agent(o);
  } else {
    a.credit_code = text(o, "credit_code", "applicant.credit_code", true, 18);
    a.credit_code_override_reason =
        text(o, "credit_code_override_reason", "applicant.credit_code_override_reason", false);
  }
  if (a.kind == "enterprise" && member(o, "newborn"))
    throw bad_request("a newborn belongs to a person's application", "applicant.newborn");
  return a;
}

void parse_materials(const json::object& body, IntakeRequest& r) {
  int i = 0;
  for (const auto& m : array_of(body, "materials", "materials")) {
    const std::string field = "materials[" + std::to_string(i++) + "]";
    const auto& o = object_of(m, field);
    PresentedMaterial p{text(o, "id", field + ".id", true, 64), text(o, "form", field + ".form")};
    if (p.form != "original" && p.form != "copy" && p.form != "electronic" && p.form != "elicense")
      throw bad_request(field + ".form must be original, copy, electronic or elicense", field + ".form");
    r.materials.push_back(p);
  }
  // 告知承诺: the items whose commitment the applicant signs instead of their named proofs.
  i = 0;
  for (const auto& c : array_of(body, "commitments", "commitments")) {
    const std::string field = "commitments[" + std::to_string(i++) + "]";
    if (!c.is_string() || c.as_string().empty() || c.as_string().size() > 24)
      throw bad_request(field + " must be the code of an item that accepts a commitment (告知承诺)", field);
    if (std::find(r.commitments.begin(), r.commitments.end(), c.as_string()) != r.commitments.end())
      throw bad_request(field + " names an item twice", field);
    r.commitments.emplace_back(c.as_string());
  }
}

WindowDecision parse_decision(const json::value& v) {
  const auto& o = object_of(v, "decision");
  WindowDecision d;
  d.kind = text(o, "kind", "decision.kind");
  if (d.kind == "accept_with_deferral") {
    int i = 0;
    for (const auto& x : array_of(o, "deferrals", "decision.deferrals")) {
      const std::string field = "decision.deferrals[" + std::to_string(i++) + "]";
      const auto& xo = object_of(x, field);
      Deferral def{text(xo, "material", field + ".material", true, 64), 0};
      try {
        def.due = calendar::parse_date(text(xo, "due_date", field + ".due_date"));
      } catch (const calendar::ParseError& e) {
        throw bad_request(e.what(), field + ".due_date");
      }
      d.deferrals.push_back(def);
    }
    if (d.deferrals.empty())
      throw bad_request("accept_with_deferral lists the deferred materials", "decision.deferrals");
  } else if (d.kind == "supplement") {
    for (const auto& x : array_of(o, "missing", "decision.missing")) {
      if (!x.is_string()) throw bad_request("decision.missing lists material ids", "decision.missing");
      d.missing.emplace_back(x.as_string());
    }
  } else if (d.kind == "refuse") {
    d.reason = text(o, "reason", "decision.reason", true, 1000);
    d.legal_basis = text(o, "legal_basis", "decision.legal_basis", true, 500);
  } else if (d.kind != "accept") {
    throw bad_request("decision.kind must be accept, accept_with_deferral, supplement or refuse", "decision.kind");
  }
  return d;
}

}  // namespace

std::string applicant_to_json(const Applicant& a) {
  json::object o{{"kind", a.kind}, {"name", a.name}};
  if (a.kind == "person")
    o["id_number"] = a.id_number;
  else if (!a.establishment)
    o["credit_code"] = a.credit_code;
  if (!a.credit_code_override_reason.empty()) o["credit_code_override_reason"] = a.credit_code_override_reason;
  if (a.establishment) o["establishment"] = true;
  if (a.agent) o["agent"] = json::object{{"name", a.agent->name}, {"id_number", a.agent->id_number}};
  if (a.newborn)
    o["newborn"] = json::object{{"name", a.newborn->name},
                                {"sex", a.newborn->sex},
                                {"birth_date", a.newborn->birth_date},
                                {"certificate_number", a.newborn->certificate_number}};
  return json::serialize(o);
}

Applicant applicant_from_json(const std::string& text) {
  const json::object o = json::parse(text).as_object();
  auto str = [](const json::object& x, const char* k) {
    const auto* v = x.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  Applicant a;
  a.kind = str(o, "kind");
  a.name = str(o, "name");
  a.id_number = str(o, "id_number");
  a.credit_code = str(o, "credit_code");
  a.credit_code_override_reason = str(o, "credit_code_override_reason");
  if (const auto* e = o.if_contains("establishment"); e && e->is_bool()) a.establishment = e->as_bool();
  if (const auto* g = o.if_contains("agent"); g && g->is_object())
    a.agent = Agent{str(g->as_object(), "name"), str(g->as_object(), "id_number")};
  if (const auto* n = o.if_contains("newborn"); n && n->is_object()) {
    const auto& no = n->as_object();
    a.newborn = Newborn{str(no, "name"), str(no, "sex"), str(no, "birth_date"), str(no, "certificate_number")};
  }
  return a;
}

const std::string& licence_holder(const Applicant& a) {
  if (a.kind == "person") return a.id_number;
  return a.establishment && a.agent ? a.agent->id_number : a.credit_code;
}

IntakeRequest parse_decision_request(const json::object& body) {
  IntakeRequest r;
  parse_materials(body, r);
  const json::value* d = member(body, "decision");
  if (!d) throw bad_request("'decision' is required", "decision");
  r.decision = parse_decision(*d);
  if (const json::value* p = member(body, "applicant_present")) {
    if (!p->is_bool()) throw bad_request("'applicant_present' must be true or false", "applicant_present");
    r.applicant_present = p->as_bool();
  }
  return r;
}

IntakeRequest parse_intake_request(const json::object& body) {
  IntakeRequest r;
  r.bundle = text(body, "bundle", "bundle", true, 32);
  r.channel = member(body, "channel") ? text(body, "channel", "channel") : "window";
  if (r.channel != "window" && r.channel != "online" && r.channel != "app" && r.channel != "kiosk")
    throw bad_request("channel must be window, online, app or kiosk", "channel");
  r.applicant = parse_applicant(body);
  r.phone = text(body, "contact_phone", "contact_phone", true, 20);
  static const std::regex phone(R"(^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$)");
  if (!std::regex_match(r.phone, phone))
    throw bad_request("contact_phone must be a mobile (11 digits) or a landline number", "contact_phone");
  if (const json::value* a = member(body, "attributes")) {
    for (const auto& kv : object_of(*a, "attributes")) {
      const std::string field = "attributes." + std::string(kv.key());
      if (kv.value().is_bool())
        r.attributes[std::string(kv.key())] = kv.value().as_bool() ? "true" : "false";
      else if (kv.value().is_string())
        r.attributes[std::string(kv.key())] = std::string(kv.value().as_string());
      else
        throw bad_request(field + " must be true, false or a string", field);
    }
  }
  parse_materials(body, r);
  if (const json::value* d = member(body, "decision"))
    r.decision = parse_decision(*d);
  else if (r.channel == "window")
    throw bad_request("a window intake needs the clerk's 'decision'", "decision");
  if (const json::value* p = member(body, "applicant_present")) {
    if (!p->is_bool()) throw bad_request("'applicant_present' must be true or false", "applicant_present");
    r.applicant_present = p->as_bool();
  }
  return r;
}

}  // namespace ow::acceptance
