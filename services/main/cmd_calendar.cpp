// `onewindow calendar`: is-workday, due, check — the operator's view of the working-day calendar.
#include <iostream>

#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/calendar_files.hpp"
#include "services/platform/config.hpp"
#include "services/store/admin_store.hpp"
#include "services/store/statements.hpp"
#include "services/supervision/clock_recompute.hpp"
#include "workflow/calendar/calendar_data.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::cli {
namespace {

using namespace ow::calendar;

int bad(const std::string& message) {
  std::cerr << "onewindow calendar: " << message << "\n";
  return kUsage;
}

int check(const Args& a) {
  if (a.positional().size() != 2) return bad("usage: onewindow calendar check FILE");
  std::string text;
  try {
    text = platform::read_text_file(a.positional()[1]);
  } catch (const std::exception& e) {
    return bad(e.what());
  }
  auto issues = check_calendar_csv(text);
  if (issues.empty()) {
    std::cout << "ok\n";
    return kOk;
  }
  for (const auto& i : issues) {
    std::cerr << a.positional()[1];
    if (i.line > 0) std::cerr << ':' << i.line;
    std::cerr << ": " << i.message << "\n";
  }
  return kUsage;
}

}  // namespace

int calendar(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"accepted-at", "limit", "pause"}, {});
  if (a.positional().empty()) return bad("usage: onewindow calendar is-workday|due|check ...");
  const std::string& sub = a.positional()[0];
  if (sub == "check") return check(a);
  if (sub != "is-workday" && sub != "due" && sub != "recompute") return bad("unknown calendar command '" + sub + "'");

  const auto config = platform::Config::load(config_path);
  std::unique_ptr<WorkCalendar> cal;
  try {
    cal = platform::load_calendar(config.path("calendar.dir"), config.flag("calendar.weekday_fallback"));
  } catch (const std::exception& e) {
    std::cerr << "onewindow calendar: " << e.what() << "\n";
    return kFailure;
  }
  if (sub == "recompute") {
    // Every open case's due instants and timekeeper checks, recomputed with the calendar files as they are now
    // and the holiday files uploaded through the admin's screen (stored in PostgreSQL) over them.
    use_personal_data_keys(config);
    store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::all_statements());
    std::vector<std::string> uploads;
    for (const auto& u : pool.transact([](store::Tx& tx) { return store::calendar_uploads::all(tx); }))
      uploads.push_back(u.content);
    cal = platform::load_calendar(config.path("calendar.dir"), config.flag("calendar.weekday_fallback"), uploads);
    const auto hours = OfficeHours::parse(config.text("calendar.office_hours"));
    WorkingTime time(*cal, hours);
    ClockMath math(time);
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const auto r = supervision::recompute_clocks(pool, math, now);
    std::cout << r.cases << " open case(s) read; due instants moved in " << r.moved << "\n";
    return kOk;
  }
  try {
    if (sub == "is-workday") {
      if (a.positional().size() != 2) return bad("usage: onewindow calendar is-workday YYYY-MM-DD");
      std::cout << (cal->is_workday(parse_date(a.positional()[1])) ? "workday" : "off") << "\n";
      return kOk;
    }
    if (a.positional().size() != 1) return bad("unexpected argument '" + a.positional()[1] + "'");
    Clock c;
    c.started_at = parse_instant(a.require("accepted-at"));
    c.limit = parse_limit(a.require("limit"));
    for (const auto& p : a.all("pause")) {
      auto slash = p.find('/');
      if (slash == std::string::npos) return bad("--pause needs START/END, got '" + p + "'");
      Pause pause;
      pause.start = parse_instant(p.substr(0, slash));
      pause.end = parse_instant(p.substr(slash + 1));
      if (*pause.end < pause.start) return bad("pause ends before it starts: '" + p + "'");
      c.pauses.push_back(pause);
    }
    WorkingTime time(*cal, OfficeHours::parse(config.text("calendar.office_hours")));
    auto due = ClockMath(time).due_at(c);
    std::cout << format_instant(*due) << "\n";
    return kOk;
  } catch (const ParseError& e) {
    return bad(e.what());
  } catch (const CalendarRangeError& e) {
    return bad(e.what());
  } catch (const UsageError& e) {
    return bad(e.what());
  }
}

}  // namespace ow::cli
