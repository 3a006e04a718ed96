// `onewindow archive verify PACKAGE`: re-checks an archive package (电子归档) without the database; prints each
// mismatch in Chinese and exits 1 when there is any.
#include <iostream>

#include "services/archive/archive_verify.hpp"
#include "services/main/args.hpp"
#include "services/main/commands.hpp"

namespace ow::cli {

int archive(const std::vector<std::string>& words, const std::string&) {
  Args a(words, {}, {});
  if (a.positional().size() != 2 || a.positional()[0] != "verify")
    throw UsageError("usage: onewindow archive verify PACKAGE (the package's directory, e.g. var/archive/<办件编号>)");
  const std::string package = a.positional()[1];
  const auto report = ow::archive::verify_package(package);
  for (const auto& p : report.problems) std::cout << "校验失败：" << p << "\n";
  if (!report.problems.empty()) {
    std::cout << "归档包 " << package << " 未通过校验：发现 " << report.problems.size() << " 处不一致\n";
    return kFailure;
  }
  std::cout << "归档包 " << package << " 校验通过：" << report.files_checked << " 个文件与清单一致，"
            << report.audit_rows << " 条审计记录的哈希链完整\n";
  return kOk;
}

}  // namespace ow::cli
