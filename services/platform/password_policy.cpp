// The password rule, on top of libcrack2's FascistCheckUser.
#include "services/platform/password_policy.hpp"

#include <crack.h>
#include <cstddef>  // crack.h uses size_t without including it

#include <filesystem>
#include <mutex>
#include <utility>

#include "services/platform/credentials.hpp"

namespace ow::platform {
namespace {

std::mutex cracklib_mutex;  // cracklib keeps its results in static buffers

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// cracklib's messages (English, since the process never calls setlocale) in Chinese.
std::string in_chinese(const std::string& why) {
  static const std::pair<const char*, const char*> kReasons[] = {
      {"too short", "密码太短"},
      {"DIFFERENT characters", "密码中不同的字符太少"},
      {"all whitespace", "密码不能全是空白字符"},
      {"simplistic/systematic", "密码过于简单或有规律（如连续的数字、字母或键盘顺序）"},
      {"National Insurance", "密码形似证件号码"},
      {"(reversed) dictionary word", "密码由常见单词倒写而来，容易被猜中"},
      {"dictionary word", "密码由常见单词构成，容易被猜中"},
      {"your username", "密码不能由登录名构成"},
      {"password entry", "密码不能由姓名或登录名构成"},
  };
  for (const auto& [english, chinese] : kReasons)
    if (why.find(english) != std::string::npos) return chinese;
  return "密码强度不足";
}

}  // namespace

bool password_dictionary_available() {
  const std::string dict = GetDefaultCracklibDict();
  for (const char* ext : {".pwd", ".pwi", ".hwm"}) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dict + ext, ec)) return false;
  }
  return true;
}

std::optional<std::string> password_weakness(const std::string& password, const std::string& login,
                                             const std::string& name) {
  if (code_points(password) < kMinPasswordCharacters) return "密码至少需要 10 个字符";
  if (password.size() > 256) return "密码不能超过 256 个字节";
  if (password.find('\0') != std::string::npos) return "密码不能包含空字符";
  if (!password_dictionary_available())
    throw PasswordCheckUnavailable(std::string("the cracklib dictionary ") + GetDefaultCracklibDict() +
                                   " is missing (Debian package cracklib-runtime)");
  std::lock_guard lock(cracklib_mutex);
  const char* why = FascistCheckUser(password.c_str(), GetDefaultCracklibDict(), login.c_str(), name.c_str());
  if (!why) return std::nullopt;
  const std::string text = why;
  if (text.find("error loading dictionary") != std::string::npos || text.find("memory allocation") != std::string::npos)
    throw PasswordCheckUnavailable("cracklib: " + text);
  return in_chinese(text);
}

std::string new_strong_password(const std::string& login, const std::string& name) {
  // 14 characters from 55: about 81 bits. cracklib almost never objects to one; try again when it does.
  for (int i = 0; i < 100; ++i) {
    std::string p = new_password();
    if (!password_weakness(p, login, name)) return p;
  }
  throw std::runtime_error("no random password passed the password rule in 100 tries");
}

}  // namespace ow::platform
