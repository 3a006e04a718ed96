// Chinese names of request fields.
#include "services/platform/field_labels.hpp"

#include <map>

namespace ow::platform {

std::string field_label(std::string_view field) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"actor", "操作人"},
      {"after", "起始编号"},
      {"applicant", "申请人"},
      {"applicant.credit_code", "统一社会信用代码"},
      {"applicant.id_number", "申请人身份证件号码"},
      {"applicant.kind", "申请人类型"},
      {"applicant.name", "申请人姓名或名称"},
      {"applicant_present", "申请人是否到场"},
      {"attributes", "办理情形"},
      {"audience", "服务对象"},
      {"body", "请求内容"},
      {"bundle", "一件事"},
      {"case", "办件"},
      {"case_number", "办件编号"},
      {"channel", "申请渠道"},
      {"code", "查询码"},
      {"comment", "评价内容"},
      {"contact_phone", "联系电话"},
      {"content", "内容"},
      {"credit_code", "统一社会信用代码"},
      {"cursor", "翻页位置"},
      {"day", "日期"},
      {"decision", "受理决定"},
      {"decision.deferrals", "容缺材料"},
      {"decision.kind", "受理决定"},
      {"decision.missing", "需补正的材料"},
      {"department", "部门"},
      {"due_before", "到期日期"},
      {"due_date", "补交期限"},
      {"format", "格式"},
      {"from", "开始日期"},
      {"hall", "大厅"},
      {"holder", "身份证件号码或统一社会信用代码"},
      {"id", "编号"},
      {"id_number", "身份证件号码"},
      {"kind", "类型"},
      {"legal_basis", "法律依据"},
      {"level", "预警级别"},
      {"limit", "每页条数"},
      {"login", "登录名"},
      {"material", "材料"},
      {"materials", "材料"},
      {"method", "送达方式"},
      {"name", "名称"},
      {"note", "督办内容"},
      {"number", "办件编号"},
      {"offset_seconds", "时间偏移"},
      {"opinion", "审批意见"},
      {"page", "页码"},
      {"password", "密码"},
      {"path", "访问地址"},
      {"procedure", "特别程序"},
      {"produced", "办理结果"},
      {"q", "搜索词"},
      {"query", "查询条件"},
      {"reason", "理由"},
      {"region", "区划"},
      {"scope", "范围"},
      {"score", "评分"},
      {"since", "起始时间"},
      {"size", "每页条数"},
      {"state", "状态"},
      {"step", "环节"},
      {"task", "任务"},
      {"to", "结束日期"},
      {"tracking_number", "快递单号"},
      {"type", "类型"},
      {"types", "证照类型"},
      {"version", "目录版本"},
      {"week", "周次"},
      {"window", "窗口"},
      {"working_days", "工作日数"},
  };
  const auto it = kLabels.find(field);
  if (it != kLabels.end()) return std::string(it->second);
  if (field.starts_with("attributes.")) return "办理情形";  // one of the bundle's questions, by its key
  return {};
}

}  // namespace ow::platform
