// A fake ClamAV daemon for tests: listens on a Unix socket, takes INSTREAM scans as clamd does (command,
// length-prefixed chunks, a zero length at the end) and answers FOUND when the EICAR test string is in the
// bytes, OK otherwise — or stays silent, to test timeouts. Serves `connections` scans, one after another.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace ow::testing {

// The EICAR anti-virus test file's 68 characters (constexpr: usable in other files' static initialisers).
inline constexpr std::string_view kEicar = R"(X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*)";

class FakeClamd {
 public:
  explicit FakeClamd(bool silent = false, int connections = 1);
  ~FakeClamd();  // stops listening and waits for the connection being served
  FakeClamd(const FakeClamd&) = delete;
  FakeClamd& operator=(const FakeClamd&) = delete;
  const std::string& path() const { return path_; }
  // What the last scan received (read after the scan finished).
  std::string command, received;
  int chunks = 0;

 private:
  void serve(int connections);
  bool silent_;
  std::string path_;
  int fd_ = -1;
  std::thread thread_;
};

}  // namespace ow::testing
