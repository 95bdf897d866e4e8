// The compiled gazetteer image: one file holding everything a Gazetteer needs,
// laid out so that it is used in place from a read-only memory map. Start-up is
// then a stat of the sources, an open, an mmap and a header check — it does not
// grow with the number of names. The format is in docs/gazetteers.md
// ("Compiled images"); in short:
//
//   Header (kHeaderSize bytes): magic "RELATAGZ", format version, byte-order
//   mark, file size, the source hash, a hash of the header itself, and a table
//   of sections {offset, size}, each 8-byte aligned:
//     nodes         Cell[node_count + 1], 8 bytes: first child and the label
//                   (code point) of the edge into the node, with a flag for
//                   nodes where a surface ends (the extra cell is a sentinel,
//                   so child counts are differences)
//     terminals     TerminalBlock[node_count / 32 + 1]: per 32 nodes, which of
//                   them end a surface and how many did before: the rank of a
//                   terminal node, its index into term_slots
//     entry_lists   uint32[]: {count, entry...} lists of surfaces shared by
//                   several entries
//     root          uint32[65536]: the root's child for each BMP code point
//     entries       EntryRec[entry_count]
//     refs          StrRef[]: {offset, length} into the pool
//     pool          the strings, UTF-8
//     by_id         uint32[2^k]: open-addressing hash table of entry indices
//                   by id (FNV-1a, linear probing, kNoNode empty), load <= 1/2
//     sources       text: "size<TAB>mtime_ns<TAB>path" per source file
//     term_slots    uint32 per terminal node: its entry, or (kListFlag | k)
//                   for the list at entry_lists[k]
//     wide          uint32[2^k]: children of wide nodes (more than kNarrow
//                   children) by (parent, label), open addressing, load <= 3/4
//
// The header up to its section table and the place of the source list
// (section 8) are the same in every format version, so an image of another
// version still says what it was built from and is rebuilt from that.
//
// The trie is over code points, not bytes: a Hangul syllable is one step, not
// three, which is what keeps a walk at 1M names to a few cache misses.
//
// Nothing in the image is trusted: the header is checked on load (truncation,
// another version, a damaged header), and every index read from the body is
// bounds-checked where it is used, so a corrupt body gives wrong answers at
// worst, never a crash or a read outside the mapping.
#ifndef RELATA_GAZETTEER_IMAGE_H_
#define RELATA_GAZETTEER_IMAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "gazetteer/gazetteer.h"
#include "text/normalizer.h"

namespace relata::gazetteer {

namespace image {

constexpr char kMagic[8] = {'R', 'E', 'L', 'A', 'T', 'A', 'G', 'Z'};
// Bump on any change to the layout or to what the sections mean.
// 2: 8-byte trie cells, terminal ranks, wide-node hash; no label copy.
constexpr uint32_t kVersion = 2;
constexpr uint32_t kByteOrderMark = 0x01020304;
constexpr uint32_t kNoNode = 0xFFFFFFFFu;
constexpr size_t kRootTableSize = 0x10000;

enum Section : uint32_t {
  kNodes = 0,
  kTerminals,
  kEntryLists,
  kRoot,
  kEntries,
  kRefs,
  kPool,
  kById,
  kSources,  // index 8 in every version (see above)
  kTermSlots,
  kWide,
  kSectionCount
};

struct SectionRef {
  uint64_t offset;
  uint64_t size;
};

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t byte_order;
  uint64_t file_size;
  uint64_t source_hash;  // HashSources() of the files the image was built from
  uint64_t header_hash;  // FNV-1a of the header with this field zero
  uint32_t section_count;
  uint32_t reserved;
  SectionRef sections[kSectionCount];
};
constexpr size_t kHeaderSize = 256;
static_assert(sizeof(Header) <= kHeaderSize, "header grew past its reserved size");
// The first sections of version 1, whose layout of the header is kept.
constexpr uint32_t kFirstSectionCount = 9;
// What `header_hash` covers: the header through its section table
// (`section_count` entries), with `header_hash` zero.
uint64_t HeaderHash(const Header& h);

// 8 bytes, label inside: finding a child scans the children's cells, which
// brings the child's own cell into cache with it — one miss per step of a
// walk. At a million names the cells are 23 MB, under the L3 cache; entries
// are reached through the terminal rank only where a surface ends.
struct Cell {
  uint32_t first_child;  // node index of the first child; children are consecutive, sorted by label
  uint32_t label;        // code point on the edge from the parent (kLabelMask) | kTerminalFlag
};
constexpr uint32_t kLabelMask = 0x1FFFFF;
constexpr uint32_t kTerminalFlag = 0x80000000u;

// Nodes 32k .. 32k+31: bit j of `bits` says node 32k+j is terminal; `base` is
// the number of terminal nodes before 32k.
struct TerminalBlock {
  uint32_t base;
  uint32_t bits;
};
// A term_slots value with this bit is a list in entry_lists; without it, the
// one entry of the surface (so entry indices stay below 2^31).
constexpr uint32_t kListFlag = 0x80000000u;
// Nodes with at most this many children are scanned (their cells fill a cache
// line); wider ones are found in the `wide` hash table.
constexpr uint32_t kNarrow = 8;
// The slot of (parent, label) in the wide table before masking.
inline uint32_t WideHash(uint32_t parent, uint32_t label) {
  const uint64_t h = ((uint64_t{parent} << 21) | label) * 0x9E3779B97F4A7C15ull;
  return static_cast<uint32_t>(h >> 32);
}

struct StrRef {
  uint32_t offset;
  uint32_t length;
};

// An entry's strings are refs[ref_begin ...]: id, type, name, lang, origin
// (the file part of "file:line"; the line is origin_line, 0 for none), then
// the aliases, attribute key/value pairs (sorted by key), external id pairs
// (sorted by key) and normalized context words.
struct EntryRec {
  uint32_t ref_begin;
  uint32_t alias_count;
  uint32_t attribute_count;
  uint32_t external_count;
  uint32_t context_count;
  int32_t priority;
  uint32_t origin_line;
};
constexpr uint32_t kFixedRefs = 5;

// 64-bit FNV-1a, for the header and source hashes (not for security).
uint64_t Fnv1a(const void* data, size_t size, uint64_t seed = 0xcbf29ce484222325ull);

}  // namespace image

// A source file of a gazetteer as the image records it.
struct SourceStamp {
  std::string path;  // absolute
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

// Stats each file (made absolute). Errors name the file.
StatusOr<std::vector<SourceStamp>> StampSources(const std::vector<std::string>& files);
// The hash an image records: the format version, the ICU version (it decides
// normalization) and each source's path, size and modification time. A source
// that changes changes the hash (mtimes have nanosecond resolution), without
// reading the sources, so checking an image stays cheap at a million names.
uint64_t HashSources(const std::vector<SourceStamp>& sources);
std::string SourcesText(const std::vector<SourceStamp>& sources);
std::vector<SourceStamp> ParseSourcesText(std::string_view text);

// Maps `path` read-only and checks its header: the magic, the version, the byte
// order, the size against the file's, the header hash and the section table.
// When `expected_hash` is not zero the recorded source hash must equal it.
// Errors say what was wrong, so a caller can warn and rebuild.
StatusOr<Gazetteer> LoadImage(const std::string& path, uint64_t expected_hash);
// Reads the source list recorded in an image (for `--gazetteer x.img`).
StatusOr<std::vector<SourceStamp>> ReadImageSources(const std::string& path);
// Writes `g.image_bytes()` to `path` atomically (a temporary file renamed).
Status WriteImage(const Gazetteer& g, const std::string& path);

// The gazetteer files under `paths` (files as given; directories walked
// recursively for *.tsv and *.jsonl, sorted so load order is stable).
StatusOr<std::vector<std::string>> CollectSources(const std::vector<std::string>& paths);

// True for a path ending in ".img".
bool IsImagePath(const std::string& path);

struct LoadOptions {
  // Where the image lives. Empty: <cache dir>/<source hash>.img, or no image at
  // all when no cache directory is known or the sources are small.
  std::string image_path;
  // Sources smaller than this in total are built in memory without an image.
  // Only tiny files build as fast as they map: the shipped gazetteers (~650 KB)
  // took ~80 ms to build, a fifth of start-up. 0 always uses an image.
  uint64_t min_cached_bytes = 16 << 10;
};

// The gazetteer of `files` (TSV/JSONL, in order): from its image when that is
// current, otherwise built from the sources and the image (re)written. A stale
// image (a source changed) is rebuilt silently; an unreadable, corrupt or
// truncated one is rebuilt with a line in `*warnings`; an image that cannot be
// written is a warning too (the built gazetteer is still returned). When
// `options.image_path` is given and a source it was built from no longer
// exists, the image is used as it is (with a warning): a compiled image may be
// shipped without its sources.
StatusOr<Gazetteer> LoadOrBuild(const std::vector<std::string>& files, const text::Normalizer& folder,
                                const LoadOptions& options, std::vector<std::string>* warnings);

// Builds the gazetteer of `files` and writes its image to `out_path`.
Status CompileImage(const std::vector<std::string>& files, const text::Normalizer& folder,
                    const std::string& out_path, GazetteerStats* stats);

}  // namespace relata::gazetteer

#endif  // RELATA_GAZETTEER_IMAGE_H_
