// Virus scanning of uploads through ClamAV's daemon: the file's bytes are streamed to clamd over its Unix socket
// with the INSTREAM command (4-byte big-endian length + chunk, a zero length at the end) as they are stored, and
// its verdict read at the end. Blocking socket I/O with a timeout: called only from worker threads, never on the
// event loop (the upload runs inside a handler on the worker pool).
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ow::files {

struct ScanVerdict {
  bool clean = false;
  std::string signature;  // what clamd found ("Eicar-Test-Signature"), empty when clean
};

// clamd could not be reached, timed out or answered something unexpected.
struct ScanUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One scan: the constructor connects and sends the command, send() streams a chunk, finish() ends the stream and reads
// clamd's answer. Throws ScanUnavailable when clamd cannot be reached, times out or answers something else.
class ClamdSession {
 public:
  ClamdSession(const std::string& socket_path, std::chrono::milliseconds timeout);
  ~ClamdSession();
  ClamdSession(const ClamdSession&) = delete;
  ClamdSession& operator=(const ClamdSession&) = delete;
  void send(std::string_view chunk);
  ScanVerdict finish();

 private:
  void write_all(const char* data, std::size_t n);
  int fd_ = -1;
};

// Where clamd listens and how long one socket operation may wait.
struct ClamdSettings {
  std::string socket_path;
  std::chrono::milliseconds timeout{10000};
};

// Parses clamd's INSTREAM answer ("stream: OK", "stream: Eicar-Test-Signature FOUND"); throws ScanUnavailable for
// anything else (an error such as "INSTREAM size limit exceeded. ERROR").
ScanVerdict parse_clamd_answer(std::string_view answer);

}  // namespace ow::files
