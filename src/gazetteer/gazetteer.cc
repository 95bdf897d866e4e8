// The compiled dictionary: a trie over the code points of the normalized
// surface forms, stored as flat arrays in an image (image.h) — built in memory
// by GazetteerBuilder::Build() or mapped from a file by LoadImage() — and the
// one-pass matcher that walks it from every position where a name may start.
#include "gazetteer/gazetteer.h"

#include <sys/mman.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "gazetteer/image.h"
#include "gazetteer/image_internal.h"
#include "segment/boundary.h"
#include "text/source_text.h"

namespace relata::gazetteer {

using image::EntryRec;
using image::kNoNode;
using image::StrRef;

namespace {

// Surfaces are compared byte for byte, so runs of white space inside a name
// (a line break or a doubled space in the source list) become one space, and
// white space at the ends is dropped: the text side never matches those.
std::string CleanSurface(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// A code point that is never a trie label: what an invalid UTF-8 sequence
// decodes to for matching, so a name never matches across broken bytes (a
// byte-wise comparison with a valid surface could not either).
constexpr char32_t kInvalid = 0xFFFFFFFFu;

// Decodes the code point at s[i] exactly as text::DecodeAt does (same length,
// U+FFFD for a broken sequence), with inline paths for ASCII and well-formed
// three-byte sequences (Hangul, CJK, punctuation), which are nearly all of the
// news text the matcher sees. `*label` is the code point to walk the trie with:
// kInvalid for a broken sequence.
__attribute__((always_inline)) inline char32_t DecodeFast(const unsigned char* s, size_t n, size_t i, int* len,
                                                          char32_t* label) {
  const unsigned char b0 = s[i];
  if (b0 < 0x80) {
    *len = 1;
    return *label = b0;
  }
  // E1–EC and EE–EF lead well-formed three-byte sequences with any
  // continuation bytes (E0 and ED restrict theirs: overlongs, surrogates);
  // EF BF BD is U+FFFD itself, a real character to DecodeAt too.
  if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && i + 2 < n) {
    const unsigned char b1 = s[i + 1], b2 = s[i + 2];
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
      *len = 3;
      return *label = (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) |
                      (b2 & 0x3F);
    }
  }
  // C2–DF lead well-formed two-byte sequences (Latin-1 letters, '·').
  if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
    *len = 2;
    return *label = (static_cast<char32_t>(b0 & 0x1F) << 6) | (s[i + 1] & 0x3F);
  }
  const char32_t c = text::DecodeAt(std::string_view(reinterpret_cast<const char*>(s), n), i, len);
  if (*len <= 0) *len = 1;
  const bool real_replacement = c == 0xFFFD && *len == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD;
  *label = (c == 0xFFFD && !real_replacement) ? kInvalid : c;
  return c;
}

inline bool IsHangul(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

// segment::IsWordChar with the two common cases answered inline.
inline bool IsWord(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  if (IsHangul(c)) return true;
  return segment::IsWordChar(c);
}

struct Key {
  uint64_t prefix;  // the first 8 bytes, big-endian, zero-padded: orders like the bytes
  uint32_t offset;  // of the surface in the key buffer
  uint32_t length;
  uint32_t entry;
};

uint64_t KeyPrefix(std::string_view s) {
  uint64_t p = 0;
  for (size_t k = 0; k < 8; ++k) p = (p << 8) | (k < s.size() ? static_cast<unsigned char>(s[k]) : 0u);
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------
// Rep: the image bytes (owned or mapped) and typed views into its sections.

Gazetteer::Rep::~Rep() {
  if (map != nullptr) munmap(map, map_size);
}

Status Gazetteer::Rep::Attach(const uint8_t* bytes, size_t size, uint64_t expected_hash) {
  using namespace image;
  if (size < kHeaderSize) return Status::DataError("image is truncated (" + std::to_string(size) + " bytes)");
  Header h;
  std::memcpy(&h, bytes, sizeof(h));
  if (std::memcmp(h.magic, kMagic, sizeof(kMagic)) != 0) return Status::DataError("not a relata gazetteer image");
  if (h.byte_order != kByteOrderMark) return Status::DataError("image has another byte order");
  if (h.version != kVersion) {
    return Status::DataError("image format version " + std::to_string(h.version) + ", this relata reads " +
                             std::to_string(kVersion));
  }
  if (h.file_size != size) {
    return Status::DataError("image is " + std::to_string(size) + " bytes, its header says " +
                             std::to_string(h.file_size) + " (truncated?)");
  }
  if (h.section_count != kSectionCount) return Status::DataError("image has an unexpected section table");
  if (HeaderHash(h) != h.header_hash) return Status::DataError("image header is damaged");
  if (expected_hash != 0 && h.source_hash != expected_hash) {
    return Status::DataError("image was built from other sources");
  }
  for (uint32_t k = 0; k < kSectionCount; ++k) {
    const SectionRef& s = h.sections[k];
    if (s.offset < kHeaderSize || s.offset % 8 != 0 || s.offset > size || s.size > size - s.offset) {
      return Status::DataError("image section " + std::to_string(k) + " lies outside the file");
    }
  }
  auto count = [&](Section k, size_t elem, uint64_t* n) {
    if (h.sections[k].size % elem != 0) return false;
    *n = h.sections[k].size / elem;
    return *n < kNoNode;
  };
  auto power_of_two = [](uint64_t n) { return n >= 2 && (n & (n - 1)) == 0; };
  uint64_t nodes_n, terminals_n, lists_n, root_n, entries_n, refs_n, by_id_n, slots_n, wide_n;
  if (!count(kNodes, sizeof(Cell), &nodes_n) || !count(kTerminals, sizeof(TerminalBlock), &terminals_n) ||
      !count(kEntryLists, 4, &lists_n) || !count(kRoot, 4, &root_n) || !count(kEntries, sizeof(EntryRec), &entries_n) ||
      !count(kRefs, sizeof(StrRef), &refs_n) || !count(kById, 4, &by_id_n) || !count(kTermSlots, 4, &slots_n) ||
      !count(kWide, 4, &wide_n) || nodes_n < 2 || terminals_n != (nodes_n - 1) / 32 + 1 ||
      root_n != kRootTableSize || by_id_n < 2 * entries_n || !power_of_two(by_id_n) || !power_of_two(wide_n) ||
      h.sections[kPool].size >= (uint64_t{1} << 32)) {
    return Status::DataError("image sections have inconsistent sizes");
  }
  base = bytes;
  this->size = size;
  source_hash = h.source_hash;
  nodes = reinterpret_cast<const Cell*>(bytes + h.sections[kNodes].offset);
  node_count = static_cast<uint32_t>(nodes_n - 1);
  terminals = reinterpret_cast<const TerminalBlock*>(bytes + h.sections[kTerminals].offset);
  term_slots = reinterpret_cast<const uint32_t*>(bytes + h.sections[kTermSlots].offset);
  term_slot_count = static_cast<uint32_t>(slots_n);
  entry_lists = reinterpret_cast<const uint32_t*>(bytes + h.sections[kEntryLists].offset);
  entry_list_count = static_cast<uint32_t>(lists_n);
  wide = reinterpret_cast<const uint32_t*>(bytes + h.sections[kWide].offset);
  wide_mask = static_cast<uint32_t>(wide_n - 1);
  root = reinterpret_cast<const uint32_t*>(bytes + h.sections[kRoot].offset);
  entries = reinterpret_cast<const EntryRec*>(bytes + h.sections[kEntries].offset);
  entry_count = static_cast<uint32_t>(entries_n);
  refs = reinterpret_cast<const StrRef*>(bytes + h.sections[kRefs].offset);
  ref_count = static_cast<uint32_t>(refs_n);
  pool = reinterpret_cast<const char*>(bytes + h.sections[kPool].offset);
  pool_size = h.sections[kPool].size;
  by_id = reinterpret_cast<const uint32_t*>(bytes + h.sections[kById].offset);
  by_id_mask = static_cast<uint32_t>(by_id_n - 1);
  sources = std::string_view(reinterpret_cast<const char*>(bytes + h.sections[kSources].offset),
                             h.sections[kSources].size);
  return Status::Ok();
}

// Children of `node` are the nodes [first_child(node), first_child(node + 1)),
// sorted by label. Every index read from the image is checked before use.
inline uint32_t Gazetteer::Rep::Child(uint32_t node, char32_t cp) const {
  if (node == 0 && cp < image::kRootTableSize) {
    const uint32_t c = root[cp];
    return c < node_count ? c : kNoNode;
  }
  const uint32_t fc = nodes[node].first_child;
  const uint32_t lc = nodes[node + 1].first_child;
  if (lc > node_count || fc >= lc) return kNoNode;
  // Below the root the fan-out is mostly small: a scan of at most one cache
  // line of cells, which also brings the child's own cell in.
  if (lc - fc <= image::kNarrow) {
    for (uint32_t i = fc; i < lc; ++i) {
      if ((nodes[i].label & image::kLabelMask) == cp) return i;
    }
    return kNoNode;
  }
  // Wide nodes (the first syllables of names fan out into hundreds) are one
  // probe of the wide table instead of a scan of many cache lines. A slot
  // holds a child index; it is this node's child for `cp` when it lies in
  // [fc, lc) and carries the label, so other nodes' slots are passed over
  // without reading their cells. A probe sequence ends at an empty slot (or,
  // on a corrupt image, after visiting every slot).
  uint32_t slot = image::WideHash(node, cp) & wide_mask;
  for (uint32_t probes = 0; probes <= wide_mask; ++probes, slot = (slot + 1) & wide_mask) {
    const uint32_t c = wide[slot];
    if (c == kNoNode) return kNoNode;
    if (c >= fc && c < lc && (nodes[c].label & image::kLabelMask) == cp) return c;
  }
  return kNoNode;
}

inline const uint32_t* Gazetteer::Rep::NodeEntries(uint32_t node, uint32_t* single, uint32_t* count) const {
  *count = 0;
  if (node >= node_count) return nullptr;
  const image::TerminalBlock& b = terminals[node >> 5];
  const uint32_t bit = 1u << (node & 31);
  if ((b.bits & bit) == 0) return nullptr;
  const uint64_t rank = uint64_t{b.base} + static_cast<uint32_t>(__builtin_popcount(b.bits & (bit - 1)));
  if (rank >= term_slot_count) return nullptr;
  const uint32_t v = term_slots[rank];
  if ((v & image::kListFlag) == 0) {
    *single = v;
    *count = 1;
    return single;
  }
  const uint32_t at = v & ~image::kListFlag;
  if (at >= entry_list_count || entry_lists[at] > entry_list_count - at - 1) return nullptr;
  *count = entry_lists[at];
  return entry_lists + at + 1;
}

std::string_view Gazetteer::Rep::Str(uint64_t ref) const {
  if (ref >= ref_count) return {};
  const StrRef r = refs[ref];
  if (uint64_t{r.offset} + r.length > pool_size) return {};
  return std::string_view(pool + r.offset, r.length);
}

const EntryRec& Gazetteer::Rep::Rec(uint32_t index) const {
  // Refs past the end read as empty strings.
  static const EntryRec kEmpty{kNoNode, 0, 0, 0, 0, 0, 0};
  if (index >= entry_count) return kEmpty;
  const EntryRec& e = entries[index];
  const uint64_t end = uint64_t{e.ref_begin} + image::kFixedRefs + e.alias_count + 2ull * e.attribute_count +
                       2ull * e.external_count + e.context_count;
  return end <= ref_count ? e : kEmpty;
}

// ---------------------------------------------------------------------------
// EntryRef

namespace {
const Gazetteer::Rep& RepOf(const void* p) { return *static_cast<const Gazetteer::Rep*>(p); }
}  // namespace

std::string_view EntryRef::id() const {
  const auto& r = RepOf(rep_);
  return r.Str(uint64_t{r.Rec(index_).ref_begin});
}
std::string_view EntryRef::type() const {
  const auto& r = RepOf(rep_);
  return r.Str(uint64_t{r.Rec(index_).ref_begin} + 1);
}
std::string_view EntryRef::name() const {
  const auto& r = RepOf(rep_);
  return r.Str(uint64_t{r.Rec(index_).ref_begin} + 2);
}
std::string_view EntryRef::lang() const {
  const auto& r = RepOf(rep_);
  return r.Str(uint64_t{r.Rec(index_).ref_begin} + 3);
}
std::string EntryRef::origin() const {
  const auto& r = RepOf(rep_);
  const EntryRec& e = r.Rec(index_);
  std::string o(r.Str(uint64_t{e.ref_begin} + 4));
  if (e.origin_line > 0) o += ":" + std::to_string(e.origin_line);
  return o;
}
int EntryRef::priority() const { return RepOf(rep_).Rec(index_).priority; }
size_t EntryRef::alias_count() const { return RepOf(rep_).Rec(index_).alias_count; }
std::string_view EntryRef::alias(size_t i) const {
  const auto& r = RepOf(rep_);
  const EntryRec& e = r.Rec(index_);
  if (i >= e.alias_count) return {};
  return r.Str(uint64_t{e.ref_begin} + image::kFixedRefs + i);
}
std::vector<std::string> EntryRef::aliases() const {
  std::vector<std::string> out;
  const size_t n = alias_count();
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.emplace_back(alias(i));
  return out;
}

namespace {
// Key/value pairs sorted by key, starting at ref `first`.
bool FindPair(const Gazetteer::Rep& r, uint64_t first, uint32_t count, std::string_view key, std::string_view* value) {
  uint32_t lo = 0, hi = count;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    const std::string_view k = r.Str(first + 2ull * mid);
    if (k < key) {
      lo = mid + 1;
    } else if (key < k) {
      hi = mid;
    } else {
      if (value != nullptr) *value = r.Str(first + 2ull * mid + 1);
      return true;
    }
  }
  return false;
}

std::map<std::string, std::string> Pairs(const Gazetteer::Rep& r, uint64_t first, uint32_t count) {
  std::map<std::string, std::string> out;
  for (uint32_t k = 0; k < count; ++k) {
    out.emplace(std::string(r.Str(first + 2ull * k)), std::string(r.Str(first + 2ull * k + 1)));
  }
  return out;
}
}  // namespace

bool EntryRef::attribute(std::string_view key, std::string_view* value) const {
  const auto& r = RepOf(rep_);
  const EntryRec& e = r.Rec(index_);
  return FindPair(r, uint64_t{e.ref_begin} + image::kFixedRefs + e.alias_count, e.attribute_count, key, value);
}
std::map<std::string, std::string> EntryRef::attributes() const {
  const auto& r = RepOf(rep_);
  const EntryRec& e = r.Rec(index_);
  return Pairs(r, uint64_t{e.ref_begin} + image::kFixedRefs + e.alias_count, e.attribute_count);
}
std::map<std::string, std::string> EntryRef::external_ids() const {
  const auto& r = RepOf(rep_);
  const EntryRec& e = r.Rec(index_);
  return Pairs(r, uint64_t{e.ref_begin} + image::kFixedRefs + e.alias_count + 2ull * e.attribute_count,
               e.external_count);
}
Entry EntryRef::ToEntry() const {
  Entry e;
  e.id = std::string(id());
  e.type = std::string(type());
  e.name = std::string(name());
  e.aliases = aliases();
  e.lang = std::string(lang());
  e.external_ids = external_ids();
  e.attributes = attributes();
  e.priority = priority();
  e.origin = std::string(origin());
  return e;
}

// ---------------------------------------------------------------------------
// Gazetteer

Gazetteer::Gazetteer() : rep_(std::make_unique<Rep>()) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

size_t Gazetteer::size() const { return rep_ ? rep_->entry_count : 0; }
EntryRef Gazetteer::entry(uint32_t index) const { return EntryRef(rep_.get(), index); }
std::string_view Gazetteer::image_bytes() const {
  return rep_ && rep_->base ? std::string_view(reinterpret_cast<const char*>(rep_->base), rep_->size)
                            : std::string_view();
}

int64_t Gazetteer::Find(std::string_view id) const {
  if (!rep_ || rep_->entry_count == 0) return -1;
  const Rep& r = *rep_;
  // by_id is an open-addressing table; a probe sequence ends at an empty slot
  // (or, on a corrupt image, after visiting every slot).
  uint32_t slot = static_cast<uint32_t>(image::Fnv1a(id.data(), id.size())) & r.by_id_mask;
  for (uint32_t probes = 0; probes <= r.by_id_mask; ++probes, slot = (slot + 1) & r.by_id_mask) {
    const uint32_t e = r.by_id[slot];
    if (e == kNoNode || e >= r.entry_count) return -1;
    if (r.Str(r.Rec(e).ref_begin) == id) return e;
  }
  return -1;
}

std::vector<uint32_t> Gazetteer::Lookup(std::string_view normalized_surface) const {
  std::vector<uint32_t> result;
  if (!rep_ || rep_->node_count == 0) return result;
  const Rep& r = *rep_;
  const std::string surface = CleanSurface(normalized_surface);
  if (surface.empty()) return result;
  const auto* s = reinterpret_cast<const unsigned char*>(surface.data());
  uint32_t node = 0;
  for (size_t i = 0; i < surface.size();) {
    int len = 0;
    char32_t label = 0;
    DecodeFast(s, surface.size(), i, &len, &label);
    if (label == kInvalid) return result;
    node = r.Child(node, label);
    if (node == kNoNode) return result;
    i += static_cast<size_t>(len);
  }
  uint32_t single = 0, count = 0;
  const uint32_t* list = r.NodeEntries(node, &single, &count);
  for (uint32_t k = 0; k < count; ++k) {
    if (list[k] < r.entry_count) result.push_back(list[k]);
  }
  return result;
}

namespace {

// One walk of the trie from one start position. Walks from several starts
// advance in lockstep (see Match), so each keeps its own state, including the
// scan of the rest of the eojeol used by the boundary test.
struct Walk {
  size_t start;
  size_t end;      // byte after the code point that led to `node`
  uint32_t node;   // kNoNode: finished
  char32_t last;   // that code point
  int start_ok;    // segment::IsNameStart, computed on the first candidate (-1: not yet)
  size_t run_from, run_end, hangul_from;  // rest-of-eojeol cache, see rest_of_eojeol
  // The code point at `end` (decoded one step ahead, see Match's `ahead`).
  char32_t next, next_label;
  int next_len;
};

// How many walks advance together. A step of a walk at a million names is a
// cache miss; interleaving independent walks lets the misses overlap instead
// of queueing (memory-level parallelism). More than ~8 buys nothing on two
// cores' worth of line-fill buffers.
constexpr size_t kLanes = 8;

}  // namespace

void Gazetteer::Match(std::string_view folded, const segment::ParticleSet& particles,
                      std::vector<GazetteerMatch>* out) const {
  if (!rep_ || out == nullptr || folded.empty() || rep_->entry_count == 0 || rep_->node_count == 0) return;
  const Rep& r = *rep_;
  const auto* s = reinterpret_cast<const unsigned char*>(folded.data());
  const size_t n = folded.size();

  // The rest of the eojeol after a name ending at `end` is the run of word
  // characters from `end`. A walk queries increasing ends inside the same run,
  // so the run is scanned once: [run_from, run_end) are word characters, and
  // those before hangul_from include a non-Hangul one.
  auto rest_of_eojeol = [&](Walk& w, size_t end, bool* all_hangul) {
    if (end < w.run_from || end > w.run_end) {
      w.run_from = end;
      w.hangul_from = end;
      size_t q = end;
      while (q < n) {
        int l = 0;
        char32_t label = 0;
        const char32_t c = DecodeFast(s, n, q, &l, &label);
        if (!IsWord(c)) break;
        q += static_cast<size_t>(l);
        if (!IsHangul(c)) w.hangul_from = q;
      }
      w.run_end = q;
    }
    *all_hangul = end >= w.hangul_from;
    return w.run_end;
  };

  // Matches of a batch go to a scratch buffer, then to *out lane by lane: lanes
  // hold distinct starts in increasing order (a match's begin names its lane)
  // and each walk finds its matches in (end, entry) order, so the reported
  // order (begin, end, entry) does not depend on the interleaving.
  thread_local std::vector<GazetteerMatch> scratch;

  // One step of walk `w`: report the entries ending at its node (when bounded
  // as a name), then move to the child for the next code point.
  // Decodes the code point after walk `w`'s node and starts fetching what
  // the next step will read to find the child for it: the wide-table slot of
  // a wide node, the children's cells of a narrow one. The miss then
  // overlaps the other lanes' work instead of stalling this one.
  auto ahead = [&](Walk& w) {
    w.next = 0;
    w.next_label = kInvalid;
    w.next_len = 0;
    if (w.end < n) w.next = DecodeFast(s, n, w.end, &w.next_len, &w.next_label);
    const uint32_t fc = r.nodes[w.node].first_child, lc = r.nodes[w.node + 1].first_child;
    if (lc - fc > image::kNarrow && w.next_label != kInvalid) {
      __builtin_prefetch(&r.wide[image::WideHash(w.node, w.next_label) & r.wide_mask]);
    } else if (fc < r.node_count) {
      __builtin_prefetch(&r.nodes[fc]);
    }
  };

  auto step = [&](Walk& w) {
    const uint32_t node = w.node;
    const uint32_t label_bits = r.nodes[node].label;
    const int next_len = w.next_len;
    const char32_t next_label = w.next_label, next = w.next;
    if (label_bits & image::kTerminalFlag) {
      // segment::IsNameBoundary, inlined: the start test once per start, the
      // end by what the last and next characters are.
      if (w.start_ok < 0) w.start_ok = segment::IsNameStart(folded, w.start) ? 1 : 0;
      size_t particle_end = w.end;
      bool ok = w.start_ok == 1;
      if (ok && w.end < n && IsWord(w.last) && IsWord(next)) {
        bool all_hangul = false;
        const size_t rest_end = rest_of_eojeol(w, w.end, &all_hangul);
        ok = all_hangul && particles.IsChain(folded.substr(w.end, rest_end - w.end), w.last);
        if (ok) particle_end = rest_end;
      }
      if (ok) {
        uint32_t single = 0, count = 0;
        const uint32_t* list = r.NodeEntries(node, &single, &count);
        for (uint32_t k = 0; k < count; ++k) {
          const uint32_t e = list[k];
          if (e >= r.entry_count) continue;
          GazetteerMatch m;
          m.begin = w.start;
          m.end = w.end;
          m.particle_end = particle_end;
          m.entry = e;
          scratch.push_back(m);
        }
      }
    }
    if (w.end >= n || next_label == kInvalid) {
      w.node = kNoNode;
      return;
    }
    w.node = r.Child(node, next_label);
    w.last = next;
    w.end += static_cast<size_t>(next_len);
    if (w.node != kNoNode) ahead(w);
  };

  Walk lanes[kLanes];
  size_t lane_count = 0;
  // Runs the batched walks to completion, one step of each in turn.
  auto run_batch = [&]() {
    scratch.clear();
    size_t live = lane_count;
    while (live > 0) {
      live = 0;
      for (size_t k = 0; k < lane_count; ++k) {
        Walk& w = lanes[k];
        if (w.node == kNoNode) continue;
        step(w);
        if (w.node != kNoNode) ++live;
      }
    }
    if (scratch.empty()) return;
    // Usually one lane matched, and its matches are in order already.
    bool in_order = true;
    for (size_t i = 1; i < scratch.size() && in_order; ++i) in_order = scratch[i - 1].begin <= scratch[i].begin;
    if (in_order) {
      out->insert(out->end(), scratch.begin(), scratch.end());
      return;
    }
    // Otherwise a stable partition by lane.
    for (size_t k = 0; k < lane_count; ++k) {
      for (const GazetteerMatch& m : scratch) {
        if (m.begin == lanes[k].start) out->push_back(m);
      }
    }
  };

  bool previous_is_word = false;
  size_t start = 0;
  while (start < n) {
    int len = 0;
    char32_t label = 0;
    const char32_t c = DecodeFast(s, n, start, &len, &label);
    const bool is_word = IsWord(c);
    // A name may start at the text start, after a non-word character, or on a
    // non-word character of its own ("(주)"); segment::IsNameStart says the
    // same, but tracking the previous character here avoids decoding backwards.
    if (start == 0 || !previous_is_word || !is_word) {
      const uint32_t first = label == kInvalid ? kNoNode : r.Child(0, label);
      if (first != kNoNode) {
        Walk& w = lanes[lane_count++];
        w.start = start;
        w.end = start + static_cast<size_t>(len);
        w.node = first;
        w.last = c;
        w.start_ok = -1;
        w.run_from = 1;
        w.run_end = 0;
        w.hangul_from = 0;
        ahead(w);
        if (lane_count == kLanes) {
          run_batch();
          lane_count = 0;
        }
      }
    }
    previous_is_word = is_word;
    start += static_cast<size_t>(len);
  }
  if (lane_count > 0) run_batch();
}

bool Gazetteer::HasContext(uint32_t entry) const {
  return rep_ && entry < rep_->entry_count && rep_->Rec(entry).context_count > 0;
}

bool Gazetteer::ContextSatisfied(uint32_t entry, std::string_view folded_sentence) const {
  if (!HasContext(entry)) return true;
  const Rep& r = *rep_;
  const EntryRec& e = r.Rec(entry);
  const uint64_t first =
      uint64_t{e.ref_begin} + image::kFixedRefs + e.alias_count + 2ull * e.attribute_count + 2ull * e.external_count;
  for (uint32_t k = 0; k < e.context_count; ++k) {
    const std::string_view word = r.Str(first + k);
    if (!word.empty() && folded_sentence.find(word) != std::string_view::npos) return true;
  }
  return false;
}

GazetteerStats Gazetteer::Stats() const {
  GazetteerStats st;
  if (!rep_) return st;
  st.entries = rep_->entry_count;
  for (uint32_t t = 0; t < rep_->term_slot_count; ++t) {
    const uint32_t v = rep_->term_slots[t];
    const uint32_t at = v & ~image::kListFlag;
    if ((v & image::kListFlag) == 0) {
      ++st.surfaces;
    } else if (at < rep_->entry_list_count) {
      st.surfaces += std::min<uint64_t>(rep_->entry_lists[at], rep_->entry_list_count - at - 1);
    }
  }
  std::unordered_map<std::string_view, size_t> by_type;
  for (uint32_t i = 0; i < rep_->entry_count; ++i) {
    const EntryRef e = entry(i);
    const std::string_view type = e.type();
    ++by_type[type];
    if (HasContext(i)) ++st.with_context;
    if (e.has_attribute("parent")) ++st.with_parent;
    if (type == "person" && (e.has_attribute("title") || e.has_attribute("organization"))) ++st.with_position;
  }
  for (const auto& [type, n] : by_type) st.by_type[std::string(type)] = n;
  return st;
}

// ---------------------------------------------------------------------------
// Building: entries → keys → trie → image bytes.

GazetteerBuilder::GazetteerBuilder() = default;
GazetteerBuilder::~GazetteerBuilder() = default;

StatusOr<Gazetteer> GazetteerBuilder::Build(const text::Normalizer& normalizer) {
  return BuildImage(normalizer, 0, "", /*consume=*/false);
}

StatusOr<Gazetteer> GazetteerBuilder::Build(const text::Normalizer& normalizer, uint64_t source_hash,
                                            std::string_view sources) {
  return BuildImage(normalizer, source_hash, sources, /*consume=*/true);
}

StatusOr<Gazetteer> GazetteerBuilder::BuildImage(const text::Normalizer& normalizer, uint64_t source_hash,
                                                 std::string_view sources, bool consume) {
  image::ImageWriter w;
  RELATA_RETURN_IF_ERROR(Layout(normalizer, sources, consume, &w));
  Gazetteer gazetteer;
  RELATA_RETURN_IF_ERROR(w.Finish(source_hash, &gazetteer.rep_->owned, &gazetteer.rep_->owned_size));
  RELATA_RETURN_IF_ERROR(gazetteer.rep_->Attach(reinterpret_cast<const uint8_t*>(gazetteer.rep_->owned.get()),
                                                gazetteer.rep_->owned_size, 0));
  return gazetteer;
}

Status GazetteerBuilder::Layout(const text::Normalizer& normalizer, std::string_view sources, bool consume,
                                image::ImageWriter* writer) {
  image::ImageWriter& w = *writer;
  // Entry indices stay below 2^31: a term_slots value keeps its top bit for lists.
  if (staged_.size() >= image::kListFlag) return Status::ResourceExhausted("too many gazetteer entries");
  const uint32_t entry_count = static_cast<uint32_t>(staged_.size());

  // The keys (surface, entry) of the trie: surfaces in one buffer, records of
  // 24 bytes that sort on their first eight bytes without touching the buffer.
  std::string key_bytes;
  std::vector<Key> keys;
  keys.reserve(entry_count + entry_count / 4 + 1);
  key_bytes.reserve(arena_.size() / 2);
  w.ReservePool(arena_.size());
  w.ReserveRefs(size_t{entry_count} * 7);
  std::vector<EntryRec> recs(entry_count);
  // Ids are unique (Add checks), so each goes in the first free slot.
  size_t table_size = 2;
  while (table_size < 2 * size_t{entry_count}) table_size *= 2;
  std::vector<uint32_t> by_id(table_size, kNoNode);
  std::vector<std::string_view> aliases;
  for (uint32_t i = 0; i < entry_count; ++i) {
    staging::Reader rd(arena_.data() + staged_[i]);
    const staging::Head& head = rd.head;
    const std::string_view id = rd.Next(), type = rd.Next(), name = rd.Next(), lang = rd.Next(),
                           origin = rd.Next();
    {
      size_t slot = static_cast<uint32_t>(image::Fnv1a(id.data(), id.size())) & (table_size - 1);
      while (by_id[slot] != kNoNode) slot = (slot + 1) & (table_size - 1);
      by_id[slot] = i;
    }
    EntryRec& rec = recs[i];
    rec.ref_begin = w.RefCount();
    rec.priority = head.priority;
    w.AddRef(id, false);
    w.AddRef(type, true);
    w.AddRef(name, false);
    w.AddRef(lang, true);
    // "file:line" is stored as the file (shared by all its entries) and a
    // number: at a million entries the full strings would be the image's
    // largest part. Add() has split it already.
    if (head.origin_file != kNoNode) {
      w.AddRef(origin_files_[head.origin_file], true);
      rec.origin_line = head.origin_line;
    } else {
      w.AddRef(origin, false);
    }
    aliases.clear();
    for (uint32_t k = 0; k < head.alias_count; ++k) {
      aliases.push_back(rd.Next());
      w.AddRef(aliases.back(), false);
    }
    std::string_view context;
    bool has_context = false;
    for (uint32_t k = 0; k < head.attribute_count; ++k) {
      const std::string_view key = rd.Next(), value = rd.Next();
      w.AddRef(key, true);
      w.AddRef(value, value.size() < 64);
      if (key == "context") {
        context = value;
        has_context = true;
      }
    }
    for (uint32_t k = 0; k < head.external_count; ++k) {
      const std::string_view key = rd.Next(), value = rd.Next();
      w.AddRef(key, true);
      w.AddRef(value, false);
    }
    rec.alias_count = head.alias_count;
    rec.attribute_count = head.attribute_count;
    rec.external_count = head.external_count;
    if (has_context) {
      size_t from = 0;
      while (from <= context.size()) {
        size_t bar = context.find('|', from);
        if (bar == std::string_view::npos) bar = context.size();
        std::string word = CleanSurface(normalizer.NormalizeString(context.substr(from, bar - from)));
        if (!word.empty()) {
          w.AddRef(word, true);
          ++rec.context_count;
        }
        from = bar + 1;
      }
    }
    // The name first, then the aliases; a surface listed twice for one entry is
    // one key (deduplicated below).
    for (size_t s = 0; s <= aliases.size(); ++s) {
      const std::string_view raw = s == 0 ? name : aliases[s - 1];
      const std::string surface = CleanSurface(normalizer.NormalizeString(raw));
      if (surface.empty()) {
        // NFKC_Casefold drops default-ignorable code points, so a name made only
        // of, say, zero-width spaces would otherwise vanish without a trace.
        const std::string where = OriginText(i);
        return Status::DataError((where.empty() ? "" : where + ": ") + (s == 0 ? "name '" : "alias '") +
                                 std::string(raw) + "' of '" + std::string(id) + "' is empty after normalization");
      }
      // Node indices and key offsets are 32-bit; a trie never has more nodes
      // than key bytes + 1.
      if (key_bytes.size() + surface.size() >= kNoNode) {
        return Status::ResourceExhausted("gazetteer surfaces exceed 4 GiB");
      }
      keys.push_back({KeyPrefix(surface), static_cast<uint32_t>(key_bytes.size()),
                      static_cast<uint32_t>(surface.size()), i});
      key_bytes += surface;
    }
  }
  if (consume) {
    std::string().swap(arena_);
    std::vector<uint64_t>().swap(staged_);
    std::vector<uint64_t>().swap(id_slots_);
    std::vector<std::string>().swap(origin_files_);
    std::unordered_map<std::string, uint32_t>().swap(origin_file_index_);
  }
  if (!w.PoolFits()) return Status::ResourceExhausted("gazetteer strings exceed 4 GiB");
  w.SetSection(image::kEntries, std::move(recs));
  w.SetSection(image::kById, std::move(by_id));

  const char* kb = key_bytes.data();
  auto surface_of = [kb](const Key& k) { return std::string_view(kb + k.offset, k.length); };
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    // Equal prefixes: equal first bytes (or both shorter and equal).
    const size_t skip = std::min<size_t>({8, a.length, b.length});
    const int c = surface_of(a).substr(skip).compare(surface_of(b).substr(skip));
    return c != 0 ? c < 0 : a.entry < b.entry;
  });
  keys.erase(std::unique(keys.begin(), keys.end(),
                         [&](const Key& a, const Key& b) {
                           return a.entry == b.entry && a.prefix == b.prefix && surface_of(a) == surface_of(b);
                         }),
             keys.end());

  // Breadth-first over the sorted keys (UTF-8 byte order is code point order):
  // a node owns the key range sharing its prefix; keys that end at the node
  // come first in the range, the rest group by their next code point into
  // children, appended contiguously. Nodes are processed in index order, so
  // first_child never decreases (the sentinel cell at the end turns every
  // child count into a difference) and terminal nodes come in rank order, the
  // order of their term_slots. Iterative: a very long name cannot exhaust the
  // stack. The work list is the node array itself: node k's key range and
  // depth sit in `ranges[k]`, filled when k is created.
  struct Range {
    uint32_t lo, hi, depth;
  };
  std::vector<image::Cell> nodes;
  std::vector<Range> ranges;
  nodes.reserve(key_bytes.size() / 2 + 2);
  ranges.reserve(key_bytes.size() / 2 + 2);
  std::vector<uint32_t> term_slots;
  std::vector<uint32_t> entry_lists;
  nodes.push_back(image::Cell{0, 0});
  ranges.push_back(Range{0, static_cast<uint32_t>(keys.size()), 0});
  for (size_t node = 0; node < nodes.size(); ++node) {
    const Range wk = ranges[node];
    uint32_t i = wk.lo;
    nodes[node].first_child = static_cast<uint32_t>(nodes.size());
    uint32_t ending = 0;
    while (i + ending < wk.hi && keys[i + ending].length == wk.depth) ++ending;
    if (ending == 1) {
      nodes[node].label |= image::kTerminalFlag;
      term_slots.push_back(keys[i].entry);
    } else if (ending > 1) {
      // A surface shared by several entries (common personal names).
      if (entry_lists.size() + ending + 1 >= image::kListFlag) {
        return Status::ResourceExhausted("gazetteer has too many shared surfaces");
      }
      nodes[node].label |= image::kTerminalFlag;
      term_slots.push_back(image::kListFlag | static_cast<uint32_t>(entry_lists.size()));
      entry_lists.push_back(ending);
      for (uint32_t k = 0; k < ending; ++k) entry_lists.push_back(keys[i + k].entry);
    }
    i += ending;
    while (i < wk.hi) {
      const std::string_view sf = surface_of(keys[i]);
      int len = 0;
      char32_t label = 0;
      DecodeFast(reinterpret_cast<const unsigned char*>(sf.data()), sf.size(), wk.depth, &len, &label);
      const size_t unit_end = wk.depth + static_cast<size_t>(len);
      uint32_t j = i + 1;
      // Compared inline: a code point is 1–4 bytes, too short for a memcmp call.
      auto same_unit = [&](const Key& k) {
        if (k.length < unit_end) return false;
        const char* a = kb + k.offset + wk.depth;
        const char* b = sf.data() + wk.depth;
        for (int q = 0; q < len; ++q) {
          if (a[q] != b[q]) return false;
        }
        return true;
      };
      while (j < wk.hi && same_unit(keys[j])) ++j;
      // Surfaces are valid UTF-8 (checked when added), so labels fit kLabelMask.
      nodes.push_back(image::Cell{0, static_cast<uint32_t>(label) & image::kLabelMask});
      ranges.push_back(Range{i, j, static_cast<uint32_t>(unit_end)});
      i = j;
    }
  }
  nodes.push_back(image::Cell{static_cast<uint32_t>(nodes.size()), 0});
  std::vector<Range>().swap(ranges);
  std::vector<Key>().swap(keys);
  std::string().swap(key_bytes);
  const uint32_t node_count = static_cast<uint32_t>(nodes.size() - 1);

  std::vector<uint32_t> root(image::kRootTableSize, kNoNode);
  for (uint32_t c = nodes[0].first_child; c < nodes[1].first_child; ++c) {
    const uint32_t label = nodes[c].label & image::kLabelMask;
    if (label < image::kRootTableSize) root[label] = c;
  }
  std::vector<image::TerminalBlock> terminals(node_count / 32 + 1, image::TerminalBlock{0, 0});
  {
    uint32_t rank = 0;
    for (uint32_t k = 0; k < node_count; ++k) {
      if ((k & 31) == 0) terminals[k >> 5].base = rank;
      if (nodes[k].label & image::kTerminalFlag) {
        terminals[k >> 5].bits |= 1u << (k & 31);
        ++rank;
      }
    }
  }
  // The wide table: every child of a node with more than kNarrow children.
  size_t wide_children = 0;
  for (uint32_t k = 0; k < node_count; ++k) {
    const uint32_t width = nodes[k + 1].first_child - nodes[k].first_child;
    if (width > image::kNarrow) wide_children += width;
  }
  // Up to 3/4 full: a lookup's extra probes are mostly in the same cache line
  // and pass over other nodes' children by index alone, so a denser table
  // costs little time and 4 MB less of the image at a million names.
  size_t wide_size = 2;
  while (3 * wide_size < 4 * wide_children) wide_size *= 2;
  std::vector<uint32_t> wide(wide_size, kNoNode);
  for (uint32_t k = 0; k < node_count; ++k) {
    const uint32_t fc = nodes[k].first_child, lc = nodes[k + 1].first_child;
    if (lc - fc <= image::kNarrow) continue;
    for (uint32_t c = fc; c < lc; ++c) {
      size_t slot = image::WideHash(k, nodes[c].label & image::kLabelMask) & (wide_size - 1);
      while (wide[slot] != kNoNode) slot = (slot + 1) & (wide_size - 1);
      wide[slot] = c;
    }
  }
  w.SetSection(image::kNodes, std::move(nodes));
  w.SetSection(image::kTerminals, std::move(terminals));
  w.SetSection(image::kTermSlots, std::move(term_slots));
  w.SetSection(image::kEntryLists, std::move(entry_lists));
  w.SetSection(image::kWide, std::move(wide));
  w.SetSection(image::kRoot, std::move(root));
  w.SetSection(image::kSources, sources);
  return Status::Ok();
}

}  // namespace relata::gazetteer
