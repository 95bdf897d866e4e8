// Internals shared by gazetteer.cc (building, matching) and image.cc (files):
// Gazetteer::Rep, the typed views over an image, and the writer that lays an
// image out. Not part of the public API.
#ifndef RELATA_GAZETTEER_IMAGE_INTERNAL_H_
#define RELATA_GAZETTEER_IMAGE_INTERNAL_H_

#include <cstdint>
#include <cstring>
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
  const image::NodeRec* nodes = nullptr;
  uint32_t node_count = 0;  // without the sentinel record
  const uint32_t* labels = nullptr;
  const uint32_t* node_entries = nullptr;
  uint32_t node_entry_count = 0;
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
  std::string_view Str(uint64_t ref) const;
  const image::EntryRec& Rec(uint32_t index) const;
};

namespace image {

// Lays out an image: strings go to a pool (short repeated ones — types,
// attribute keys — stored once), sections are appended 8-byte aligned after a
// header that Finish() fills in.
class ImageWriter {
 public:
  uint32_t RefCount() const { return static_cast<uint32_t>(refs_.size()); }
  bool PoolFits() const { return pool_.size() < (uint64_t{1} << 32) && refs_.size() < kNoNode; }

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

  void SetSection(Section k, const void* data, size_t size) {
    parts_[k].assign(static_cast<const char*>(data), size);
  }

  Status Finish(uint64_t source_hash, std::unique_ptr<uint64_t[]>* out, size_t* out_size) {
    SetSection(kRefs, refs_.data(), refs_.size() * sizeof(StrRef));
    parts_[kPool] = std::move(pool_);
    Header h;
    std::memset(&h, 0, sizeof(h));
    std::memcpy(h.magic, kMagic, sizeof(kMagic));
    h.version = kVersion;
    h.byte_order = kByteOrderMark;
    h.source_hash = source_hash;
    h.section_count = kSectionCount;
    // The source list goes first, right after the header: a truncated image
    // still names its sources, so it can be rebuilt from them.
    uint64_t offset = kHeaderSize;
    for (uint32_t i = 0; i < kSectionCount; ++i) {
      const uint32_t k = i == 0 ? kSources : i - 1 + (i - 1 >= kSources ? 1 : 0);
      h.sections[k] = {offset, parts_[k].size()};
      offset += (parts_[k].size() + 7) / 8 * 8;
    }
    h.file_size = offset;
    h.header_hash = 0;
    h.header_hash = Fnv1a(&h, sizeof(h));
    const size_t words = offset / 8;
    out->reset(new (std::nothrow) uint64_t[words]);
    if (!*out) return Status::ResourceExhausted("no memory for the gazetteer image");
    char* bytes = reinterpret_cast<char*>(out->get());
    std::memset(bytes, 0, offset);
    std::memcpy(bytes, &h, sizeof(h));
    for (uint32_t k = 0; k < kSectionCount; ++k) {
      if (!parts_[k].empty()) std::memcpy(bytes + h.sections[k].offset, parts_[k].data(), parts_[k].size());
      std::string().swap(parts_[k]);
    }
    *out_size = offset;
    return Status::Ok();
  }

 private:
  std::vector<StrRef> refs_;
  std::string pool_;
  std::unordered_map<std::string, StrRef> interned_;
  std::string parts_[kSectionCount];
};

}  // namespace image
}  // namespace relata::gazetteer

#endif  // RELATA_GAZETTEER_IMAGE_INTERNAL_H_
