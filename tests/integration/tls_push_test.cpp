// The push client over TLS against a real HTTPS server (Python's, with a certificate made here by the
// openssl tool): the chain must be trusted (an extra CA file, as `dispatcher.ca_file` gives) and the host
// name must match the certificate; otherwise there is no answer, which the dispatcher retries.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "adapters/department/http_client.hpp"
#include "tests/support/test_env.hpp"

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const char* const kServer = R"PY(
import http.server, ssl, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        body = b'{"accepted":true}'
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[2], sys.argv[3])
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
)PY";

class TlsServer {
 public:
  TlsServer() {
    dir_ = fs::temp_directory_path() / ("ow-tls-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    const std::string cert = (dir_ / "cert.pem").string(), key = (dir_ / "key.pem").string();
    const int made = ow::testing::run_command(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext "
        "subjectAltName=IP:127.0.0.1 -keyout " +
        key + " -out " + cert + " 2>/dev/null");
    if (made != 0) throw std::runtime_error("openssl could not make a certificate");
    std::ofstream(dir_ / "server.py") << kServer;
    port_ = ow::testing::free_port();
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      const std::string script = (dir_ / "server.py").string(), port = std::to_string(port_);
      ::execlp("python3", "python3", script.c_str(), port.c_str(), cert.c_str(), key.c_str(),
               static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 100; ++i) {
      if (ow::testing::run_command("bash -c '(exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(port_) +
                                   ")' 2>/dev/null") == 0)
        return;
      std::this_thread::sleep_for(50ms);
    }
    throw std::runtime_error("the TLS test server did not start");
  }
  ~TlsServer() {
    ::kill(pid_, SIGKILL);
    int status;
    ::waitpid(pid_, &status, 0);
    fs::remove_all(dir_);
  }
  std::string ca() const { return (dir_ / "cert.pem").string(); }
  int port() const { return port_; }

 private:
  fs::path dir_;
  int port_ = 0;
  int pid_ = -1;
};

}  // namespace

TEST(TlsPush, TrustedAndMatchingOnlyAnswers) {
  TlsServer server;
  const std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/SCJG/tasks";
  ow::adapters::HttpClient trusted(server.ca());
  auto ok = trusted.post(url, {{"X-OW-Timestamp", "1"}}, "{}", 2000ms, 2000ms);
  EXPECT_EQ(ok.status, 200) << ok.error;
  EXPECT_EQ(ok.body, R"({"accepted":true})");

  ow::adapters::HttpClient system_only;  // the self-made CA is not trusted
  auto refused = system_only.post(url, {}, "{}", 2000ms, 2000ms);
  EXPECT_EQ(refused.status, 0);
  EXPECT_FALSE(refused.error.empty());

  // Trusted chain, wrong name: the certificate is for 127.0.0.1, not localhost.
  auto wrong_name =
      trusted.post("https://localhost:" + std::to_string(server.port()) + "/SCJG/tasks", {}, "{}", 2000ms, 2000ms);
  EXPECT_EQ(wrong_name.status, 0);
}
