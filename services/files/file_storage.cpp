// The PostgreSQL file storage: chunks written as they are read and hashed (SHA-256, libsodium), the staged blob
// dropped when the same bytes were stored before.
#include "services/files/file_storage.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "services/store/file_store.hpp"

namespace ow::files {

std::size_t ViewSource::read(char* buf, std::size_t n) {
  const std::size_t k = std::min(n, bytes_.size());
  std::memcpy(buf, bytes_.data(), k);
  bytes_.remove_prefix(k);
  return k;
}

namespace {
std::string hex_digest(crypto_hash_sha256_state& state) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}
}  // namespace

StoredBlob PgFileStorage::put(store::Tx& tx, ByteSource& source, const ChunkObserver& observe,
                              const std::function<std::pair<std::string, std::optional<int>>()>& describe) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  const std::int64_t staged = store::files::stage_blob(tx);
  std::vector<char> buf(kChunk);
  std::int64_t size = 0;
  int seq = 0;
  for (;;) {
    // Fill a whole chunk (a source may return less than asked before its end).
    std::size_t n = 0;
    while (n < kChunk) {
      const std::size_t k = source.read(buf.data() + n, kChunk - n);
      if (k == 0) break;
      n += k;
    }
    if (n == 0) break;
    const std::string_view chunk(buf.data(), n);
    observe(chunk);
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(chunk.data()), chunk.size());
    store::files::put_chunk(tx, staged, seq++, chunk);
    size += static_cast<std::int64_t>(n);
    if (n < kChunk) break;
  }
  const std::string sha = hex_digest(state);
  if (auto existing = store::files::blob_by_sha(tx, sha)) {
    store::files::drop_blob(tx, staged);
    return {existing->id, sha, existing->size_bytes, true};
  }
  const auto [media_type, pages] = describe();
  store::files::seal_blob(tx, {staged, sha, media_type, size, pages});
  return {staged, sha, size, false};
}

void PgFileStorage::read(store::Tx& tx, std::int64_t blob_id, const std::function<void(std::string_view)>& sink) {
  store::files::read_chunks(tx, blob_id, sink);
}

}  // namespace ow::files
