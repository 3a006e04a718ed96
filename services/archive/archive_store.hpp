// Where archive packages (电子归档) go, behind one interface: a package is written file by file and becomes
// visible only when complete (commit); one package per case, never replaced. The default keeps each package as
// a directory under archive.dir (DirectoryArchiveStore); a records system's adapter can follow.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ow::archive {

// One package being written. Destroyed without commit(), it is discarded.
class PackageWriter {
 public:
  virtual ~PackageWriter() = default;
  // Starts file `name` (a relative path with '/' separators, e.g. "files/7-household_register.pdf").
  virtual void open_file(const std::string& name) = 0;
  virtual void write(std::string_view bytes) = 0;  // appends to the open file
  virtual void close_file() = 0;
  // The package is complete: it becomes visible at once. False when the case's package was committed meanwhile
  // (by another instance): this one is discarded, the stored one stands.
  virtual bool commit() = 0;
};

class ArchiveStore {
 public:
  virtual ~ArchiveStore() = default;
  virtual bool has(const std::string& case_number) const = 0;
  virtual std::unique_ptr<PackageWriter> begin(const std::string& case_number) = 0;
  // Where the package of a case is, for people (a directory, a records system's reference).
  virtual std::string locate(const std::string& case_number) const = 0;
};

// Packages as directories DIR/<case number>/ (manifest.json, manifest.json.sha256, documents/, files/), written
// under DIR/.partial-… and renamed into place (a partial one an hour old, left by a process that died, is removed
// when the case's package is begun again); directories 0700, files 0600 (a package holds personal data).
class DirectoryArchiveStore : public ArchiveStore {
 public:
  explicit DirectoryArchiveStore(std::filesystem::path dir) : dir_(std::move(dir)) {}
  bool has(const std::string& case_number) const override;
  std::unique_ptr<PackageWriter> begin(const std::string& case_number) override;
  std::string locate(const std::string& case_number) const override;

 private:
  std::filesystem::path dir_;
};

}  // namespace ow::archive
