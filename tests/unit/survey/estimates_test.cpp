// Survey intervals checked against figures computed independently with Python (statistics.NormalDist for z):
//   z = NormalDist().inv_cdf(0.975) = 1.9599639845400536
//   Wilson 7 of 10: (0.3968, 0.8922)
//   stratified (N, n, y) = (20, 4, 3), (10, 2, 1): p = 2/3·0.75 + 1/3·0.5 = 0.6667,
//     v = (2/3)²·(1 − 4/20)·0.75·0.25/4 + (1/3)²·(1 − 2/10)·0.5·0.5/2 → interval (0.3400, 0.9933)
#include <gtest/gtest.h>

#include "workflow/survey/contact_checks.hpp"
#include "workflow/survey/estimates.hpp"

using namespace ow::survey;

TEST(SurveyEstimates, WilsonScoreIntervalByHand) {
  const Interval w = wilson(7, 10);
  EXPECT_NEAR(w.estimate, 0.7, 1e-12);
  EXPECT_NEAR(w.low, 0.3968, 5e-5);
  EXPECT_NEAR(w.high, 0.8922, 5e-5);
  const Interval all = wilson(5, 5);  // never a zero-width interval at 100 %
  EXPECT_EQ(all.high, 1.0);
  EXPECT_LT(all.low, 0.6);
}

TEST(SurveyEstimates, OneStratumIsWilsonSeveralAreStratified) {
  auto one = estimate({{50, 10, 7}, {30, 0, 0}});
  ASSERT_TRUE(one);
  EXPECT_FALSE(one->stratified);
  EXPECT_NEAR(one->interval.low, 0.3968, 5e-5);
  auto two = estimate({{20, 4, 3}, {10, 2, 1}});
  ASSERT_TRUE(two);
  EXPECT_TRUE(two->stratified);
  EXPECT_NEAR(two->interval.estimate, 0.6667, 5e-5);
  EXPECT_NEAR(two->interval.low, 0.3400, 5e-5);
  EXPECT_NEAR(two->interval.high, 0.9933, 5e-5);
  EXPECT_EQ(two->answers, 6);
  EXPECT_EQ(two->yes, 4);
  EXPECT_FALSE(estimate({{10, 0, 0}}));
}

TEST(SurveyEstimates, OverlappingIntervalsAreTies) {
  const auto r = rank_by_interval({{"C", Interval{0.25, 0.1, 0.4}},
                                   {"D", std::nullopt},
                                   {"B", Interval{0.65, 0.5, 0.8}},
                                   {"A", Interval{0.75, 0.6, 0.9}}});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].key, "A");
  EXPECT_EQ(r[0].rank, 1);
  EXPECT_EQ(r[0].ties, std::vector<std::string>{"B"});
  EXPECT_EQ(r[1].key, "B");
  EXPECT_EQ(r[1].rank, 1);  // A's interval overlaps B's: not clearly ahead
  EXPECT_EQ(r[2].key, "C");
  EXPECT_EQ(r[2].rank, 3);  // both wholly above
  EXPECT_TRUE(r[2].ties.empty());
  EXPECT_EQ(r[3].key, "D");
  EXPECT_FALSE(r[3].rank);
}

TEST(SurveyFrameChecks, EachDefectIsFound) {
  EXPECT_TRUE(valid_mainland_phone("13812345678"));
  EXPECT_TRUE(valid_mainland_phone("+86 138 1234 5678"));
  EXPECT_TRUE(valid_mainland_phone("0571-87654321"));
  EXPECT_TRUE(valid_mainland_phone("01012345678"));
  EXPECT_FALSE(valid_mainland_phone("12345678901"));  // no mobile starts 12
  EXPECT_FALSE(valid_mainland_phone("1381234567"));   // 10 digits
  EXPECT_FALSE(valid_mainland_phone("87654321"));     // no area code
  const auto issues = check_frame({{"张三", "13812345678", "k1"},
                                   {"", "13812345678", "k2"},
                                   {"李四", "", "k3"},
                                   {"王五", "555", "k1"},
                                   {"赵六", "0571-87654321", ""}});
  ASSERT_EQ(issues.size(), 5u);
  EXPECT_EQ(issues[0], std::vector<FrameIssue>{FrameIssue::duplicate_applicant});
  EXPECT_EQ(issues[1], std::vector<FrameIssue>{FrameIssue::name_missing});
  EXPECT_EQ(issues[2], std::vector<FrameIssue>{FrameIssue::phone_missing});
  EXPECT_EQ(issues[3], (std::vector<FrameIssue>{FrameIssue::phone_invalid, FrameIssue::duplicate_applicant}));
  EXPECT_TRUE(issues[4].empty());
  EXPECT_STREQ(issue_label(FrameIssue::phone_missing), "联系电话缺失");
}
