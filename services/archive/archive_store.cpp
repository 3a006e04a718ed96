// The directory archive store: a package is written into a partial directory and renamed into place.
#include "services/archive/archive_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace ow::archive {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

class DirectoryPackage : public PackageWriter {
 public:
  DirectoryPackage(fs::path partial, fs::path final) : partial_(std::move(partial)), final_(std::move(final)) {
    fs::create_directories(partial_);
    fs::permissions(partial_, fs::perms::owner_all);
  }
  ~DirectoryPackage() override {
    close_file();
    if (!committed_) {
      std::error_code ignored;
      fs::remove_all(partial_, ignored);
    }
  }
  void open_file(const std::string& name) override {
    close_file();
    if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos)
      throw std::invalid_argument("not a file name inside a package: " + name);
    const fs::path path = partial_ / name;
    fs::create_directories(path.parent_path());
    fs::permissions(path.parent_path(), fs::perms::owner_all);
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd_ < 0) fail("cannot create", path);
    open_ = path;
  }
  void write(std::string_view bytes) override {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("cannot write", open_);
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  void close_file() override {
    if (fd_ < 0) return;
    const bool synced = ::fsync(fd_) == 0;
    ::close(fd_);
    fd_ = -1;
    if (!synced) fail("cannot sync", open_);
  }
  bool commit() override {
    close_file();
    if (::rename(partial_.c_str(), final_.c_str()) != 0) {
      if (errno == EEXIST || errno == ENOTEMPTY) return false;  // another instance's package stands
      fail("cannot move the package into place at", final_);
    }
    committed_ = true;
    return true;
  }

 private:
  fs::path partial_, final_, open_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

bool DirectoryArchiveStore::has(const std::string& case_number) const {
  return fs::exists(dir_ / case_number / "manifest.json");
}

std::unique_ptr<PackageWriter> DirectoryArchiveStore::begin(const std::string& case_number) {
  static std::atomic<unsigned> serial{0};
  fs::create_directories(dir_);
  // A partial package of this case an hour old was left by a process that died writing it: removed.
  const std::string stale = ".partial-" + case_number + "-";
  for (const auto& e : fs::directory_iterator(dir_)) {
    std::error_code ec;
    if (e.path().filename().string().starts_with(stale) &&
        fs::last_write_time(e.path(), ec) < fs::file_time_type::clock::now() - std::chrono::hours(1) && !ec)
      fs::remove_all(e.path(), ec);
  }
  const fs::path partial =
      dir_ / (".partial-" + case_number + "-" + std::to_string(::getpid()) + "-" + std::to_string(++serial));
  return std::make_unique<DirectoryPackage>(partial, dir_ / case_number);
}

std::string DirectoryArchiveStore::locate(const std::string& case_number) const {
  return (dir_ / case_number).string();
}

}  // namespace ow::archive
