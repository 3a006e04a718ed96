// The KPI definitions' text.
#include "services/supervision/kpi_definitions.hpp"

namespace ow::supervision {

const std::vector<KpiDefinition>& kpi_definitions() {
  static const std::vector<KpiDefinition> list = {
      {"realisation_rate", "实现率（最多跑一次）", "期间内结束的申请中，申请人到现场不超过 1 次的件数",
       "期间内结束的申请件数：办结、不予受理、不予许可、撤回均计入，在办件不计",
       "按申请结束的时间：办结以出件时间为准，其余以作出决定或撤回的时间为准"},
      {"satisfaction_rate", "满意率", "期间内评价为基本满意、满意或非常满意（3 至 5 分）的件数",
       "期间内的评价件数：已结束的申请（含不予受理、不予许可、撤回）均可评价，追评以追评后的分数为准",
       "按首次评价的时间"},
      {"on_time_rate_committed", "按承诺时限办结率", "期间内办结且未超过承诺时限的件数", "期间内办结的件数",
       "按办结（出件）时间"},
      {"on_time_rate_statutory", "按法定时限办结率", "期间内办结且未超过法定时限的件数", "期间内办结的件数",
       "按办结（出件）时间"},
      {"immediate_share", "即办件占比", "期间内办结的件中，受理当日办结的件数", "期间内办结的件数",
       "按办结（出件）时间"},
      {"online_share", "网上办占比", "期间内受理的网上申请件数", "期间内受理的件数", "按受理时间"},
      {"one_card_share", "一证通办占比", "期间内受理的件中，除身份证外未收取任何纸质材料的件数", "期间内受理的件数",
       "按受理时间"},
      {"one_card_items.share", "一证通办事项占比", "个人事项中标为一证通办（仅凭身份证即可办理）的事项数",
       "个人事项数（面向个人的一件事所含事项，企业事项不计入）", "按当前生效的事项目录，与期间无关"},
      {"materials.reduction_rate", "材料精简率", "各一件事合并后申请人需提交的材料数（同一材料只交一次）",
       "该一件事所含各事项改革前所需材料数（目录中的 baseline_materials）之和；结果为各一件事 1 − 分子 ÷ 分母 "
       "的平均值，缺少改革前材料数的一件事不计入",
       "按当前生效的事项目录，与期间无关"},
      {"hotline.repeat_complaint_rate", "12345重复投诉率",
       "期间内受理的投诉中，同一申请人就同一主题在此前 30 日内已投诉过的件数", "期间内受理的12345投诉件数",
       "按热线受理工单的时间"},
      {"hotline.direct_answer_rate", "12345直接答复率", "期间内受理并已答复的工单中，当场答复或直接答复的件数",
       "期间内受理并已答复的12345工单件数", "按热线受理工单的时间"},
  };
  return list;
}

const std::string& visit_rule() {
  static const std::string rule =
      "到窗口或大厅自助终端申请受理、补正时本人到场、到窗口取件，各算跑一次；受理当次当场办结并取件（即办），"
      "取件不另计；网上、掌上申请以及邮寄、电子送达不算跑。";
  return rule;
}

boost::json::object definitions_json() {
  boost::json::object out;
  for (const auto& d : kpi_definitions())
    out[d.key] = boost::json::object{
        {"name", d.name}, {"numerator", d.numerator}, {"denominator", d.denominator}, {"period", d.period}};
  out["visits"] = visit_rule();
  return out;
}

}  // namespace ow::supervision
