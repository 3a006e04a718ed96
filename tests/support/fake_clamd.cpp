// The fake clamd's socket and protocol.
#include "tests/support/fake_clamd.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace ow::testing {

namespace {
bool read_exact(int fd, char* buf, std::size_t n) {
  while (n > 0) {
    const ssize_t k = ::recv(fd, buf, n, 0);
    if (k <= 0) return false;
    buf += k;
    n -= static_cast<std::size_t>(k);
  }
  return true;
}
std::atomic<int> serial{0};
}  // namespace

FakeClamd::FakeClamd(bool silent, int connections) : silent_(silent) {
  path_ = (std::filesystem::temp_directory_path() /
           ("fake-clamd-" + std::to_string(::getpid()) + "-" + std::to_string(serial++) + ".sock"))
              .string();
  ::unlink(path_.c_str());
  fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path_.c_str(), path_.size());
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 4) != 0)
    throw std::runtime_error("fake clamd cannot listen on " + path_);
  thread_ = std::thread([this, connections] { serve(connections); });
}

FakeClamd::~FakeClamd() {
  ::shutdown(fd_, SHUT_RDWR);  // an accept() still waiting returns
  thread_.join();
  ::close(fd_);
  ::unlink(path_.c_str());
}

void FakeClamd::serve(int connections) {
  for (int i = 0; i < connections; ++i) {
    const int c = ::accept(fd_, nullptr, nullptr);
    if (c < 0) return;
    command.clear();
    received.clear();
    chunks = 0;
    char cmd[10];
    if (read_exact(c, cmd, sizeof cmd)) command.assign(cmd, sizeof cmd);
    for (;;) {
      unsigned char len[4];
      if (!read_exact(c, reinterpret_cast<char*>(len), 4)) break;
      const std::uint32_t n = (std::uint32_t{len[0]} << 24) | (len[1] << 16) | (len[2] << 8) | len[3];
      if (n == 0) break;
      std::string chunk(n, '\0');
      if (!read_exact(c, chunk.data(), n)) break;
      received += chunk;
      ++chunks;
    }
    if (silent_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
    } else {
      const std::string answer = received.find(kEicar) != std::string::npos
                                     ? std::string("stream: Eicar-Test-Signature FOUND") + '\0'
                                     : std::string("stream: OK") + '\0';
      ::send(c, answer.data(), answer.size(), MSG_NOSIGNAL);
    }
    ::close(c);
  }
}

}  // namespace ow::testing
