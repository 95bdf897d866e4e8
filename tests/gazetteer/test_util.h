// Shared helpers for the gazetteer tests: the Korean particle list, the
// casefolding normalizer and a builder for small inline gazetteers.
#ifndef RELATA_TESTS_GAZETTEER_TEST_UTIL_H_
#define RELATA_TESTS_GAZETTEER_TEST_UTIL_H_

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "gazetteer/gazetteer.h"
#include "segment/particles.h"
#include "text/normalizer.h"

namespace relata::gazetteer::testing {

inline const segment::ParticleSet& Particles() {
  static const segment::ParticleSet* set = [] {
    auto loaded = segment::ParticleSet::LoadFile(std::string(RELATA_SOURCE_DIR) + "/rules/ko/particles.tsv");
    REQUIRE_MESSAGE(loaded.ok(), loaded.status().message());
    return new segment::ParticleSet(std::move(loaded).value());
  }();
  return *set;
}

inline const text::Normalizer& Folder() {
  static const text::Normalizer* n = [] {
    auto created = text::Normalizer::Create(text::NormalForm::kNfkcCasefold);
    REQUIRE_MESSAGE(created.ok(), created.status().message());
    return new text::Normalizer(std::move(created).value());
  }();
  return *n;
}

inline Gazetteer BuildTsv(std::string_view tsv) {
  GazetteerBuilder builder;
  Status st = builder.AddText(tsv, "test.tsv", /*jsonl=*/false);
  REQUIRE_MESSAGE(st.ok(), st.message());
  auto built = builder.Build(Folder());
  REQUIRE_MESSAGE(built.ok(), built.status().message());
  return std::move(built).value();
}

// One match rendered for readable assertions: "id|surface|particle".
struct Found {
  std::string id;
  std::string surface;
  std::string particle;
  friend bool operator==(const Found& a, const Found& b) {
    return a.id == b.id && a.surface == b.surface && a.particle == b.particle;
  }
};

inline std::ostream& operator<<(std::ostream& os, const Found& f) {
  return os << f.id << "|" << f.surface << "|" << f.particle;
}

// Folds `text` and matches it; returns the matches in the order reported.
inline std::vector<Found> MatchText(const Gazetteer& g, std::string_view text) {
  const std::string folded = Folder().NormalizeString(text);
  std::vector<GazetteerMatch> matches;
  g.Match(folded, Particles(), &matches);
  std::vector<Found> found;
  for (const GazetteerMatch& m : matches) {
    found.push_back({std::string(g.entry(m.entry).id()), folded.substr(m.begin, m.end - m.begin),
                     folded.substr(m.end, m.particle_end - m.end)});
  }
  return found;
}

}  // namespace relata::gazetteer::testing

#endif  // RELATA_TESTS_GAZETTEER_TEST_UTIL_H_
