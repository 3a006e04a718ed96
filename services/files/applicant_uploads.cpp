// The applicant's uploads: their own case, in a state that waits for them, through the counter's upload.
#include "services/files/applicant_uploads.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "services/platform/problem.hpp"
#include "services/store/applicant_store.hpp"

namespace ow::files {
namespace {

namespace json = boost::json;
using platform::Problem;
namespace problems = platform::problems;

const char* kUrlBase = "/api/v1/applicant/cases/";

bool own(store::Tx& tx, const platform::Actor& applicant, const std::string& number) {
  return store::applicants::owns_case(tx, number, applicant.holder_index, applicant.company_index);
}

}  // namespace

bool takes_applicant_files(const std::string& state, const std::vector<store::TaskRow>& tasks) {
  if (state == "Submitted" || state == "AwaitingSupplement") return true;
  return state == "Suspended" &&
         std::any_of(tasks.begin(), tasks.end(), [](const auto& t) { return t.state == "SupplementRequested"; });
}

json::object ApplicantUploads::upload(const platform::Actor& applicant, const std::string& number,
                                      const std::string& material, const std::string& file_name, ByteSource& source) {
  // Before the upload's transaction (the catalog may be read from the database): the case is theirs and the
  // material one of its catalog's.
  const int catalog_version = pool_.transact([&](store::Tx& tx) {
    auto c = store::cases::by_number(tx, number);
    if (!c || !own(tx, applicant, number)) throw problems::not_found("no case " + number);
    return c->catalog_version;
  });
  const auto loaded = catalog_.version(catalog_version);
  if (!loaded || !loaded->catalog.materials.contains(material))
    throw Problem(422, "unknown_material", "该办件没有这项材料", "the case's catalog has no material " + material,
                  json::object{{"field", "material"}});
  // Under the case's lock: still theirs, and waiting for them.
  const auto admit = [&](store::Tx& tx, const store::CaseRow& c) {
    if (!own(tx, applicant, number)) throw problems::not_found("no case " + number);
    if (!takes_applicant_files(c.state, store::cases::tasks(tx, c.id)))
      throw Problem(409, "case_takes_no_files", "该办件当前不接受上传材料：只有待预审或待补正时可以上传",
                    "files are added while the case is Submitted or waits for the applicant's supplement",
                    json::object{{"state", c.state}, {"field", "number"}});
  };
  return files_.upload_admitted(admit, std::nullopt, number, material, file_name, source, kUrlBase);
}

void ApplicantUploads::require_own(const platform::Actor& applicant, const std::string& number) {
  if (!pool_.transact([&](store::Tx& tx) { return own(tx, applicant, number); }))
    throw problems::not_found("no case " + number);
}

json::object ApplicantUploads::list(const platform::Actor& applicant, const std::string& number) {
  require_own(applicant, number);
  return files_.list_admitted(number, kUrlBase);
}

std::string ApplicantUploads::read(const platform::Actor& applicant, const std::string& number, std::int64_t file_id,
                                   const std::function<void(std::string_view)>& sink) {
  require_own(applicant, number);
  return files_.read_admitted(number, file_id, sink);
}

}  // namespace ow::files
