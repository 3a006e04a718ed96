// The password rule with Debian's cracklib dictionary (cracklib-runtime): length in characters, dictionary
// words, systematic strings, the login or name, reasons in Chinese, and random passwords that always pass.
#include <gtest/gtest.h>

#include "services/platform/credentials.hpp"
#include "services/platform/password_policy.hpp"

using ow::platform::password_weakness;

TEST(PasswordPolicy, TheDictionaryIsInstalled) { EXPECT_TRUE(ow::platform::password_dictionary_available()); }

TEST(PasswordPolicy, RefusesShortAndWeakPasswordsInChinese) {
  auto why = [](const std::string& p) { return password_weakness(p, "clerk1", "王窗口").value_or("(accepted)"); };
  EXPECT_EQ(why("Xk7mPq2vR"), "密码至少需要 10 个字符");
  EXPECT_EQ(why("一窗受理一窗受理一"), "密码至少需要 10 个字符");  // 9 characters, 27 bytes
  EXPECT_EQ(why("password12"), "密码由常见单词构成，容易被猜中");
  EXPECT_EQ(why("1234567890"), "密码过于简单或有规律（如连续的数字、字母或键盘顺序）");
  EXPECT_EQ(why("aaaaaaaaaa"), "密码中不同的字符太少");
  EXPECT_EQ(why("clerk1clerk1"), "密码不能由登录名构成");
  EXPECT_EQ(why(std::string(300, 'x') + "Y7"), "密码不能超过 256 个字节");
  EXPECT_EQ(why("Tall-Lantern-4821"), "(accepted)");
  EXPECT_EQ(why("password-123"), "(accepted)");  // the test fixtures' password passes cracklib-small
}

TEST(PasswordPolicy, GeneratedPasswordsAlwaysPass) {
  ow::platform::init_credentials();
  for (int i = 0; i < 200; ++i) {
    const auto p = ow::platform::new_strong_password("clerk1", "王窗口");
    EXPECT_FALSE(password_weakness(p, "clerk1", "王窗口")) << p;
  }
}
