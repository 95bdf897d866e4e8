// The trie matcher against the obvious algorithm: for every entry surface and
// every byte offset, compare and ask the shared boundary function. Texts and
// gazetteers are generated from a fixed seed out of pieces chosen to collide
// (shared prefixes, names inside names, particles, Latin next to Hangul).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "gazetteer/gazetteer.h"
#include "segment/boundary.h"
#include "test_util.h"

namespace relata::gazetteer {
namespace {

using Key = std::tuple<size_t, size_t, uint32_t, size_t>;
Key KeyOf(const GazetteerMatch& m) { return {m.begin, m.end, m.entry, m.particle_end}; }

const char* const kNamePieces[] = {"삼성", "전자", "메타", "인도", "서울", "한국", "네시아", "하이닉스",
                                   "sk", "meta", "tsmc", "s24", "lg", "a", "ab", "에", "가", "·"};
const char* const kTextPieces[] = {"삼성", "전자", "메타", "인도", "서울", "한국", "네시아", "하이닉스", "sk",
                                   "meta", "tsmc", "s24", "lg", "a", "ab", "가", "이", "는", "은", "를", "을",
                                   "로", "으로", "에서", "와", "과", "의", "다", "이다", "버스", "하는", " ",
                                   " ", " ", ",", ".", "'s", "’s", "(", ")", "·", "\n", "x", "7"};

// Every surface reported by the naive scan is the normalized name or alias.
std::vector<Key> NaiveMatch(const std::vector<std::vector<std::string>>& surfaces, std::string_view text,
                                       const segment::ParticleSet& particles) {
  std::vector<Key> out;
  for (uint32_t e = 0; e < surfaces.size(); ++e) {
    std::vector<std::string> unique = surfaces[e];
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (const std::string& s : unique) {
      for (size_t p = 0; p + s.size() <= text.size(); ++p) {
        if ((static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) continue;  // not a code point start
        if (text.compare(p, s.size(), s) != 0) continue;
        size_t particle_end = 0;
        if (!segment::IsNameBoundary(text, p, p + s.size(), particles, &particle_end)) continue;
        out.push_back({p, p + s.size(), e, particle_end});
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_SUITE("gazetteer") {

TEST_CASE("trie matching agrees with a naive scan on generated gazetteers and texts") {
  std::mt19937 rng(20240229);
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  const size_t kNamePieceCount = sizeof(kNamePieces) / sizeof(kNamePieces[0]);
  const size_t kTextPieceCount = sizeof(kTextPieces) / sizeof(kTextPieces[0]);
  size_t total_matches = 0;

  for (int round = 0; round < 60; ++round) {
    GazetteerBuilder builder;
    std::vector<std::vector<std::string>> surfaces;
    // The last rounds are large enough for wide nodes (more children than
    // are scanned, found through the image's hash table) and for surfaces
    // shared by many entries.
    const size_t entry_count = 1 + pick(round < 50 ? 25 : 300);
    for (size_t e = 0; e < entry_count; ++e) {
      Entry entry;
      entry.id = "x:" + std::to_string(e);
      entry.type = "company";
      std::vector<std::string> names;
      const size_t name_count = 1 + pick(3);
      for (size_t k = 0; k < name_count; ++k) {
        std::string name;
        const size_t parts = 1 + pick(3);
        for (size_t q = 0; q < parts; ++q) {
          if (q > 0 && pick(4) == 0) name += ' ';
          name += kNamePieces[pick(kNamePieceCount)];
        }
        names.push_back(name);
      }
      entry.name = names[0];
      entry.aliases.assign(names.begin() + 1, names.end());
      for (std::string& n : names) n = testing::Folder().NormalizeString(n);
      surfaces.push_back(names);
      REQUIRE(builder.Add(entry).ok());
    }
    auto built = builder.Build(testing::Folder());
    REQUIRE(built.ok());

    for (int t = 0; t < 20; ++t) {
      std::string text;
      const size_t pieces = pick(60);
      for (size_t q = 0; q < pieces; ++q) text += kTextPieces[pick(kTextPieceCount)];
      const std::string folded = testing::Folder().NormalizeString(text);
      std::vector<GazetteerMatch> fast;
      built->Match(folded, testing::Particles(), &fast);
      // Reported order is begin, then end (entry ascending within one surface).
      CHECK(std::is_sorted(fast.begin(), fast.end(), [](const GazetteerMatch& a, const GazetteerMatch& b) {
        return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
      }));
      std::vector<Key> sorted;
      for (const GazetteerMatch& m : fast) sorted.push_back(KeyOf(m));
      std::sort(sorted.begin(), sorted.end());
      const std::vector<Key> naive = NaiveMatch(surfaces, folded, testing::Particles());
      CAPTURE(folded);
      CHECK(sorted.size() == naive.size());
      CHECK(sorted == naive);
      total_matches += naive.size();
    }
  }
  // The generator must actually produce matches for the comparison to mean much.
  CHECK(total_matches > 500);
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::gazetteer
