// Where material files' bytes live, behind one interface: a byte stream goes in, is stored once by its SHA-256,
// and comes back out chunk by chunk. The embedded default (PgFileStorage) keeps them in PostgreSQL, so every
// platform instance sharing the database shares the files; a records system or object store can follow.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "services/store/transaction.hpp"

namespace ow::files {

// A byte stream read in order: read() fills up to n bytes and returns how many (0 at the end).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(char* buf, std::size_t n) = 0;
  // Back to the first byte, for a transaction retried after a serialization failure; false when the stream
  // cannot go back (then the retry fails instead of storing a truncated file).
  virtual bool rewind() = 0;
};

// Bytes already in memory (an HTTP request's body), read without a copy.
class ViewSource : public ByteSource {
 public:
  explicit ViewSource(std::string_view bytes) : all_(bytes), bytes_(bytes) {}
  std::size_t read(char* buf, std::size_t n) override;
  bool rewind() override {
    bytes_ = all_;
    return true;
  }

 private:
  std::string_view all_, bytes_;
};

struct StoredBlob {
  std::int64_t id = 0;
  std::string sha256;
  std::int64_t size_bytes = 0;
  bool existed = false;  // the same bytes were stored before: nothing new was kept
};

// Sees each chunk as it streams past (type check, page count, size limit, virus scan); throws to refuse.
using ChunkObserver = std::function<void(std::string_view chunk)>;

class FileStorage {
 public:
  virtual ~FileStorage() = default;
  // Streams `source` into storage inside the caller's transaction, calling `observe` for every chunk before it
  // is kept, and `describe` once at the end (media type, pages) before the blob is sealed under its hash.
  virtual StoredBlob put(store::Tx& tx, ByteSource& source, const ChunkObserver& observe,
                         const std::function<std::pair<std::string, std::optional<int>>()>& describe) = 0;
  // Calls sink with the blob's bytes in order, a chunk at a time.
  virtual void read(store::Tx& tx, std::int64_t blob_id, const std::function<void(std::string_view)>& sink) = 0;
};

// Chunk rows of 256 KiB in file_chunks (sql/080), one file_blobs row per distinct SHA-256.
class PgFileStorage : public FileStorage {
 public:
  static constexpr std::size_t kChunk = 256 * 1024;
  StoredBlob put(store::Tx& tx, ByteSource& source, const ChunkObserver& observe,
                 const std::function<std::pair<std::string, std::optional<int>>()>& describe) override;
  void read(store::Tx& tx, std::int64_t blob_id, const std::function<void(std::string_view)>& sink) override;
};

}  // namespace ow::files
