// What a signed-in applicant does with their own cases (issue 20): submit an application of a bundle from the
// public guide with the counter's form and rules (Submitted, into the region's pre-review queue), list and
// view their cases (each step's real state, what is asked of them, the documents issued, the delivery), print
// a document, and answer a supplement request online (an intake 补正 returns the case to pre-review; a
// department's 补正 resumes its tasks) — no trip. A case is theirs when its holder index is the blind index of
// their verified ID number or their company's credit code; any other case is answered as missing.
//
// Materials: the applicant's submission lists the materials as the counter's form does ({id, form}); their
// files are uploaded through POST /api/v1/applicant/cases/{number}/materials/{material}
// (services/files/applicant_uploads.hpp) while the case is Submitted or waits for their 补正.
//
// Delivery: the applicant chooses how the result reaches them (邮寄 with a posting address, 电子送达, 窗口领取;
// casework/delivery_choice.hpp) in the submission ("delivery": {...}) or later until it is handed over; the
// clerk's 出件 records the delivery and its tracking number, which their view then shows.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>

#include "services/acceptance/intake_service.hpp"
#include "services/platform/actor.hpp"

namespace ow::acceptance {

class ApplicantDesk {
 public:
  // region_code: where applicants' own submissions are pre-reviewed (setting applicant.region_code).
  ApplicantDesk(IntakeService& intake, store::PgPool& pool, catalog_service::CatalogService& catalog,
                std::function<calendar::Instant()> now, std::string region_code, std::string public_base_url = {})
      : intake_(intake),
        pool_(pool),
        catalog_(catalog),
        now_(std::move(now)),
        region_code_(std::move(region_code)),
        public_base_url_(std::move(public_base_url)) {}

  // POST /api/v1/applicant/cases (Idempotency-Key): the counter's body without a decision; the channel is the
  // session's (kiosk at a kiosk, else app or online). 422 not_the_signed_in_applicant when the form's
  // applicant is someone else.
  Answer submit(const platform::Actor& applicant, const std::string& idempotency_key, const std::string& raw_body,
                boost::json::object body);
  boost::json::object cases(const platform::Actor& applicant);
  boost::json::object view(const platform::Actor& applicant, const std::string& number);
  // PUT /api/v1/applicant/cases/{number}/delivery-choice: {method, recipient?, phone?, address?}; answers the
  // case's view. 409 delivery_choice_closed once the result is handed over or the case ended without one.
  boost::json::object choose_delivery(const platform::Actor& applicant, const std::string& number,
                                      const boost::json::object& body);
  // 补正 answered online: {"note"?}. 409 no_supplement_requested when nothing waits for the applicant.
  boost::json::object answer_supplement(const platform::Actor& applicant, const std::string& number);
  // A document issued to the applicant (receipt, supplement_notice, deferral_notice, refusal_notice, …), HTML.
  std::string document(const platform::Actor& applicant, const std::string& number, const std::string& kind);

 private:
  void require_own(const platform::Actor& applicant, const std::string& number);
  IntakeService& intake_;
  store::PgPool& pool_;
  catalog_service::CatalogService& catalog_;
  std::function<calendar::Instant()> now_;
  std::string region_code_, public_base_url_;
};

}  // namespace ow::acceptance
