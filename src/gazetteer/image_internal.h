// Internals shared by gazetteer.cc (building, matching) and image.cc (files):
// Gazetteer::Rep, the typed views over an image, and the writer that lays an
// image out. Not part of the public API.
#ifndef RELATA_GAZETTEER_IMAGE_INTERNAL_H_
#define RELATA_GAZETTEER_IMAGE_INTERNAL_H_

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "gazetteer/gazetteer.h"
#include "gazetteer/image.h"

namespace relata::gazetteer {

struct Gazetteer::Rep {
  // The bytes: owned (built in this process) or a read-only mapping of a file.
  std::unique_ptr<uint64_t[]> owned;  // uint64_t: 8-byte alignment for the sections
  size_t owned_size = 0;
  void* map = nullptr;
  size_t map_size = 0;

  // Views into the bytes, set by Attach(); an empty Rep has zero counts.
  const uint8_t* base = nullptr;
  size_t size = 0;
  uint64_t source_hash = 0;
  const image::Cell* nodes = nullptr;
  uint32_t node_count = 0;  // without the sentinel cell
  const image::TerminalBlock* terminals = nullptr;
  const uint32_t* term_slots = nullptr;
  uint32_t term_slot_count = 0;
  const uint32_t* entry_lists = nullptr;
  uint32_t entry_list_count = 0;
  const uint32_t* wide = nullptr;
  uint32_t wide_mask = 0;
  const uint32_t* root = nullptr;
  const image::EntryRec* entries = nullptr;
  uint32_t entry_count = 0;
  const image::StrRef* refs = nullptr;
  uint32_t ref_count = 0;
  const char* pool = nullptr;
  uint64_t pool_size = 0;
  const uint32_t* by_id = nullptr;
  uint32_t by_id_mask = 0;
  std::string_view sources;

  Rep() = default;
  Rep(const Rep&) = delete;
  Rep& operator=(const Rep&) = delete;
  ~Rep();

  // Checks the header and section table of `bytes` (see image.h) and points the
  // views into it. `expected_hash` 0 accepts any source hash.
  Status Attach(const uint8_t* bytes, size_t size, uint64_t expected_hash);
  uint32_t Child(uint32_t node, char32_t cp) const;
  // The entries of the surface ending at terminal node `node`: one in
  // `*single` (returns a pointer to it) or a list in the image; `*count` 0
  // when there are none (or the image is corrupt).
  const uint32_t* NodeEntries(uint32_t node, uint32_t* single, uint32_t* count) const;
  std::string_view Str(uint64_t ref) const;
  const image::EntryRec& Rec(uint32_t index) const;
};

namespace image {

// Lays out an image: strings go to a pool (short repeated ones — types,
// attribute keys — stored once), sections are placed 8-byte aligned after a
// header. Sections are handed over (moved, not copied) and the image is then
// either assembled in memory (Finish) or streamed to a file (WriteFile), each
// section freed as soon as it is out: a million-name build never holds the
// image twice.
class ImageWriter {
 public:
  uint32_t RefCount() const { return static_cast<uint32_t>(refs_.size()); }
  bool PoolFits() const { return pool_.size() < (uint64_t{1} << 32) && refs_.size() < kNoNode; }
  void ReserveRefs(size_t n) { refs_.reserve(n); }
  void ReservePool(size_t n) { pool_.reserve(n); }

  void AddRef(std::string_view s, bool dedupe) {
    if (s.empty()) {
      refs_.push_back({0, 0});
      return;
    }
    if (dedupe) {
      auto it = interned_.find(std::string(s));
      if (it != interned_.end()) {
        refs_.push_back(it->second);
        return;
      }
    }
    const StrRef r{static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(s.size())};
    pool_.append(s.data(), s.size());
    if (dedupe) interned_.emplace(std::string(s), r);
    refs_.push_back(r);
  }

  template <typename T>
  void SetSection(Section k, std::vector<T>&& v) {
    auto holder = std::make_shared<std::vector<T>>(std::move(v));
    parts_[k] = Part{holder, reinterpret_cast<const char*>(holder->data()), holder->size() * sizeof(T)};
  }
  void SetSection(Section k, std::string_view bytes) {
    auto holder = std::make_shared<std::string>(bytes);
    parts_[k] = Part{holder, holder->data(), holder->size()};
  }

  // The image in one owned buffer.
  Status Finish(uint64_t source_hash, std::unique_ptr<uint64_t[]>* out, size_t* out_size) {
    const Header h = Seal(source_hash);
    const size_t words = h.file_size / 8;
    out->reset(new (std::nothrow) uint64_t[words]);
    if (!*out) return Status::ResourceExhausted("no memory for the gazetteer image");
    char* bytes = reinterpret_cast<char*>(out->get());
    std::memset(bytes, 0, h.file_size);
    std::memcpy(bytes, &h, sizeof(h));
    for (uint32_t k = 0; k < kSectionCount; ++k) {
      if (parts_[k].size > 0) std::memcpy(bytes + h.sections[k].offset, parts_[k].data, parts_[k].size);
      parts_[k] = Part{};
    }
    *out_size = h.file_size;
    return Status::Ok();
  }

  // The image written to `fd` from its current position, section by section.
  // `write_all(data, size)` writes everything or returns false (errno set).
  template <typename WriteAll>
  bool WriteFile(uint64_t source_hash, WriteAll write_all) {
    const Header h = Seal(source_hash);
    static const char kZeros[kHeaderSize] = {};
    if (!write_all(&h, sizeof(h)) || !write_all(kZeros, kHeaderSize - sizeof(h))) return false;
    uint64_t at = kHeaderSize;
    for (uint32_t i = 0; i < kSectionCount; ++i) {
      const uint32_t k = Order(i);
      if (h.sections[k].offset != at) return false;  // Seal() lays sections out in this order
      if (parts_[k].size > 0 && !write_all(parts_[k].data, parts_[k].size)) return false;
      const size_t pad = (8 - parts_[k].size % 8) % 8;
      if (pad > 0 && !write_all(kZeros, pad)) return false;
      at += parts_[k].size + pad;
      parts_[k] = Part{};
    }
    return at == h.file_size;
  }

 private:
  struct Part {
    std::shared_ptr<const void> holder;
    const char* data = nullptr;
    size_t size = 0;
  };

  // The source list goes first, right after the header: a truncated image
  // still names its sources, so it can be rebuilt from them.
  static uint32_t Order(uint32_t i) { return i == 0 ? kSources : i - 1 + (i - 1 >= kSources ? 1 : 0); }

  // Moves the refs and the pool into their sections and fills in the header.
  Header Seal(uint64_t source_hash) {
    SetSection(kRefs, std::move(refs_));
    {
      auto pool = std::make_shared<std::string>(std::move(pool_));
      parts_[kPool] = Part{pool, pool->data(), pool->size()};
    }
    decltype(interned_)().swap(interned_);
    Header h;
    std::memset(&h, 0, sizeof(h));
    std::memcpy(h.magic, kMagic, sizeof(kMagic));
    h.version = kVersion;
    h.byte_order = kByteOrderMark;
    h.source_hash = source_hash;
    h.section_count = kSectionCount;
    uint64_t offset = kHeaderSize;
    for (uint32_t i = 0; i < kSectionCount; ++i) {
      const uint32_t k = Order(i);
      h.sections[k] = {offset, parts_[k].size};
      offset += (parts_[k].size + 7) / 8 * 8;
    }
    h.file_size = offset;
    h.header_hash = HeaderHash(h);
    return h;
  }

  std::vector<StrRef> refs_;
  std::string pool_;
  std::unordered_map<std::string, StrRef> interned_;
  Part parts_[kSectionCount];
};

}  // namespace image

// Staging: how GazetteerBuilder keeps the entries it was given until Build().
// One record per entry in GazetteerBuilder::arena_: a StagedHead, then the
// strings as {uint32 length, bytes}: id, type, name, lang, origin (empty when
// the origin is kept as a file index and a line), the aliases, the attribute
// keys and values (in key order), the external id keys and values.
namespace staging {

struct Head {
  int32_t priority;
  uint32_t origin_file;  // index into origin_files_; kNoNode: the origin string is used
  uint32_t origin_line;
  uint32_t alias_count;
  uint32_t attribute_count;
  uint32_t external_count;
};

inline void Put(std::string* arena, std::string_view s) {
  const uint32_t n = static_cast<uint32_t>(s.size());
  arena->append(reinterpret_cast<const char*>(&n), sizeof(n));
  arena->append(s.data(), s.size());
}

// Reads one record: the head, then the strings in order with Next().
class Reader {
 public:
  explicit Reader(const char* p) : p_(p + sizeof(Head)) { std::memcpy(&head, p, sizeof(Head)); }
  std::string_view Next() {
    uint32_t n;
    std::memcpy(&n, p_, sizeof(n));
    const std::string_view s(p_ + sizeof(n), n);
    p_ += sizeof(n) + n;
    return s;
  }
  Head head;

 private:
  const char* p_;
};

}  // namespace staging
}  // namespace relata::gazetteer

#endif  // RELATA_GAZETTEER_IMAGE_INTERNAL_H_
