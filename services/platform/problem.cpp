// Problem bodies and the catalogue of common problems.
#include "services/platform/problem.hpp"
#include "services/platform/field_labels.hpp"

namespace ow::platform {

boost::json::object Problem::body(const std::string& instance, const std::string& request_id) const {
  boost::json::object o;
  o["type"] = "https://onewindow.gov.cn/problems/" + code_;
  o["title"] = title_;
  o["status"] = status_;
  o["code"] = code_;
  if (!detail_.empty()) o["detail"] = detail_;
  o["instance"] = instance;
  if (!request_id.empty()) o["request_id"] = request_id;
  for (const auto& kv : extra_) o[kv.key()] = kv.value();
  return o;
}

namespace problems {

Problem bad_request(std::string detail, std::string field) {
  boost::json::object extra;
  if (!field.empty()) extra["field"] = field;
  // The title names the field in Chinese when it has a name (「联系电话」未填写或有误); `code` stays stable.
  const std::string label = field_label(field);
  return Problem(400, "invalid_request", label.empty() ? "请求参数有误" : "「" + label + "」未填写或有误",
                 std::move(detail), std::move(extra));
}
Problem malformed_json(std::string detail) {
  return Problem(400, "malformed_json", "请求体不是合法的 JSON", std::move(detail));
}
Problem unauthorized(std::string detail) {
  return Problem(401, "unauthenticated", "未登录或登录已失效", std::move(detail));
}
Problem forbidden(std::string detail) { return Problem(403, "forbidden", "无权执行此操作", std::move(detail)); }
Problem not_found(std::string detail) { return Problem(404, "not_found", "资源不存在", std::move(detail)); }
Problem conflict(std::string code, std::string title, std::string detail) {
  return Problem(409, std::move(code), std::move(title), std::move(detail));
}
Problem unprocessable(std::string code, std::string title, std::string detail) {
  return Problem(422, std::move(code), std::move(title), std::move(detail));
}
Problem payload_too_large(std::size_t limit) {
  boost::json::object extra;
  extra["limit_bytes"] = limit;
  // Said in the unit a person reads on a file: 20 MB, 512 KB (whole numbers, rounded down).
  const std::string size = limit >= 1024 * 1024 ? std::to_string(limit / (1024 * 1024)) + " MB"
                           : limit >= 1024      ? std::to_string(limit / 1024) + " KB"
                                                : std::to_string(limit) + " 字节";
  return Problem(413, "payload_too_large", "提交的内容过大，不能超过 " + size,
                 "the request body exceeds " + std::to_string(limit) + " bytes", std::move(extra));
}
Problem unavailable(std::string code, std::string title, std::string detail, unsigned retry_after) {
  return Problem(503, std::move(code), std::move(title), std::move(detail)).with_retry_after(retry_after);
}
Problem internal(std::string detail) { return Problem(500, "internal_error", "服务器内部错误", std::move(detail)); }

}  // namespace problems
}  // namespace ow::platform
