// Routes of callbacks and surveys (issue 18): the sampling frame, its corrections, the callback draws, the
// surveyor's call list and answers, the survey estimates and the weekly 回访情况 filing.
#pragma once

#include "services/platform/router.hpp"
#include "services/supervision/survey_service.hpp"

namespace ow::supervision {

void add_survey_routes(platform::Router& router, SurveyService& service);

}  // namespace ow::supervision
