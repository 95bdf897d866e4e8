// Gazetteer: lists of known entities with canonical ids, aliases and attributes,
// compiled into one immutable dictionary that is matched in ONE pass over the
// NFKC-casefolded text of a sentence.
//
// Sources are TSV or JSONL files (format in docs/gazetteers.md):
//   TSV:   id <TAB> type <TAB> name <TAB> aliases (|-separated) <TAB> attributes (k=v;k=v)
//          optional further columns are ignored; '#' starts a comment line; a
//          first line whose first column is "id" is a header; priority=N in the
//          attribute column sets Entry::priority.
//   JSONL: {"id","type","name","aliases":[...],"lang","external_ids":{...},
//           "attributes":{...},"priority":N}; unknown fields are ignored.
// Every name and alias goes through the same text::Normalizer (kNfkcCasefold)
// that runs over input text; white space runs inside a surface become one space
// and white space at its ends is dropped.
//
// Matching (Gazetteer::Match):
//   * Names are walked in a byte trie from each position where a name may start,
//     so the cost is linear in the text times the (short) walk depth,
//     independent of the number of entries.
//   * Start and end follow the one name-boundary policy shared with the entity
//     rules, segment::IsNameBoundary (segment/boundary.h): a name starts at the
//     text start, after a non-word character (segment::IsWordChar) or on a
//     non-word character of its own; at the end,
//       Latin/digit/other: the next character must not be a word character
//         (a possessive 's / ’s passes: the apostrophe is no word character),
//         except that Hangul may follow when it forms a particle chain (TSMC는,
//         Meta가).
//       Hangul: the rest of the eojeol (the run of word characters after the
//         name) must be empty or a particle chain agreeing with the name's last
//         syllable (segment::ParticleSet::IsChain). 메타가 → 메타 + "가";
//         메타버스 → nothing; 인도로 → 인도 + "로"; 인도하는 → nothing.
//   * Every surface form that matches at a start is reported (all lengths, all
//     entries sharing the surface form); choosing among overlapping candidates
//     is the overlap policy's job (resolve/overlap.h), which needs the losers.
#ifndef RELATA_GAZETTEER_GAZETTEER_H_
#define RELATA_GAZETTEER_GAZETTEER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "segment/particles.h"
#include "text/normalizer.h"

namespace relata::gazetteer {

namespace image {
class ImageWriter;
}

struct Entry {
  std::string id;    // canonical id, e.g. "company:samsung-electronics"; unique
  std::string type;  // person, company, organization, place, ... (lowercase)
  std::string name;  // the label
  std::vector<std::string> aliases;
  std::string lang;  // optional
  std::map<std::string, std::string> external_ids;  // e.g. {"wikidata": "Q..."}
  std::map<std::string, std::string> attributes;    // e.g. title, organization, parent
  int priority = 0;
  std::string origin;  // "file:line", for explain and error messages
};

struct GazetteerMatch {
  size_t begin = 0;       // byte offsets into the matched (casefolded) text
  size_t end = 0;         // end of the name
  size_t particle_end = 0;  // end of the particle chain (== end when none)
  uint32_t entry = 0;     // index of the entry, Gazetteer::entry()
};

// What a compiled gazetteer holds, for `relata gazetteer stats` and tests.
struct GazetteerStats {
  size_t entries = 0;
  size_t surfaces = 0;  // distinct (surface, entry) keys in the trie
  std::map<std::string, size_t> by_type;
  size_t with_context = 0;   // ambiguous names with a context requirement
  size_t with_parent = 0;    // places that know their parent place
  size_t with_position = 0;  // people with a title or organization
};

// A read-only view of one entry of a compiled Gazetteer. The strings live in
// the gazetteer's image (possibly a memory-mapped file), so a view is valid only
// while its Gazetteer is, and reading it copies nothing; ToEntry() makes an
// owning copy when one is needed. Accessors on a corrupt image return empty
// values instead of reading out of bounds.
class EntryRef {
 public:
  std::string_view id() const;
  std::string_view type() const;
  std::string_view name() const;
  std::string_view lang() const;
  std::string origin() const;  // "file:line", rebuilt from a shared file name
  int priority() const;
  size_t alias_count() const;
  std::string_view alias(size_t i) const;
  std::vector<std::string> aliases() const;
  // True when attribute `key` exists; its value goes to `*value` when not null.
  bool attribute(std::string_view key, std::string_view* value) const;
  bool has_attribute(std::string_view key) const { return attribute(key, nullptr); }
  std::map<std::string, std::string> attributes() const;
  std::map<std::string, std::string> external_ids() const;
  Entry ToEntry() const;

 private:
  friend class Gazetteer;
  EntryRef(const void* rep, uint32_t index) : rep_(rep), index_(index) {}
  const void* rep_;
  uint32_t index_;
};

class Gazetteer {
 public:
  Gazetteer();
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

  // The entries, by index (GazetteerMatch::entry). There is deliberately no
  // std::vector<Entry>: a gazetteer mapped from a compiled image (image.h) is
  // used in place, and materializing a million entries would cost the start-up
  // the image exists to avoid.
  size_t size() const;
  bool empty() const { return size() == 0; }
  EntryRef entry(uint32_t index) const;  // index < size()

  // Index of the entry with canonical id `id`, or -1.
  int64_t Find(std::string_view id) const;
  // Entries that have `surface` (normalized with kNfkcCasefold) as name or alias.
  std::vector<uint32_t> Lookup(std::string_view normalized_surface) const;

  // Ambiguous names (인도: India or 인도하다; Apple: the company or the fruit)
  // carry an attribute `context=word|word|...`. A match of such an entry
  // counts only when one of the words occurs in `folded_sentence` (the
  // casefolded text of the sentence); entries without the attribute always
  // count. Context words are normalized once, at Build().
  bool ContextSatisfied(uint32_t entry, std::string_view folded_sentence) const;
  bool HasContext(uint32_t entry) const;

  GazetteerStats Stats() const;

  // Appends every match in `folded` (NFKC-casefolded text, see above) to `*out`,
  // ordered by begin, then end, then entry index. Never fails; allocates only
  // by appending to `*out`. Text that is not valid UTF-8 is matched as far as
  // it goes, without reading out of bounds.
  void Match(std::string_view folded, const segment::ParticleSet& particles,
             std::vector<GazetteerMatch>* out) const;

  // The compiled image this gazetteer reads from (image.h): the bytes Build()
  // produced, or the mapped file. Writing them to a file gives a loadable image.
  std::string_view image_bytes() const;

  // Opaque outside src/gazetteer/ (defined in image_internal.h).
  struct Rep;

 private:
  friend class GazetteerBuilder;
  friend class ImageAccess;
  std::unique_ptr<Rep> rep_;
};

class GazetteerBuilder {
 public:
  GazetteerBuilder();
  ~GazetteerBuilder();
  // Parses a .tsv or .jsonl (or .ndjson) file, by extension, and adds its
  // entries. Errors name file:line. A duplicate id across or within files is an
  // error naming both places. A file with an error adds no entries.
  Status AddFile(const std::string& path);
  Status AddText(std::string_view content, const std::string& file_name, bool jsonl);
  // Checks id (non-empty, no white space, unique), type and name (non-empty)
  // and lowercases the type; errors are prefixed with entry.origin when set.
  Status Add(Entry entry);
  // Entries added so far (0 again after a consuming build).
  size_t size() const { return staged_.size(); }
  // Normalizes every name and alias with `normalizer` and builds the trie. A
  // surface that normalizes to nothing is an error. The builder keeps its
  // entries, so it may add more and build again.
  StatusOr<Gazetteer> Build(const text::Normalizer& normalizer);
  // Build() with a source hash and source list recorded in the image header
  // (image.h), for images that are written to disk and checked on load. This
  // one consumes the builder (it is left empty): at a million entries, freeing
  // the entries as soon as the image holds them keeps a build under 1 GB.
  StatusOr<Gazetteer> Build(const text::Normalizer& normalizer, uint64_t source_hash,
                            std::string_view sources);
  // The same image written to `path` (atomically: a temporary file renamed)
  // section by section, without a second copy of it in memory; map the file to
  // use it (LoadImage). Consumes the builder like the Build() above.
  Status BuildToFile(const text::Normalizer& normalizer, uint64_t source_hash, std::string_view sources,
                     const std::string& path);

 private:
  StatusOr<Gazetteer> BuildImage(const text::Normalizer& normalizer, uint64_t source_hash, std::string_view sources,
                                 bool consume);
  // Lays out the image into `*writer` (image_internal.h); `consume` frees the
  // staged entries as soon as the writer holds them.
  Status Layout(const text::Normalizer& normalizer, std::string_view sources, bool consume,
                image::ImageWriter* writer);
  // Drops the entries added after the first `count` (a file with an error).
  void Truncate(size_t count);
  // The slot of `id` in id_slots_: its entry, or an empty slot.
  size_t IdSlot(std::string_view id) const;
  std::string_view IdAt(uint32_t index) const;
  // Grows id_slots_ to hold `count` entries at most half full.
  void ReserveIds(size_t count);
  void SetIdSlot(std::string_view id, uint32_t index);
  // The staged entry's origin ("file:line", or "" when none); OriginOf says
  // "(added in code)" for none.
  std::string OriginText(uint32_t index) const;
  std::string OriginOf(uint32_t index) const;

  // Entries are staged serialized, one record each in one arena (layout at
  // "Staging" in gazetteer.cc), not as Entry objects: a million entries as
  // strings and maps cost ~600 MB and a few seconds of malloc and free, the
  // arena a tenth of that.
  std::string arena_;
  std::vector<uint64_t> staged_;  // offset of each entry's record in arena_
  // "file:line" origins are staged as a file index and a number.
  std::vector<std::string> origin_files_;
  std::unordered_map<std::string, uint32_t> origin_file_index_;
  // Open addressing (linear probing) over entry indices by id, at most half
  // full: duplicate ids are found without a second copy of every id. A slot is
  // the id's hash (high 32 bits) and the entry index (low 32 bits).
  std::vector<uint64_t> id_slots_;
};

}  // namespace relata::gazetteer

#endif  // RELATA_GAZETTEER_GAZETTEER_H_
