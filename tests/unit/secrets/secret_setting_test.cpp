// Secret settings from the environment or from private files (NAME / NAME_FILE): the file's mode, type, size
// and content rules, judged on the facts a (fake) reader reports — no file is touched here; the disk reader
// itself is exercised by tests/e2e/run_as_service_user_test and secret_files_e2e_test.
#include <gtest/gtest.h>

#include <cerrno>
#include <map>

#include "adapters/secrets/secret_setting.hpp"

using namespace ow::adapters;

namespace {

struct FakeFiles {
  std::map<std::string, FileRead> files;
  FileRead operator()(const std::string& path) const {
    auto it = files.find(path);
    if (it == files.end()) return FileRead{ENOENT, false, 0, false, {}};
    return it->second;
  }
};

FileRead regular(unsigned mode, std::string content) { return FileRead{0, true, mode, false, std::move(content)}; }

Getenv env_of(const std::map<std::string, std::string>& vars) {
  return [vars](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const SecretError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(SecretFile, ReadsAPrivateFileWithoutItsTrailingNewline) {
  FakeFiles fs{{{"/s/lf", regular(0600, "s3cret\n")},
                {"/s/crlf", regular(0400, "s3cret\r\n")},
                {"/s/bare", regular(0600, "s3cret")},
                {"/s/inner", regular(0600, "line one\nline two\n\n")}}};
  EXPECT_EQ(secret_from_file("X_FILE", "/s/lf", fs), "s3cret");
  EXPECT_EQ(secret_from_file("X_FILE", "/s/crlf", fs), "s3cret");
  EXPECT_EQ(secret_from_file("X_FILE", "/s/bare", fs), "s3cret");
  EXPECT_EQ(secret_from_file("X_FILE", "/s/inner", fs), "line one\nline two");  // only the end is trimmed
}

TEST(SecretFile, RefusesAFileOpenToGroupOrOthers) {
  for (unsigned mode : {0640u, 0604u, 0644u, 0660u, 0620u, 0602u, 0610u, 0601u, 0777u}) {
    FakeFiles fs{{{"/s/k", regular(mode, "s3cret\n")}}};
    const std::string e = error_of([&] { secret_from_file("OW_DEPT_SECRET_SCJG_FILE", "/s/k", fs); });
    EXPECT_NE(e.find("OW_DEPT_SECRET_SCJG_FILE: /s/k is open to group or others"), std::string::npos)
        << std::oct << mode << " " << e;
    EXPECT_NE(e.find("chmod 600 /s/k"), std::string::npos) << e;
    EXPECT_EQ(e.find("s3cret"), std::string::npos) << "the secret leaked into the message: " << e;
    EXPECT_EQ(e.find('\n'), std::string::npos) << "one line: " << e;
  }
  FakeFiles fs{{{"/s/k", regular(0644, "x")}}};
  EXPECT_NE(error_of([&] { secret_from_file("V", "/s/k", fs); }).find("(mode 0644)"), std::string::npos);
  for (unsigned mode : {0600u, 0400u, 0200u, 0700u, 0000u}) {
    FakeFiles ok{{{"/s/k", regular(mode, "s3cret")}}};
    EXPECT_EQ(secret_from_file("V", "/s/k", ok), "s3cret") << std::oct << mode;
  }
}

TEST(SecretFile, MissingUnreadableEmptyOrNotRegularIsAnError) {
  FakeFiles fs{{{"/s/empty", regular(0600, "\n")},
                {"/s/dir", FileRead{0, false, 0700, false, {}}},
                {"/s/denied", FileRead{EACCES, false, 0, false, {}}},
                {"/s/huge", FileRead{0, true, 0600, true, std::string(kMaxSecretBytes + 1, 'a')}}}};
  EXPECT_EQ(error_of([&] { secret_from_file("OW_DB_URL_FILE", "/s/none", fs); }),
            "OW_DB_URL_FILE: /s/none: cannot read (No such file or directory)");
  EXPECT_EQ(error_of([&] { secret_from_file("V", "/s/denied", fs); }), "V: /s/denied: cannot read (Permission denied)");
  EXPECT_EQ(error_of([&] { secret_from_file("V", "/s/empty", fs); }), "V: /s/empty is empty");
  EXPECT_EQ(error_of([&] { secret_from_file("V", "/s/dir", fs); }), "V: /s/dir is not a regular file");
  EXPECT_EQ(error_of([&] { secret_from_file("V", "/s/huge", fs); }), "V: /s/huge is larger than 64 KiB");
}

TEST(SecretFromEnv, TheVariableOrItsFileButNotBoth) {
  FakeFiles fs{{{"/run/secret", regular(0600, "from-file\n")}, {"/run/open", regular(0644, "from-file\n")}}};
  EXPECT_EQ(secret_from_env("OW_DB_URL", env_of({{"OW_DB_URL", "from-env"}}), fs), "from-env");
  EXPECT_EQ(secret_from_env("OW_DB_URL", env_of({{"OW_DB_URL_FILE", "/run/secret"}}), fs), "from-file");
  EXPECT_EQ(secret_from_env("OW_DB_URL", env_of({{"OW_DB_URL", ""}, {"OW_DB_URL_FILE", "/run/secret"}}), fs),
            "from-file");
  EXPECT_EQ(secret_from_env("OW_DB_URL", env_of({}), fs), std::nullopt);
  EXPECT_EQ(secret_from_env("OW_DB_URL", env_of({{"OW_DB_URL", ""}, {"OW_DB_URL_FILE", ""}}), fs), std::nullopt);
  EXPECT_EQ(error_of([&] {
              secret_from_env("OW_DB_URL", env_of({{"OW_DB_URL", "a"}, {"OW_DB_URL_FILE", "/run/secret"}}), fs);
            }),
            "both OW_DB_URL and OW_DB_URL_FILE are set; keep only one");
  EXPECT_NE(error_of([&] {
              secret_from_env("K", env_of({{"K_FILE", "/run/open"}}), fs);
            }).find("K_FILE: /run/open is open to group"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              secret_from_env("K", env_of({{"K_FILE", "/run/none"}}), fs);
            }).find("K_FILE: /run/none: cannot read"),
            std::string::npos);
}
