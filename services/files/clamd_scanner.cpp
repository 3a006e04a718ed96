// The clamd INSTREAM client over a Unix socket, with send/receive timeouts on the socket.
#include "services/files/clamd_scanner.hpp"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace ow::files {

ScanVerdict parse_clamd_answer(std::string_view a) {
  while (!a.empty() && (a.back() == '\0' || a.back() == '\n')) a.remove_suffix(1);
  if (a.rfind("stream: ", 0) != 0) throw ScanUnavailable("clamd answered: " + std::string(a.substr(0, 100)));
  a.remove_prefix(8);
  if (a == "OK") return {true, {}};
  constexpr std::string_view found = " FOUND";
  if (a.size() > found.size() && a.substr(a.size() - found.size()) == found)
    return {false, std::string(a.substr(0, a.size() - found.size()))};
  throw ScanUnavailable("clamd answered: " + std::string(a.substr(0, 100)));
}

ClamdSession::ClamdSession(const std::string& socket_path, std::chrono::milliseconds timeout) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.empty() || socket_path.size() >= sizeof addr.sun_path)
    throw ScanUnavailable("clamd socket path is empty or too long");
  std::memcpy(addr.sun_path, socket_path.data(), socket_path.size());
  fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw ScanUnavailable(std::string("socket: ") + std::strerror(errno));
  timeval tv{static_cast<time_t>(timeout.count() / 1000), static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    const int e = errno;
    ::close(fd_);
    fd_ = -1;
    throw ScanUnavailable(std::string("cannot reach clamd: ") + std::strerror(e));
  }
  static constexpr char command[] = "zINSTREAM";  // z: NUL-terminated command and answer
  write_all(command, sizeof command);             // with its NUL
}

ClamdSession::~ClamdSession() {
  if (fd_ >= 0) ::close(fd_);
}

void ClamdSession::write_all(const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t k = ::send(fd_, data, n, MSG_NOSIGNAL);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) throw ScanUnavailable(std::string("writing to clamd: ") + std::strerror(errno));
    data += k;
    n -= static_cast<std::size_t>(k);
  }
}

void ClamdSession::send(std::string_view chunk) {
  if (chunk.empty()) return;  // a zero length would end the stream
  const auto n = static_cast<std::uint32_t>(chunk.size());
  const char length[4] = {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                          static_cast<char>(n)};
  write_all(length, 4);
  write_all(chunk.data(), chunk.size());
}

ScanVerdict ClamdSession::finish() {
  const char end[4] = {0, 0, 0, 0};
  write_all(end, 4);
  std::string answer;
  char buf[512];
  while (answer.find('\0') == std::string::npos && answer.size() < 4096) {
    const ssize_t k = ::recv(fd_, buf, sizeof buf, 0);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) throw ScanUnavailable(std::string("reading clamd's answer: ") + std::strerror(errno));
    if (k == 0) break;
    answer.append(buf, static_cast<std::size_t>(k));
  }
  return parse_clamd_answer(answer);
}

}  // namespace ow::files
